import { WorkloadSchema } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { placementKeys } from '../../../lib/query-keys.ts';
import { workloadQueries } from './workload-queries.ts';

/**
 * DELETE /api/workloads/:id: releases the workload's GPUs and power. Every workload view is refreshed
 * before the release counts as done; the site's capacity and any plan are stale too (its GPUs are free).
 */
export function useReleaseWorkload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/api/workloads/${encodeURIComponent(id)}`, WorkloadSchema, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: placementKeys.capacity() });
      void queryClient.invalidateQueries({ queryKey: placementKeys.plans() });
      return queryClient.invalidateQueries({ queryKey: workloadQueries.all() });
    },
  });
}
