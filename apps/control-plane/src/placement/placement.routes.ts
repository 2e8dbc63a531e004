import {
  CapacitySchema,
  IdempotencyKeySchema,
  IdSchema,
  NoSiteFitsSchema,
  PlanSchema,
  PolicySchema,
  WorkloadDetailSchema,
  WorkloadFilterSchema,
  WorkloadListSchema,
  WorkloadRequestSchema,
  WorkloadSchema,
} from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { FLEET_READ, personWith, v1Route } from '../auth/route-access.ts';
import { ClientGoneError } from './workload-service.ts';
import { batchPlanRoutes } from './batch-plan.routes.ts';
import { clientGone, type PlacementRouteDeps } from './placement-route-deps.ts';

export type { PlacementRouteDeps } from './placement-route-deps.ts';

const route = v1Route<PlacementRouteDeps>();

const workloadRequest = { schema: WorkloadRequestSchema, what: 'workload request' };
const workloadId = { id: { schema: IdSchema, what: 'workload id' } };

/** Plans, workloads (commit, list, read, release), capacity and policy. The acting user is the audit log's actor. */
export const placementRoutes = [
  ...batchPlanRoutes,
  route({
    method: 'post',
    path: '/placements/plan',
    access: personWith('placement:plan'),
    tag: 'placement',
    summary: 'Plan a workload (dry run, audited)',
    request: { body: workloadRequest },
    responses: { 200: { description: 'The plan.', body: PlanSchema } },
    errors: [403],
    handler: ({ body, req, deps }) => deps.workloads.plan(body, actingAs(req)),
  }),
  route({
    method: 'post',
    path: '/workloads',
    access: personWith('workloads:write'),
    tag: 'workloads',
    summary: 'Plan and commit a workload in one atomic step',
    request: {
      headers: { 'Idempotency-Key': { schema: IdempotencyKeySchema.optional(), what: 'Idempotency-Key header', description: 'A repeat answers the workload the first one created.' } },
      body: workloadRequest,
    },
    responses: { 201: { description: 'The workload, placed (`Idempotent-Replayed: true` on a repeat).', body: WorkloadSchema } },
    errors: [403, 409],
    errorBodies: { 409: { description: 'No site fits: the plan says why. Nothing was held.', body: NoSiteFitsSchema } },
    handler: async ({ body, headers, req, res, deps }) => {
      const idempotencyKey = headers['Idempotency-Key'];
      const signal = clientGone(res);
      const committed = await deps.workloads.commit(body, { ...actingAs(req), signal, ...(idempotencyKey ? { idempotencyKey } : {}) }).catch((error: unknown) => {
        // No one is left to answer: the commit stopped and wrote nothing.
        if (error instanceof ClientGoneError) return undefined;
        throw error;
      });
      if (!committed) return;
      const { workload, replayed } = committed;
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.location(`/v1/workloads/${workload.id}`);
      return workload;
    },
  }),
  route({
    method: 'get',
    path: '/workloads',
    access: personWith('workloads:read'),
    tag: 'workloads',
    summary: 'Workloads, filtered (a tenant: its own)',
    request: { query: { schema: WorkloadFilterSchema, what: 'workload filter' } },
    responses: { 200: { description: 'The workloads.', body: WorkloadListSchema } },
    handler: async ({ query, req, deps }) => ({ workloads: await deps.workloads.list(query, actingAs(req)) }),
  }),
  route({
    method: 'get',
    path: '/workloads/:id',
    access: personWith('workloads:read'),
    tag: 'workloads',
    summary: 'One workload with its plan and audit trail',
    request: { params: workloadId },
    responses: { 200: { description: 'The workload.', body: WorkloadDetailSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.workloads.detail(params.id, actingAs(req)),
  }),
  route({
    method: 'delete',
    path: '/workloads/:id',
    access: personWith('workloads:write'),
    tag: 'workloads',
    summary: 'Release a workload',
    request: { params: workloadId },
    responses: { 200: { description: 'The workload, released.', body: WorkloadSchema } },
    errors: [404, 409],
    handler: ({ params, req, deps }) => deps.workloads.release(params.id, actingAs(req)),
  }),
  route({
    method: 'get',
    path: '/capacity',
    access: FLEET_READ,
    tag: 'workloads',
    summary: "Every site's GPUs and IT power: installed, reserved, free",
    responses: { 200: { description: 'Capacity as reservations stand now.', body: CapacitySchema } },
    handler: ({ deps }) => deps.workloads.capacity(),
  }),
  route({
    method: 'get',
    path: '/policy',
    access: FLEET_READ,
    tag: 'policy',
    summary: 'The policy pack and its version (content hash)',
    responses: { 200: { description: 'The policy.', body: PolicySchema } },
    handler: ({ deps }) => ({ ...deps.workloads.policy.pack, version: deps.workloads.policy.version }),
  }),
];
