import { WorkloadDetailSchema, WorkloadListSchema, type WorkloadFilter } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { workloadKeys } from '../../../lib/query-keys.ts';
import { isSettling } from '../model/workload-state.ts';

/** How often a workload on its way to running is asked again (the live stream carries no workload events). */
const SETTLING_REFETCH_MS = 3_000;

/** The list's query string, parameters in a fixed order: "?state=running&site=usdc-tangier-1". */
export function filterQuery(filter: WorkloadFilter): string {
  const params = new URLSearchParams();
  for (const key of ['state', 'site', 'tenant', 'sector', 'flagged'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Query options for workloads: the list keyed by its filters, one workload (with its plan and audit trail) by id. */
export const workloadQueries = {
  all: workloadKeys.all,
  list: (filter: WorkloadFilter) =>
    queryOptions({
      queryKey: workloadKeys.list(filter),
      queryFn: ({ signal }) => apiGet(`/api/workloads${filterQuery(filter)}`, WorkloadListSchema, signal),
      // States move on their own (placed → running, migrations): a list shown again is asked again.
      staleTime: 5_000,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: workloadKeys.detail(id),
      queryFn: ({ signal }) => apiGet(`/api/workloads/${encodeURIComponent(id)}`, WorkloadDetailSchema, signal),
      staleTime: 5_000,
      refetchInterval: (query) => (query.state.data && isSettling(query.state.data.workload.state) ? SETTLING_REFETCH_MS : false),
    }),
};
