import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, LOGIN_PATH } from '../../../lib/api-client.ts';

/**
 * DELETE /api/session, then the login page as a new page load: nothing the person saw stays in memory
 * (query cache, live stream) for whoever uses the browser next.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => apiRequest('/api/session', z.undefined(), { method: 'DELETE' }),
    onSuccess: () => window.location.replace(LOGIN_PATH),
  });
}
