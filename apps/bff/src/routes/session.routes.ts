import { Router } from 'express';
import { HttpError, LoginRequestSchema, type LoginProviders } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import type { Identity } from '../identity/identity.ts';

/** Sign-in answers and who-is-signed-in views are personal: never stored by any cache. */
const NO_STORE = 'no-store';

/**
 * The public half of sessions (no sign-in needed): `GET /api/session/providers` (what the login page
 * offers) and `POST /api/session` (sign in with a password; 401 / 429).
 */
export function loginRoutes({ identity, providers }: { identity: Pick<Identity, 'users' | 'passwordLogin'>; providers: Omit<LoginProviders, 'local'> }): Router {
  const router = Router();

  router.get('/session/providers', async (_req, res) => {
    const body: LoginProviders = { local: await identity.users.hasEnabledLocalUsers(), ...providers };
    res.set('Cache-Control', NO_STORE).json(body);
  });

  router.post('/session', async (req, res) => {
    const credentials = parseInput(LoginRequestSchema, req.body, 'sign-in');
    res.set('Cache-Control', NO_STORE).json(await identity.passwordLogin.attempt(req, res, credentials));
  });

  return router;
}

/** The signed-in half: `GET /api/session` (who, until when) and `DELETE /api/session` (sign out). */
export function sessionRoutes({ identity }: { identity: Pick<Identity, 'sessions'> }): Router {
  const router = Router();

  router.get('/session', async (req, res) => {
    const view = req.sessionId === undefined ? undefined : await identity.sessions.view(req.sessionId);
    if (!view) throw new HttpError(404, 'NOT_FOUND', 'no session: this request is authenticated by an API token');
    res.set('Cache-Control', NO_STORE).json(view);
  });

  router.delete('/session', async (req, res) => {
    await identity.sessions.logout(req, res);
    res.status(204).end();
  });

  return router;
}
