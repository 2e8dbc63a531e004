import type { Request } from 'express';
import { z } from 'zod';
import {
  CapacitySchema,
  ErrorBodySchema,
  IdempotencyKeySchema,
  IdSchema,
  LATENCY_MODEL,
  NoSiteFitsSchema,
  PlanSchema,
  PolicySchema,
  WorkloadDetailSchema,
  WorkloadFilterSchema,
  WorkloadListSchema,
  WorkloadRequestSchema,
  WorkloadSchema,
  WriteOutcomeUnknownSchema,
  type Principal,
} from '@corridor/shared';
import type { PlacementService } from '../services/placement-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface PlacementRouteDeps {
  placement: PlacementService;
}

const route = apiRoute<PlacementRouteDeps>();

/** Who acts: always set behind a permission gate. */
const viewer = (req: Request): Principal => req.principal!;

const workloadRequest = { schema: WorkloadRequestSchema, what: 'workload request' };
const workloadId = { id: { schema: IdSchema, what: 'workload id' } };

/** The answers of a write that could not be done now: refused unsent (429), or not done or not known (503). */
const BUSY = { description: 'Too many writes are waiting for the control plane: nothing was sent or done; `Retry-After` says when to try again.', body: ErrorBodySchema };
const unknownOutcome = (retry: string) => ({
  description: `The control plane is unreachable or did not answer in time. Without \`outcome\` nothing was done. With \`outcome: "unknown"\` the write was sent and may have been done: ${retry}`,
  body: z.union([WriteOutcomeUnknownSchema, ErrorBodySchema]),
});

/**
 * Placement: plans (dry run), workloads (commit with Idempotency-Key, 409 with the plan; list, read,
 * release), capacity and policy. Workloads and plans change with every commit: never cached. Tenants are
 * confined to their own workloads by the service.
 */
export const placementRoutes = [
  route({
    method: 'post',
    path: '/placements/plan',
    access: 'placement:plan',
    tag: 'placement',
    summary: 'Plan a workload (dry run: nothing is held)',
    description: `Every site of the fleet, either a ranked candidate with its score parts or rejected with all of its reasons. ${LATENCY_MODEL}`,
    request: { body: workloadRequest },
    responses: { 200: { description: 'The plan.', body: PlanSchema } },
    errors: [429, ...UPSTREAM_ERRORS],
    errorBodies: { 429: BUSY },
    handler: ({ body, req, res, deps }) => {
      noStore(res);
      return deps.placement.plan(body, viewer(req));
    },
  }),
  route({
    method: 'post',
    path: '/workloads',
    access: 'workloads:write',
    tag: 'workloads',
    summary: 'Plan and commit a workload in one atomic step',
    description:
      'Reserves GPUs and power on the best candidate, or on the candidate `siteId` names (that site only: refused with 409 and its reasons when it cannot take the workload now). The same `Idempotency-Key` answers the same workload; without one the BFF makes one, so its own resend is safe and a 503 whose outcome is unknown names it.',
    request: {
      headers: {
        'Idempotency-Key': {
          schema: IdempotencyKeySchema.optional(),
          what: 'Idempotency-Key header',
          description: 'Makes the commit safe to retry: a repeat answers the workload the first one created.',
        },
      },
      body: workloadRequest,
    },
    responses: { 201: { description: 'The workload, placed.', body: WorkloadSchema } },
    errors: [409, 429, ...UPSTREAM_ERRORS],
    errorBodies: {
      409: { description: 'No site fits: the plan says why, site by site. Nothing was held.', body: NoSiteFitsSchema },
      429: BUSY,
      503: unknownOutcome(
        'send the same request again with the `Idempotency-Key` the body names (the one sent, or one the BFF made) to get the workload it placed, or a fresh attempt if it placed none.',
      ),
    },
    handler: ({ body, headers, req, res, deps }) => {
      noStore(res);
      return deps.placement.commit(body, viewer(req), headers['Idempotency-Key']);
    },
  }),
  route({
    method: 'get',
    path: '/workloads',
    access: 'workloads:read',
    tag: 'workloads',
    summary: 'Workloads, filtered',
    request: {
      query: {
        schema: WorkloadFilterSchema,
        what: 'workload filter',
        notes: {
          state: 'Lifecycle state.',
          site: 'Id of the site it runs on.',
          tenant: 'Tenant id.',
          sector: 'Sector.',
          flagged: '`true`: only the workloads the policy in force no longer allows where they run (each with its `policyFlag`); `false`: only the others.',
        },
      },
    },
    responses: { 200: { description: 'The workloads.', body: WorkloadListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ query, req, res, deps }) => {
      noStore(res);
      return deps.placement.list(query, viewer(req));
    },
  }),
  route({
    method: 'get',
    path: '/workloads/:id',
    access: 'workloads:read',
    tag: 'workloads',
    summary: 'One workload with the plan that placed it and its audit trail',
    request: { params: workloadId },
    responses: { 200: { description: 'The workload.', body: WorkloadDetailSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, req, res, deps }) => {
      noStore(res);
      return deps.placement.detail(params.id, viewer(req));
    },
  }),
  route({
    method: 'delete',
    path: '/workloads/:id',
    access: 'workloads:write',
    tag: 'workloads',
    summary: 'Release a workload (its GPUs and power return to the site)',
    request: { params: workloadId },
    responses: { 200: { description: 'The workload, released.', body: WorkloadSchema } },
    errors: [404, 409, 429, ...UPSTREAM_ERRORS],
    errorBodies: { 429: BUSY, 503: unknownOutcome('release it again: releasing a released workload answers it unchanged.') },
    handler: ({ params, req, res, deps }) => {
      noStore(res);
      return deps.placement.release(params.id, viewer(req));
    },
  }),
  route({
    method: 'get',
    path: '/capacity',
    access: 'fleet:read',
    tag: 'workloads',
    summary: "Every site's GPUs by model and IT power: installed, reserved, free",
    responses: { 200: { description: 'Capacity as reservations stand now.', body: CapacitySchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.placement.capacity();
    },
  }),
  route({
    method: 'get',
    path: '/policy',
    access: 'fleet:read',
    tag: 'policy',
    summary: 'The policy pack: groups, conditions, rules and its version (content hash)',
    responses: { 200: { description: 'The policy.', body: PolicySchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.placement.policy();
    },
  }),
];
