import type { Request } from 'express';
import {
  CapacityForecastSchema,
  ForecastQuerySchema,
  HEADROOM_DEFAULT_GPUS,
  HeadroomQuerySchema,
  SiteLossRequestSchema,
  SiteLossSchema,
  SOVEREIGN_FIGURES,
  SovereignHeadroomSchema,
} from '@corridor/shared';
import { forecastCsv, headroomCsv, siteLossCsv, type SovereignCapacityService } from '../services/capacity-sovereign-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface SovereignCapacityRouteDeps {
  sovereign: SovereignCapacityService;
}

const route = apiRoute<SovereignCapacityRouteDeps>();

/** `Accept: text/csv` (preferred over JSON) asks for the CSV form; anything else gets JSON. */
const wantsCsv = (req: Request) => req.accepts(['application/json', 'text/csv']) === 'text/csv';

const CSV_NOTE = "With `Accept: text/csv` the same answer comes as RFC 4180 CSV (units in the column names; a text cell starting with = + - @ is prefixed with ' so no spreadsheet runs it).";
const TENANT_NOTE =
  'A tenant user sees only the classes of its own workloads, and only its own workloads in committed figures, demand and N-1 lists; lawful, free and pipeline figures are the supply its own plans already show.';
const PLACER_NOTE = 'Answered by the placer (the control plane that plans): headroom is what a plan would offer.';
const definitions = Object.entries(SOVEREIGN_FIGURES)
  .map(([word, definition]) => `**${word}**: ${definition}`)
  .join(' ');

/** Sends `body` as CSV when asked, under a dated file name; otherwise returns it for JSON. */
function csvOr<T extends { asOf: string }>(req: Request, res: Parameters<typeof noStore>[0], body: T, name: string, csv: (b: T) => string): T | undefined {
  noStore(res).vary('Accept');
  if (!wantsCsv(req)) return body;
  res.set('Content-Disposition', `attachment; filename="corridor-${name}-${body.asOf.slice(0, 10)}.csv"`);
  res.type('text/csv; charset=utf-8').send(csv(body));
  return undefined;
}

/** Sovereign headroom, N-1 and forecast: capacity read through the policy pack (issue 12). */
export const capacitySovereignRoutes = [
  route({
    method: 'get',
    path: '/capacity/headroom',
    access: 'fleet:read',
    tag: 'capacity',
    summary: 'Sovereign headroom: per regulated demand class of the policy pack, GPUs and MW lawful, committed, free now and in the pipeline by quarter, and whether a request could be served now',
    description: `${definitions} ${PLACER_NOTE} ${TENANT_NOTE} ${CSV_NOTE}`,
    request: {
      query: {
        schema: HeadroomQuerySchema,
        what: 'headroom query',
        notes: { gpus: `The GPUs asked of every class (default ${HEADROOM_DEFAULT_GPUS}).`, model: 'The GPU model asked (any model when absent).' },
      },
    },
    responses: { 200: { description: 'Headroom per class as of `asOf`, under the fleet and policy versions it names.', body: SovereignHeadroomSchema } },
    errors: UPSTREAM_ERRORS,
    handler: async ({ query, req, res, deps }) => csvOr(req, res, await deps.sovereign.headroom(query), 'headroom', headroomCsv),
  }),
  route({
    method: 'post',
    path: '/capacity/site-loss',
    access: 'fleet:read',
    tag: 'capacity',
    summary: 'N-1: what losing one site would do — committed workloads re-placed lawfully elsewhere (where) or stranded (why), and the lawful headroom left per class',
    description: `A read, sent as a POST because the question has a body: nothing is reserved, moved or audited, and the answer says \`dryRun: true\`. The re-placement is the drain planner's dry run of that site. \`largestSiteId\` names the console's default pick. ${PLACER_NOTE} ${TENANT_NOTE} ${CSV_NOTE}`,
    request: { body: { schema: SiteLossRequestSchema, what: 'site-loss question' } },
    responses: { 200: { description: 'The what-if as of `asOf`.', body: SiteLossSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: async ({ body, req, res, deps }) => csvOr(req, res, await deps.sovereign.siteLoss(body), 'site-loss', siteLossCsv),
  }),
  route({
    method: 'get',
    path: '/capacity/forecast',
    access: 'fleet:read',
    tag: 'capacity',
    summary: 'Forecast: committed demand per class over the past weeks against lawful supply for the next 8 quarters, the first crossing flagged',
    description: `The method is stated in the answer (\`method.description\`). ${PLACER_NOTE} ${TENANT_NOTE} ${CSV_NOTE}`,
    request: { query: { schema: ForecastQuerySchema, what: 'forecast query', notes: { weeks: 'Weeks of commits the trend is fitted on (default 12).' } } },
    responses: { 200: { description: 'Demand and lawful supply per class as of `asOf`.', body: CapacityForecastSchema } },
    errors: UPSTREAM_ERRORS,
    handler: async ({ query, req, res, deps }) => csvOr(req, res, await deps.sovereign.forecast(query), 'forecast', forecastCsv),
  }),
];
