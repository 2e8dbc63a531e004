import { LoginProvidersSchema, LoginRequestSchema, NotFoundError, PreferencesSchema, SessionViewSchema, type LoginProviders } from '@corridor/shared';
import type { Identity } from '../identity/identity.ts';
import { SESSION_COOKIE } from '../identity/session-service.ts';
import { apiRoute, noStore } from './api-route.ts';

export interface SessionRouteDeps {
  identity: Pick<Identity, 'users' | 'passwordLogin' | 'sessions'>;
  /** What the login page offers besides local accounts (OpenID Connect, the demo users). */
  loginProviders: Omit<LoginProviders, 'local'>;
}

const route = apiRoute<SessionRouteDeps>();

/**
 * Sessions. Public: `GET /api/session/providers` (what the login page offers) and `POST /api/session`
 * (sign in with a password). Signed in: `GET /api/session` (who, until when), `DELETE /api/session` and
 * `PUT /api/session/preferences` (the language a person chose, kept with their account).
 * Sign-in answers and who-is-signed-in views are personal: never stored by any cache.
 */
export const sessionRoutes = [
  route({
    method: 'get',
    path: '/session/providers',
    access: 'public',
    tag: 'session',
    summary: 'What the login page offers: local accounts, OpenID Connect, the demo users',
    responses: { 200: { description: 'The sign-in methods.', body: LoginProvidersSchema } },
    handler: async ({ res, deps }) => {
      noStore(res);
      return { local: await deps.identity.users.hasEnabledLocalUsers(), ...deps.loginProviders };
    },
  }),
  route({
    method: 'post',
    path: '/session',
    access: 'public',
    tag: 'session',
    summary: 'Sign in with a username and password',
    description: `Opens a session with a new id and sets the \`${SESSION_COOKIE}\` cookie; ends the session the request came with. A wrong password and an unknown name get the same 401. Throttled per name and per address: after 5 failures for one name, each further failure blocks the name for twice as long (1 s up to 15 min); after 20 from one address, the address likewise (1 s up to 60 s, as a NAT may hide many people); attempts still being checked count too, so parallel guesses get no more checks. 429 with Retry-After; a success clears its name's count only. Every attempt is in the audit log.`,
    request: { body: { schema: LoginRequestSchema, what: 'sign-in' } },
    responses: { 200: { description: 'Signed in: who, and until when.', body: SessionViewSchema } },
    errors: [401, 429],
    handler: ({ body, req, res, deps }) => {
      noStore(res);
      return deps.identity.passwordLogin.attempt(req, res, body);
    },
  }),
  route({
    method: 'get',
    path: '/session',
    access: 'signed-in',
    tag: 'session',
    summary: 'Who is signed in, and until when',
    responses: { 200: { description: 'The session.', body: SessionViewSchema } },
    errors: [404],
    handler: async ({ req, res, deps }) => {
      const view = req.sessionId === undefined ? undefined : await deps.identity.sessions.view(req.sessionId);
      if (!view) throw new NotFoundError('no session: this request is authenticated by an API token');
      noStore(res);
      return view;
    },
  }),
  route({
    method: 'put',
    path: '/session/preferences',
    access: 'person',
    tag: 'session',
    summary: "Keep the signed-in person's choices (the console's language) with their account",
    description:
      "The person acts for themselves only, whatever their role: the choice is kept with the account they are signed in as (local or OpenID Connect), and every session of theirs, on any replica, reads it in its principal's `locale` on its next `GET /api/session`. An API token is no person and has no console to show in a language: 403. A body other than `{ locale }` with one of the console's languages is refused with 400 naming the field, and nothing is kept.",
    request: { body: { schema: PreferencesSchema, what: 'preferences' } },
    responses: { 200: { description: 'The session, with the language now kept.', body: SessionViewSchema } },
    errors: [404],
    handler: async ({ body, req, res, deps }) => {
      const username = req.principal!.username;
      // A disabled account's sessions are already gone; this only loses a race with the disabling.
      if (!(await deps.identity.users.setLocale(username, body.locale))) throw new NotFoundError(`no enabled account "${username}"`);
      const view = await deps.identity.sessions.view(req.sessionId!);
      if (!view) throw new NotFoundError('the session has ended');
      noStore(res);
      return view;
    },
  }),
  route({
    method: 'delete',
    path: '/session',
    access: 'signed-in',
    tag: 'session',
    summary: 'Sign out',
    description: 'Ends the session at once (on every replica) and clears the cookie.',
    responses: { 204: { description: 'Signed out.' } },
    handler: async ({ req, res, deps }) => {
      await deps.identity.sessions.logout(req, res);
      res.status(204).end();
    },
  }),
];
