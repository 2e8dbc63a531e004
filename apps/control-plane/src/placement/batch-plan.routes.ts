import { BATCH_PLAN_MAX_WORKLOADS, BatchPlanRequestSchema, BatchPlanSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { FleetRouteDeps } from '../fleet/fleet.routes.ts';
import { BatchAbandonedError } from './batch-plan.ts';
import { BatchPlanService } from './batch-plan-service.ts';
import { clientGone, type PlacementRouteDeps } from './placement-route-deps.ts';

const route = v1Route<PlacementRouteDeps & FleetRouteDeps>();

/** The batch what-if (issue 15): who may plan may batch-plan; a tenant user for its own tenant only. */
export const batchPlanRoutes = [
  route({
    method: 'post',
    path: '/placements/batch-plan',
    access: personWith('placement:plan'),
    tag: 'placement',
    summary: 'Plan a batch of workloads in turn (dry run, nothing held or stored)',
    description: `Up to ${BATCH_PLAN_MAX_WORKLOADS} workload requests, each planned as a single plan would be and given its rank-1 site, whose GPUs and power the following rows can no longer use.`,
    request: { body: { schema: BatchPlanRequestSchema, what: 'batch plan' } },
    responses: { 200: { description: 'Each row placed or not and why, the totals, and what is left free per jurisdiction.', body: BatchPlanSchema } },
    errors: [403],
    handler: async ({ body, req, res, deps }) => {
      const batches = new BatchPlanService({ fleet: deps.fleet, workloads: deps.workloads });
      return batches.plan(body, actingAs(req), clientGone(res)).catch((error: unknown) => {
        // No one is left to answer: the rows not planned yet never will be.
        if (error instanceof BatchAbandonedError) return undefined;
        throw error;
      });
    },
  }),
];
