import express, { type RequestHandler } from 'express';
import {
  BATCH_CSV_COLUMNS,
  BATCH_CSV_MAX_CHARS,
  BATCH_PLAN_MAX_WORKLOADS,
  BatchPlanRequestSchema,
  BatchPlanSchema,
  batchCsvProblemField,
  batchPlanToCsv,
  describeBatchCsvProblems,
  ErrorBodySchema,
  InputError,
  parseBatchCsv,
} from '@corridor/shared';
import type { BatchPlanService } from '../services/batch-plan-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface BatchPlanRouteDeps {
  batchPlans: BatchPlanService;
}

const route = apiRoute<BatchPlanRouteDeps>();

const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * A CSV body (the file the console uploads) becomes the JSON body it spells, read by the same shared
 * parser as in the browser; a bad row is a 400 naming its row and column (`row 4: gpus`), and nothing is
 * planned. A JSON body was read by the app's parser already and passes through.
 */
const csvBody: RequestHandler[] = [
  express.text({ type: CSV_TYPES, limit: BATCH_CSV_MAX_CHARS * 2 }),
  (req, _res, next) => {
    if (!req.is(CSV_TYPES) || typeof req.body !== 'string') return next();
    const parsed = parseBatchCsv(req.body);
    if (!parsed.ok)
      throw new InputError(
        describeBatchCsvProblems(parsed.problems),
        parsed.problems.map((p) => ({ field: batchCsvProblemField(p), message: p.message })),
      );
    req.body = { workloads: parsed.workloads };
    next();
  },
];

/** The answer as the client asked: JSON unless it prefers CSV (`Accept: text/csv`), then one row per workload. */
function wantsCsv(accepts: (types: string[]) => string | false): boolean {
  return accepts(['application/json', 'text/csv']) === 'text/csv';
}

export const batchPlanRoutes = [
  route({
    method: 'post',
    path: '/placements/batch-plan',
    access: 'placement:plan',
    tag: 'placement',
    summary: 'Plan a batch of workloads in turn (dry run: nothing is held or stored)',
    description: [
      `Up to ${BATCH_PLAN_MAX_WORKLOADS} workload requests, each planned as a single plan would be and given its best site, whose GPUs and power the rows after it can no longer use; the fleet's committed figures are the starting point.`,
      `The body may also be CSV (\`Content-Type: text/csv\`): a header row of ${BATCH_CSV_COLUMNS.join(', ')} (\`ref\` and the last five optional; \`latencyFrom\` a city, a site id or \`lat lon\`; \`conditions\` separated by \`;\`), one workload per row. A bad row is a 400 naming it: \`row 4: gpus\` (the header is row 1).`,
      'With `Accept: text/csv` the answer is CSV, one row per workload: index, ref, name, outcome, siteId, jurisdiction, gpuModel, gpuCount, powerKw, score, candidates, reasons.',
      'A tenant plans for its own tenant only: another tenant in any row is a 403 naming it (`workloads.1.tenant`).',
    ].join('\n\n'),
    request: { body: { schema: BatchPlanRequestSchema, what: 'batch plan' } },
    bodyParser: csvBody,
    responses: { 200: { description: 'Each row placed (site, GPUs, kW, score) or not and why, the totals, and what is left free per jurisdiction.', body: BatchPlanSchema } },
    errors: [413, 429, ...UPSTREAM_ERRORS],
    errorBodies: { 429: { description: 'Too many writes are waiting for the control plane: nothing was sent; `Retry-After` says when to try again.', body: ErrorBodySchema } },
    handler: async ({ body, req, res, deps }) => {
      noStore(res);
      const plan = await deps.batchPlans.plan(body, req.principal!);
      if (!wantsCsv((types) => req.accepts(types))) return plan;
      res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="batch-plan.csv"').send(batchPlanToCsv(plan));
    },
  }),
];
