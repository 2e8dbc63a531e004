import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@corridor/shared';

/**
 * Who is acting for the request being served. The authentication middleware runs the rest of the
 * request inside `acting.run(principal, …)`, so the upstream client can sign the acting user onto
 * every control-plane call without each service passing it along.
 */
export const acting = new AsyncLocalStorage<Principal>();

// Augments Express's own Request type (through @types/express's global namespace: the
// express-serve-static-core module is not resolvable from this package under pnpm).
declare global {
  namespace Express {
    interface Request {
      /** Set by the authentication middleware when the request carries a valid session or API token. */
      principal?: Principal;
      /** The session id, when the principal comes from a session cookie. */
      sessionId?: string;
      /** Why the credentials sent were refused (an unknown token): the 401 a non-public route answers. */
      credentialsRefused?: string;
    }
  }
}
