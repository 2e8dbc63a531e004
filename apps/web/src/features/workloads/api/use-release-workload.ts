import { WorkloadSchema } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { workloadQueries } from './workload-queries.ts';

/** DELETE /api/workloads/:id: releases the workload's GPUs and power; every workload view is refreshed. */
export function useReleaseWorkload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/api/workloads/${encodeURIComponent(id)}`, WorkloadSchema, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workloadQueries.all() }),
  });
}
