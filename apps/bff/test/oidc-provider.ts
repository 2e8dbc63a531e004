import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderError } from 'oidc-provider';

/** A person at the organisation's identity provider: `sub` is what they type on its login form. */
export interface TestAccount {
  sub: string;
  preferred_username?: string;
  name?: string;
  /** Anything, so a test can hand out a role Corridor does not know. */
  corridor_role?: unknown;
  corridor_tenant?: string;
}

export const OIDC_ACCOUNTS = {
  operator: { sub: 'u-1001', preferred_username: 'alice.ops', name: 'Alice Operator', corridor_role: 'operator' },
  tenantA: { sub: 'u-2001', preferred_username: 'bob.tenant-a', name: 'Bob of Tenant A', corridor_role: 'tenant', corridor_tenant: 'tenant-a' },
  unknownRole: { sub: 'u-6666', preferred_username: 'mallory', name: 'Mallory', corridor_role: 'superuser' },
  /** Claims the name of a local account of the console. */
  localName: { sub: 'u-7777', preferred_username: 'admin', name: 'Not the local admin', corridor_role: 'admin' },
  /** The local admin's name in other letters: names are one account whatever their case. */
  localNameUpperCase: { sub: 'u-7778', preferred_username: 'ADMIN', name: 'Not the local admin either', corridor_role: 'admin' },
  /** Another person of the provider who chose the operator's preferred_username. */
  operatorNamesake: { sub: 'u-1002', preferred_username: 'alice.ops', name: 'Not Alice', corridor_role: 'admin' },
} satisfies Record<string, TestAccount>;

export const OIDC_CLIENT_ID = 'corridor-console';
/** The scopes the BFF must ask for: `corridor` carries the role and tenant claims. */
export const OIDC_SCOPES = 'openid profile corridor';

/** A server on a free loopback port whose handler is given later: the issuer and redirect URI must name the port first. */
export async function serveLater() {
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle(next: RequestListener) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1: one confidential client allowed only the
 * given redirect URI, PKCE (S256) required, and the built-in development login and consent pages, which a
 * test drives with plain form posts (any password; the login is the account's `sub`). Role and tenant
 * come under the `corridor` scope, so a conforming provider serves them from UserInfo.
 */
export async function startOidcProvider(redirectUri: string, accounts: TestAccount[] = Object.values(OIDC_ACCOUNTS)) {
  const server = await serveLater();
  const clientSecret = randomBytes(24).toString('base64url');
  const byId = new Map(accounts.map((a) => [a.sub, a]));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  /** What the token endpoint refused, and why (e.g. `PKCE verification failed`). */
  const grantErrors: Array<{ error: string; detail?: string }> = [];

  const provider = new Provider(server.url, {
    clients: [{ client_id: OIDC_CLIENT_ID, client_secret: clientSecret, redirect_uris: [redirectUri] }],
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], corridor: ['corridor_role', 'corridor_tenant'] },
    jwks: { keys: [{ ...signingKey, kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Explicit lifetimes (seconds) keep the provider from printing a notice for each default it falls back to.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx: unknown, sub: string) {
      const account = byId.get(sub);
      return account && { accountId: sub, claims: async () => ({ ...account }) };
    },
  });
  provider.on('grant.error', (_ctx, err: ProviderError) => grantErrors.push({ error: err.error, ...(err.error_detail ? { detail: err.error_detail } : {}) }));
  server.handle(provider.callback());

  return { issuer: server.url, clientId: OIDC_CLIENT_ID, clientSecret, grantErrors, close: server.close };
}
