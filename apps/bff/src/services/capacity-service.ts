import {
  CapacityLedgerSchema,
  EnergyReportSchema,
  rollUpEnergy,
  rollUpLedger,
  type CapacityLedger,
  type CapacityLedgerRow,
  type EnergyReport,
  type EnergyRow,
  type LedgerGroupBy,
  toCsv,
  type CsvValue,
} from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { ROW_HEAD, STAMP, stampOf } from './capacity-csv.ts';
import { withQuery } from './query-path.ts';

/** What the BFF forwards of an energy query: the bounds as given (ISO), or the period. */
export interface EnergyForward {
  from?: string | undefined;
  to?: string | undefined;
  period?: string | undefined;
  groupBy: LedgerGroupBy;
}

/** Site rows from several control planes, each site once (the first in the configured order wins). */
function uniqueSites<R extends { key: string }>(lists: readonly (readonly R[])[]): R[] {
  const seen = new Set<string>();
  return lists.flat().filter((row) => !seen.has(row.key) && seen.add(row.key));
}

const distinct = (values: readonly string[]) => [...new Set(values)].join(' + ');
const oldest = (times: readonly string[]) => times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));

/**
 * The capacity ledger and energy over the whole network: each control plane answers the site rows of
 * the sites it holds (confining a tenant's committed figures to its own workloads, for the acting user
 * the client signs onto each call); the BFF merges them and rolls up with the same shared code, so a
 * federated answer adds up exactly as one control plane's would. A control plane that does not answer
 * fails the read (503) rather than give totals that silently miss its sites.
 */
export class CapacityService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'all'>) {}

  async ledger(groupBy: LedgerGroupBy): Promise<CapacityLedger> {
    const parts = await Promise.all(this.planes.all().map(async (cp) => (await cp.get('/v1/capacity/ledger?groupBy=site', CapacityLedgerSchema)).data));
    const first = parts[0]!;
    return {
      ...first,
      groupBy,
      asOf: oldest(parts.map((p) => p.asOf)),
      fleetVersion: distinct(parts.map((p) => p.fleetVersion)),
      policyVersion: distinct(parts.map((p) => p.policyVersion)),
      rows: rollUpLedger(uniqueSites(parts.map((p) => p.rows)), groupBy),
    };
  }

  async energy(query: EnergyForward): Promise<EnergyReport> {
    const path = withQuery('/v1/capacity/energy', { from: query.from, to: query.to, period: query.period, groupBy: 'site' });
    const parts = await Promise.all(this.planes.all().map(async (cp) => (await cp.get(path, EnergyReportSchema)).data));
    const first = parts[0]!;
    return {
      ...first,
      groupBy: query.groupBy,
      asOf: oldest(parts.map((p) => p.asOf)),
      fleetVersion: distinct(parts.map((p) => p.fleetVersion)),
      // Annual only when every control plane's sites give an annual figure.
      pueBasis: parts.every((p) => p.pueBasis === 'annual') ? 'annual' : 'interim',
      rows: rollUpEnergy(uniqueSites(parts.map((p) => p.rows)), query.groupBy),
    };
  }
}

// ─── CSV (RFC 4180 by csv.ts; units in the column names) ─────────────────────────────────────────

const LEDGER_FIGURES = ['installed', 'committed', 'out_of_service', 'free', 'stranded', 'pipeline'] as const;
const FIGURE_KEY = { installed: 'installed', committed: 'committed', out_of_service: 'outOfService', free: 'free', stranded: 'stranded', pipeline: 'pipeline' } as const;

export const LEDGER_CSV_HEADER = [
  ...ROW_HEAD,
  'status',
  'under_maintenance',
  'pipeline_stage',
  'commissioning_date',
  'gpu_model',
  ...LEDGER_FIGURES.map((f) => `${f}_gpus`),
  ...LEDGER_FIGURES.map((f) => `${f}_mw_it`),
  'in_use_it_mw',
  'busy_gpus_measured',
  ...STAMP,
] as const;

/**
 * The ledger as CSV: per row, one line for all models (`gpu_model` = `all`, with the MW and measured
 * columns) and one per model (GPU columns only). Every line carries the as-of time and versions, so a
 * sheet cut out of the file still says when and under which policy it was true.
 */
export function ledgerCsv(ledger: CapacityLedger): string {
  const stamp = stampOf(ledger);
  const lines: CsvValue[][] = [];
  for (const row of ledger.rows) {
    const head = rowHead(row);
    lines.push([...head, 'all', ...LEDGER_FIGURES.map((f) => row.gpus[FIGURE_KEY[f]]), ...LEDGER_FIGURES.map((f) => row.mw[FIGURE_KEY[f]]), row.inUse.itMw, row.inUse.gpusBusy, ...stamp]);
    for (const m of row.gpusByModel) {
      lines.push([...head, m.model, ...LEDGER_FIGURES.map((f) => m[FIGURE_KEY[f]]), ...LEDGER_FIGURES.map(() => null), null, null, ...stamp]);
    }
  }
  return toCsv(LEDGER_CSV_HEADER, lines);
}

function rowHead(row: CapacityLedgerRow): CsvValue[] {
  const s = row.site;
  return [row.key, s?.name, s?.country, s?.blocs.join(' '), s?.status, s ? s.underMaintenance : row.sites.underMaintenance, s?.stage, s?.commissioningDate];
}

export const ENERGY_CSV_HEADER = [
  ...ROW_HEAD,
  'sites',
  'facility_mwh',
  'it_mwh',
  'pue',
  'pue_basis',
  'on_site_solar_mwh',
  'grid_mwh',
  'renewable_mwh',
  'renewable_share_ratio',
  'tco2e_location_based',
  'grid_carbon_g_per_kwh',
  'hours_with_data',
  'from',
  'to',
  'as_of',
  'fleet_version',
] as const;

/** Energy as CSV, one line per row, with the period, its PUE basis and the as-of time on each. */
export function energyCsv(report: EnergyReport): string {
  const line = (r: EnergyRow): CsvValue[] => [
    r.key,
    r.site?.name,
    r.site?.country,
    r.site?.blocs.join(' '),
    r.sites,
    r.facilityMwh,
    r.itMwh,
    r.pue,
    report.pueBasis,
    r.onSiteSolarMwh,
    r.gridMwh,
    r.renewableMwh,
    r.renewableShare,
    r.tco2e,
    r.site?.gridCarbonGPerKwh,
    r.hoursWithData,
    report.from,
    report.to,
    report.asOf,
    report.fleetVersion,
  ];
  return toCsv(ENERGY_CSV_HEADER, report.rows.map(line));
}
