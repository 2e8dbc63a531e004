import { UserSchema } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { adminQueries } from './admin-queries.ts';

/** DELETE /api/users/:username: the account is disabled and its sessions end at once. */
export function useDisableUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => apiRequest(`/api/users/${encodeURIComponent(username)}`, UserSchema, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminQueries.audit() });
      return queryClient.invalidateQueries({ queryKey: adminQueries.users().queryKey });
    },
  });
}
