import { UserSchema, type UserCreate } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { adminQueries } from './admin-queries.ts';

/** POST /api/users: a local account. The list shows it, and the audit log has a new record. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: UserCreate) => apiRequest('/api/users', UserSchema, { method: 'POST', body: user }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminQueries.audit() });
      return queryClient.invalidateQueries({ queryKey: adminQueries.users().queryKey });
    },
  });
}
