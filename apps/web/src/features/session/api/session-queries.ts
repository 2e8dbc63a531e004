import { LoginProvidersSchema, SessionViewSchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** Query options for the session: who is signed in (a 401 sends to the login page), and how one signs in. */
export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => apiGet('/api/session', SessionViewSchema, signal),
      // Who is signed in does not change under the page: a new sign-in is a new page load.
      staleTime: Infinity,
    }),
  providers: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'providers'] as const,
      queryFn: ({ signal }) => apiGet('/api/session/providers', LoginProvidersSchema, signal),
      staleTime: Infinity,
    }),
};
