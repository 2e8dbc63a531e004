import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { Logger } from '@corridor/http-kit';
import { HttpError, type Principal } from '@corridor/shared';
import { clientIp, readCookie } from './cookies.ts';
import type { IdentityAudit } from './identity-audit.ts';
import { principalFromClaims } from './oidc-claims.ts';
import type { OidcConfig } from './oidc-config.ts';
import { TRANSACTION_COOKIE, TRANSACTION_TTL_MS, openTransaction, safeReturnTo, sealTransaction, transactionCookieOptions, transactionKey, type OidcTransaction } from './oidc-transaction.ts';
import type { SessionService } from './session-service.ts';
import type { OidcIdentity } from './user-store.ts';

/** What the login page is told when a sign-in with the organisation fails (`/login?error=<code>`). */
export type OidcLoginError = 'oidc_unavailable' | 'oidc_state' | 'oidc_denied' | 'oidc_failed' | 'oidc_role' | 'oidc_tenant' | 'oidc_claims' | 'oidc_refused';

export interface OidcSignInDeps {
  config: OidcConfig;
  sessions: Pick<SessionService, 'login'>;
  audit: Pick<IdentityAudit, 'record'>;
  logger: Logger;
  /** A secret every BFF replica shares (the service token), so a sign-in may finish on another replica than it started. */
  transactionSecret?: string;
  /** Tests move time. */
  now?: () => number;
}

interface Refusal {
  error: OidcLoginError;
  reason: string;
  /** Who tried, when the provider said so. */
  username?: string;
}

/** Audit subject of a failure before the provider named anyone: not a valid user name, so it never collides with one. */
const NOBODY = '(unknown)';

/** Both halves of a sign-in with the organisation; each answers the browser with a redirect. */
export interface OidcSignIn {
  start(req: Request, res: Response): Promise<void>;
  callback(req: Request, res: Response): Promise<void>;
}

/**
 * "Sign in with your organisation": OpenID Connect authorization code flow with PKCE, state and nonce.
 * Both routes are browser navigations, so every failure is a redirect to `/login?error=<code>`, never JSON;
 * every failed callback is in the audit log. Tokens stay in this process: the claims are read, a session
 * is opened, and the tokens are dropped.
 */
export function createOidcSignIn({ config, sessions, audit, logger, transactionSecret, now = Date.now }: OidcSignInDeps): OidcSignIn {
  const provider = discoveredProvider(config);
  const key = transactionKey(transactionSecret);
  const cookie = transactionCookieOptions(config.redirectUri);

  const refuse = async (req: Request, res: Response, { error, reason, username = NOBODY }: Refusal) => {
    logger.warn({ error, reason, username }, 'OpenID Connect sign-in refused');
    await audit.record('login-failed', username, { ip: clientIp(req), method: 'oidc', error, reason });
    res.redirect(302, `/login?error=${error}`);
  };

  async function start(req: Request, res: Response): Promise<void> {
    res.set('Cache-Control', 'no-store');
    const server = await provider().catch((err: unknown) => {
      logger.error({ err, issuer: config.issuer }, 'OpenID Connect discovery failed');
      return undefined;
    });
    if (!server) return res.redirect(302, '/login?error=oidc_unavailable');

    const codeVerifier = client.randomPKCECodeVerifier();
    const tx: OidcTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      returnTo: safeReturnTo(req.query.returnTo),
      expiresAt: now() + TRANSACTION_TTL_MS,
    };
    const authorizationUrl = client.buildAuthorizationUrl(server, {
      redirect_uri: config.redirectUri,
      scope: config.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    });
    res.cookie(TRANSACTION_COOKIE, sealTransaction(tx, key), { ...cookie, maxAge: TRANSACTION_TTL_MS });
    res.redirect(302, authorizationUrl.href);
  }

  async function callback(req: Request, res: Response): Promise<void> {
    res.set('Cache-Control', 'no-store');
    // One use only, whatever happens next.
    res.clearCookie(TRANSACTION_COOKIE, cookie);
    const tx = openTransaction(readCookie(req, TRANSACTION_COOKIE), key, now());
    if (!tx) return refuse(req, res, { error: 'oidc_state', reason: 'no sign-in in flight (absent, expired or forged)' });
    const outcome = await principalFor(req, tx);
    if ('error' in outcome) return refuse(req, res, outcome);

    try {
      await sessions.login(req, res, outcome.principal, outcome.identity);
    } catch (err) {
      // The account store refuses a provider's name that is a local account or was disabled here.
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      return refuse(req, res, { error: 'oidc_refused', reason: err.message, username: outcome.principal.username });
    }
    // The session cookie is SameSite=Strict, so this redirect (still part of a navigation that began on the
    // provider's site) goes without it; the console's own /api calls that follow carry it.
    res.redirect(302, tx.returnTo);
  }

  /**
   * Checks the provider's answer against the sign-in in flight, redeems the code and maps the claims: the
   * principal, and the identity (issuer + subject) its account is kept by.
   */
  async function principalFor(req: Request, tx: OidcTransaction): Promise<{ principal: Principal; identity: OidcIdentity } | Refusal> {
    if (req.query.state !== tx.state) return { error: 'oidc_state', reason: 'state does not match the sign-in in flight' };
    if (req.query.error !== undefined) return { error: 'oidc_denied', reason: `the provider answered ${String(req.query.error)}` };
    let claims: Record<string, unknown>;
    try {
      claims = await redeem(await provider(), callbackUrl(config.redirectUri, req), tx);
    } catch (err) {
      logger.warn({ err }, 'OpenID Connect code exchange failed');
      return { error: 'oidc_failed', reason: `code exchange failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    const mapped = principalFromClaims(claims, config);
    if (!mapped.ok) return mapped;
    // The ID token's iss was checked against the discovered issuer and its sub is required, so both are there.
    return { principal: mapped.principal, identity: { issuer: String(claims.iss ?? config.issuer), subject: String(claims.sub) } };
  }

  return { start, callback };
}

/**
 * The provider's metadata, discovered on first use and kept; a failed discovery is retried on the next
 * sign-in rather than remembered. Plain http is allowed only because the config accepts it for loopback.
 */
function discoveredProvider(config: OidcConfig): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(), {
        timeout: 10,
        ...(config.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
    return pending;
  };
}

/** The callback as the provider addressed it: the registered redirect URI (not what a proxy made of it) plus the response parameters. */
function callbackUrl(redirectUri: string, req: Request): URL {
  const url = new URL(redirectUri);
  url.search = new URL(req.originalUrl, 'http://callback.invalid').search;
  return url;
}

/**
 * Exchanges the code (PKCE verifier, state and nonce checked) and reads who signed in: the ID token's
 * claims, completed by UserInfo, where conforming providers put scope-requested claims for the code flow.
 */
async function redeem(server: client.Configuration, currentUrl: URL, tx: OidcTransaction): Promise<Record<string, unknown>> {
  const tokens = await client.authorizationCodeGrant(server, currentUrl, { pkceCodeVerifier: tx.codeVerifier, expectedState: tx.state, expectedNonce: tx.nonce });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('no ID token in the token response');
  if (!server.serverMetadata().userinfo_endpoint) return { ...idClaims };
  const userInfo = await client.fetchUserInfo(server, tokens.access_token, idClaims.sub);
  return { ...idClaims, ...userInfo };
}
