import { ApiTokenSchema } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { adminQueries } from './admin-queries.ts';

/** DELETE /api/tokens/:id: the token is refused from the next request on. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/api/tokens/${encodeURIComponent(id)}`, ApiTokenSchema, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminQueries.audit() });
      return queryClient.invalidateQueries({ queryKey: adminQueries.tokens().queryKey });
    },
  });
}
