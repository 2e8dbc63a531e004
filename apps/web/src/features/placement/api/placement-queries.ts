import { CapacitySchema, PlanSchema, PolicySchema, type WorkloadRequest } from '@corridor/shared';
import { keepPreviousData, queryOptions, skipToken } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client.ts';
import { placementKeys } from '../../../lib/query-keys.ts';

/**
 * Query options for placement. A plan is keyed by the whole request, so each distinct form state is
 * one cache entry; the previous plan stays on screen while the next one loads.
 */
export const placementQueries = {
  all: placementKeys.all,
  policy: () =>
    queryOptions({
      queryKey: placementKeys.policy(),
      queryFn: ({ signal }) => apiGet('/api/policy', PolicySchema, signal),
      // The pack changes with a deployment, not while a form is being filled.
      staleTime: 5 * 60_000,
    }),
  plans: placementKeys.plans,
  /** No request yet (the form is not complete): nothing is asked. */
  plan: (request: WorkloadRequest | undefined) =>
    queryOptions({
      queryKey: placementKeys.plan(request),
      queryFn: request ? ({ signal }) => apiRequest('/api/placements/plan', PlanSchema, { method: 'POST', body: request, signal }) : skipToken,
      placeholderData: keepPreviousData,
      // Free capacity and carbon move: a plan is an answer for now, asked again when the form comes back to it.
      staleTime: 10_000,
    }),
  /** What every site can still take (GPUs by model, kW): falls after a commit, rises after a release. */
  capacity: () =>
    queryOptions({
      queryKey: placementKeys.capacity(),
      queryFn: ({ signal }) => apiGet('/api/capacity', CapacitySchema, signal),
      staleTime: 10_000,
    }),
};
