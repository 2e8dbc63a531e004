import { SessionViewSchema, type LoginRequest } from '@corridor/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** POST /api/session: a 401 here is wrong credentials (answered on the login page), a 429 a throttled login. */
export function useSignIn() {
  return useMutation({
    mutationFn: (credentials: LoginRequest) => apiRequest('/api/session', SessionViewSchema, { method: 'POST', body: credentials, signingIn: true }),
  });
}
