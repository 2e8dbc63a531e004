import type { Request } from 'express';
import {
  CAPACITY_FIGURES,
  CapacityLedgerQuerySchema,
  CapacityLedgerSchema,
  ENERGY_FIGURES,
  ENERGY_MAX_DAYS,
  ENERGY_PERIODS,
  EnergyQuerySchema,
  EnergyReportSchema,
  TYPICAL_REQUEST_DEFINITION,
} from '@corridor/shared';
import { energyCsv, ledgerCsv, type CapacityService } from '../services/capacity-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface CapacityRouteDeps {
  capacity: CapacityService;
}

const route = apiRoute<CapacityRouteDeps>();

/** `Accept: text/csv` (preferred over JSON) asks for the CSV form; anything else gets JSON. */
const wantsCsv = (req: Request) => req.accepts(['application/json', 'text/csv']) === 'text/csv';

const CSV_NOTE = "With `Accept: text/csv` the same answer comes as RFC 4180 CSV (units in the column names; a text cell starting with = + - @ is prefixed with ' so no spreadsheet runs it).";
const GROUP_NOTE = '`site` (default), `country`, `bloc` (a site counts in each of its blocs: EU and EEA overlap; `none` for a country in no bloc) or `network`.';

const definitions = Object.values(CAPACITY_FIGURES)
  .map((f) => `**${f.word}**: ${f.definition}`)
  .join(' ');

/** The executive's capacity ledger and energy over the whole network (every control plane's sites). */
export const capacityRoutes = [
  route({
    method: 'get',
    path: '/capacity/ledger',
    access: 'fleet:read',
    tag: 'capacity',
    summary: 'The capacity ledger: installed, committed, in use, out of service, free, stranded and pipeline, in MW (IT) and GPUs by model',
    description: `${definitions} **typical request**: ${TYPICAL_REQUEST_DEFINITION} A tenant user sees the fleet's supply and in use, but committed only of its own workloads. ${CSV_NOTE}`,
    request: { query: { schema: CapacityLedgerQuerySchema, what: 'ledger query', notes: { groupBy: GROUP_NOTE } } },
    responses: { 200: { description: 'The ledger as of `asOf`, with the fleet and policy versions it was read under.', body: CapacityLedgerSchema } },
    errors: UPSTREAM_ERRORS,
    handler: async ({ query, req, res, deps }) => {
      const ledger = await deps.capacity.ledger(query.groupBy);
      noStore(res).vary('Accept');
      if (!wantsCsv(req)) return ledger;
      res.set('Content-Disposition', `attachment; filename="corridor-capacity-${query.groupBy}-${ledger.asOf.slice(0, 10)}.csv"`);
      res.type('text/csv; charset=utf-8').send(ledgerCsv(ledger));
    },
  }),
  route({
    method: 'get',
    path: '/capacity/energy',
    access: 'fleet:read',
    tag: 'capacity',
    summary: 'Energy over a period: facility and IT MWh, PUE, on-site solar, renewable share, location-based tCO2e',
    description: `From the hourly telemetry rollups, over whole hours. ${Object.entries(ENERGY_FIGURES)
      .map(([k, v]) => `**${k}**: ${v}`)
      .join(' ')} ${CSV_NOTE}`,
    request: {
      query: {
        schema: EnergyQuerySchema,
        what: 'energy query',
        notes: {
          from: 'Start (ISO 8601 date-time with offset, or a date: UTC midnight); floored to the hour. With `to`, unless `period` is given.',
          to: `End (same forms), raised to the hour; at most ${ENERGY_MAX_DAYS} days after \`from\`. With \`period\`: where the period ends (default now).`,
          period: `Instead of \`from\`: the ${Object.entries(ENERGY_PERIODS)
            .map(([p, d]) => `${p} (${d} days)`)
            .join(', ')} ending at the hour after \`to\` or now.`,
          groupBy: GROUP_NOTE,
        },
      },
    },
    responses: { 200: { description: 'Energy per row; `pueBasis` says whether the PUE is annual or interim.', body: EnergyReportSchema } },
    errors: UPSTREAM_ERRORS,
    handler: async ({ query, req, res, deps }) => {
      const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
      const report = await deps.capacity.energy({ from: iso(query.from), to: iso(query.to), period: query.period, groupBy: query.groupBy });
      noStore(res).vary('Accept');
      if (!wantsCsv(req)) return report;
      res.set('Content-Disposition', `attachment; filename="corridor-energy-${query.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`);
      res.type('text/csv; charset=utf-8').send(energyCsv(report));
    },
  }),
];
