import { ConsoleStatusSchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/**
 * The BFF's view of its control planes. Asked once on load; then the live stream keeps it current
 * (`status` events, and a single re-check when the stream drops, resumes or falls silent) — no polling.
 */
export const statusQueries = {
  all: () => ['status'] as const,
  console: () =>
    queryOptions({
      queryKey: [...statusQueries.all(), 'console'] as const,
      queryFn: ({ signal }) => apiGet('/api/status', ConsoleStatusSchema, signal),
      staleTime: 0,
      retry: false,
      meta: { refetchOnRecovery: false },
    }),
};
