import type { WorkloadFilter, WorkloadRequest } from '@corridor/shared';

/*
 * Keys of the server state that a mutation of another feature makes stale: placing a workload adds one
 * to the workload lists, releasing one frees capacity and changes plans. The placement and workloads
 * query-options factories build their queries on these keys, and the mutations invalidate through them,
 * so a key is written once and no feature imports another to reach it. Keys run general to specific.
 */

export const placementKeys = {
  all: () => ['placement'] as const,
  policy: () => [...placementKeys.all(), 'policy'] as const,
  plans: () => [...placementKeys.all(), 'plan'] as const,
  plan: (request: WorkloadRequest | undefined) => [...placementKeys.plans(), request ?? null] as const,
  capacity: () => [...placementKeys.all(), 'capacity'] as const,
};

export const workloadKeys = {
  all: () => ['workloads'] as const,
  list: (filter: WorkloadFilter) => [...workloadKeys.all(), 'list', filter] as const,
  detail: (id: string) => [...workloadKeys.all(), 'detail', id] as const,
};
