import { ConsoleStatusSchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** How often the console asks the BFF whether its control planes answer. */
export const STATUS_POLL_MS = 3_000;

export const statusQueries = {
  all: () => ['status'] as const,
  console: () =>
    queryOptions({
      queryKey: [...statusQueries.all(), 'console'] as const,
      queryFn: ({ signal }) => apiGet('/api/status', ConsoleStatusSchema, signal),
      refetchInterval: STATUS_POLL_MS,
      staleTime: 0,
      retry: false,
      meta: { refetchOnRecovery: false },
    }),
};
