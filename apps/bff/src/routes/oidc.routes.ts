import { z } from 'zod';
import { NotFoundError } from '@corridor/shared';
import type { OidcSignIn } from '../identity/oidc.ts';
import { OIDC_CALLBACK_PATH, OIDC_START_PATH } from '../identity/oidc-config.ts';
import { apiRoute } from './api-route.ts';

export interface OidcRouteDeps {
  /** Absent when OpenID Connect is not configured; the app then mounts neither route. */
  oidc?: OidcSignIn;
}

const route = apiRoute<OidcRouteDeps>();

const signIn = (deps: OidcRouteDeps): OidcSignIn => {
  if (!deps.oidc) throw new NotFoundError('OpenID Connect is not configured');
  return deps.oidc;
};

/** The routes live under /api, so they are declared relative to it, like every other /api route. */
export const oidcRoutes = [
  route({
    method: 'get',
    path: OIDC_START_PATH.replace(/^\/api/, ''),
    access: 'public',
    tag: 'session',
    summary: 'Sign in with your organisation (OpenID Connect, authorization code + PKCE): start',
    description: 'A browser navigation, not a JSON call: redirects to the provider; mounted only when OpenID Connect is configured.',
    request: {
      // Anything but one path of the console comes back to the console's start page; it never fails the sign-in.
      query: { schema: z.object({ returnTo: z.string().optional().catch(undefined) }), what: 'sign-in query', notes: { returnTo: 'A path of the console to come back to after sign-in.' } },
    },
    responses: { 302: { description: "To the provider's sign-in page, or to `/login?error=…`." } },
    handler: ({ req, res, deps }) => signIn(deps).start(req, res),
  }),
  route({
    method: 'get',
    path: OIDC_CALLBACK_PATH.replace(/^\/api/, ''),
    access: 'public',
    tag: 'session',
    summary: 'Sign in with your organisation: where the provider sends the browser back',
    description: 'Checks state, nonce and PKCE, reads role and tenant from the claims, opens a session; every failure redirects to `/login?error=<code>` and is audited.',
    responses: { 302: { description: 'Back to `returnTo`, signed in, or to `/login?error=…`.' } },
    handler: ({ req, res, deps }) => signIn(deps).callback(req, res),
  }),
];
