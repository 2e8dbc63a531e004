import { ApiTokenCreatedSchema, type ApiTokenCreate } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { adminQueries } from './admin-queries.ts';

/**
 * POST /api/tokens: the answer holds the secret, the only time it exists outside a hash. It stays in
 * this mutation's result (component memory) and is never put in the query cache.
 */
export function useIssueToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: ApiTokenCreate) => apiRequest('/api/tokens', ApiTokenCreatedSchema, { method: 'POST', body: token }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminQueries.audit() });
      return queryClient.invalidateQueries({ queryKey: adminQueries.tokens().queryKey });
    },
  });
}
