import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { mountRoutes } from '@corridor/http-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@corridor/store';
import { createApp } from '../src/app.ts';
import type { Identity } from '../src/identity/identity.ts';
import { openIdentityStore } from '../src/identity/identity-store.ts';
import { createOidcSignIn } from '../src/identity/oidc.ts';
import type { OidcConfig } from '../src/identity/oidc-config.ts';
import { oidcRoutes } from '../src/routes/oidc.routes.ts';
import { fakeUpstream, silent } from './harness.ts';
import { Browser } from './oidc-browser.ts';
import { OIDC_ACCOUNTS, OIDC_SCOPES, serveLater, startOidcProvider, type TestAccount } from './oidc-provider.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';

let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let bff: Awaited<ReturnType<typeof serveLater>>;
let auditLog: Awaited<ReturnType<typeof fakeUpstream>>;
let dataDir: string;
let db: Db;
let app: ReturnType<typeof createApp>;
let identity: Identity;
/** What the control plane's audit log was asked to record. */
const audited: Array<{ action: string; subject: string; detail: Record<string, unknown> }> = [];

/**
 * The real BFF (createApp, its own PGlite store) configured for a real provider. Its control plane is a
 * stand-in that keeps the audit records it is sent (no test here reads the fleet). The redirect URI must
 * name the BFF's port before the provider starts.
 */
beforeAll(async () => {
  auditLog = await fakeUpstream((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/audit') return void res.writeHead(503).end();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const record = JSON.parse(body) as (typeof audited)[number];
      audited.push(record);
      const stored = { seq: audited.length, at: new Date().toISOString(), actor: 'system', ...record, prevHash: '0'.repeat(64), hash: '1'.repeat(64) };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
    });
  });
  dataDir = seedPglite(mkdtempSync(join(tmpdir(), 'corridor-oidc-')), 'bff', { migrated: true });
  db = await openIdentityStore({ dataDir });

  bff = await serveLater();
  const redirectUri = `${bff.url}/api/session/oidc/callback`;
  idp = await startOidcProvider(redirectUri);
  const oidc: OidcConfig = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUri,
    label: 'Sign in with your organisation',
    scopes: OIDC_SCOPES,
    roleClaim: 'corridor_role',
    tenantClaim: 'corridor_tenant',
  };
  app = createApp({
    config: {
      controlPlaneUrls: [auditLog.url],
      webDist: '/nonexistent',
      fleetFreshMs: 0,
      https: false,
      production: true,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      serviceToken: 'test-service-token',
      oidc,
    },
    logger: silent,
    db,
  });
  identity = app.identity;
  await identity.users.create({ username: 'admin', name: 'Local admin', role: 'admin', password: 'corridor-demo-password' });
  bff.handle(app);
});

afterAll(async () => {
  await bff?.close();
  await app?.close();
  await idp?.close();
  await auditLog?.close();
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const isCallback = (url: URL) => url.origin === bff.url && url.pathname === '/api/session/oidc/callback';

/** From the console's button to the provider sending the browser back: the callback URL, not yet visited. */
async function signInAtProvider(browser: Browser, account: TestAccount, returnTo = '/sites/ma-benguerir-1'): Promise<URL> {
  const loginPage = await browser.follow(`${bff.url}/api/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, isCallback);
  expect(await loginPage.response?.clone().text()).toContain('name="prompt" value="login"');
  const consentPage = await browser.submit(loginPage, { prompt: 'login', login: account.sub, password: 'whatever' }, isCallback);
  expect(await consentPage.response?.clone().text()).toContain('name="prompt" value="consent"');
  const back = await browser.submit(consentPage, { prompt: 'consent' }, isCallback);
  expect(back.response).toBeUndefined();
  return back.url;
}

/** The principal of the browser's session as GET /api/session tells the console, or undefined when it has none. */
async function signedInAs(browser: Browser) {
  const answer = await browser.request(`${bff.url}/api/session`);
  return answer.status === 200 ? ((await answer.json()) as { principal: unknown }).principal : undefined;
}

describe('sign in with your organisation (OpenID Connect, code + PKCE)', () => {
  beforeEach(() => {
    audited.length = 0;
  });

  it('offers the organisation sign-in on the login page, without a session', async () => {
    const answer = await new Browser().request(`${bff.url}/api/session/providers`);
    expect(await answer.json()).toMatchObject({ local: true, oidc: { label: 'Sign in with your organisation', startUrl: '/api/session/oidc/start' } });
  });

  it('signs an operator in with the role from the claims and sends them back where they were', async () => {
    const browser = new Browser();
    const start = await browser.request(`${bff.url}/api/session/oidc/start?returnTo=${encodeURIComponent('/sites?view=map')}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // The sign-in in flight must survive the cross-site navigation back from the provider: Lax, not Strict.
    expect(browser.cookie(bff.url, 'corridor_oidc')?.setCookie).toMatch(/HttpOnly/i);
    expect(browser.cookie(bff.url, 'corridor_oidc')?.setCookie).toMatch(/SameSite=Lax/i);

    const callback = await signInAtProvider(browser, OIDC_ACCOUNTS.operator, '/sites?view=map');
    const landed = await browser.request(callback);

    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/sites?view=map');
    const session = browser.cookie(bff.url, 'corridor_session');
    expect(session?.setCookie).toMatch(/HttpOnly/i);
    expect(session?.setCookie).toMatch(/SameSite=Strict/i);
    // Only the session reaches the browser: no token in a cookie, and the one-use sign-in cookie is gone.
    expect(landed.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['corridor_oidc', 'corridor_session']);
    expect(browser.cookie(bff.url, 'corridor_oidc')).toBeUndefined();
    expect(await signedInAs(browser)).toEqual({ username: 'alice.ops', name: 'Alice Operator', role: 'operator', method: 'oidc' });
    expect(audited).toContainEqual(expect.objectContaining({ action: 'login', subject: 'user:alice.ops', detail: expect.objectContaining({ method: 'oidc' }) }));

    // The callback cannot be replayed: its sign-in is spent.
    const replay = await browser.request(callback);
    expect(replay.headers.get('location')).toBe('/login?error=oidc_state');
  });

  it('gives a tenant user the tenant from the claims', async () => {
    const browser = new Browser();
    await browser.request(await signInAtProvider(browser, OIDC_ACCOUNTS.tenantA));
    expect(await signedInAs(browser)).toEqual({ username: 'bob.tenant-a', name: 'Bob of Tenant A', role: 'tenant', tenant: 'tenant-a', method: 'oidc' });
  });

  it('refuses a person whose role claim Corridor does not know', async () => {
    const browser = new Browser();
    const landed = await browser.request(await signInAtProvider(browser, OIDC_ACCOUNTS.unknownRole));
    expect(landed.headers.get('location')).toBe('/login?error=oidc_role');
    expect(browser.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(audited).toContainEqual(expect.objectContaining({ action: 'login-failed', subject: 'user:mallory', detail: expect.objectContaining({ method: 'oidc', error: 'oidc_role' }) }));
  });

  it('never lets the provider sign someone in as a local account of the console', async () => {
    const browser = new Browser();
    const landed = await browser.request(await signInAtProvider(browser, OIDC_ACCOUNTS.localName));
    expect(landed.headers.get('location')).toBe('/login?error=oidc_refused');
    expect(browser.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(await identity.users.find('admin')).toMatchObject({ name: 'Local admin', source: 'local' });
    expect(audited).toContainEqual(expect.objectContaining({ action: 'login-failed', subject: 'user:admin', detail: expect.objectContaining({ error: 'oidc_refused' }) }));
  });

  it('keys an account by issuer and subject: a namesake at the provider is refused, the person keeps signing in', async () => {
    const alice = new Browser();
    await alice.request(await signInAtProvider(alice, OIDC_ACCOUNTS.operator));
    expect(await signedInAs(alice)).toMatchObject({ username: 'alice.ops', role: 'operator' });

    const namesake = new Browser();
    const landed = await namesake.request(await signInAtProvider(namesake, OIDC_ACCOUNTS.operatorNamesake));
    expect(landed.headers.get('location')).toBe('/login?error=oidc_refused');
    expect(namesake.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(await identity.users.find('alice.ops')).toMatchObject({ name: 'Alice Operator', role: 'operator' });
    // Alice herself still signs in.
    const again = new Browser();
    await again.request(await signInAtProvider(again, OIDC_ACCOUNTS.operator));
    expect(await signedInAs(again)).toEqual({ username: 'alice.ops', name: 'Alice Operator', role: 'operator', method: 'oidc' });
  });

  it('refuses a provider name that is a local account in other letters', async () => {
    const browser = new Browser();
    const landed = await browser.request(await signInAtProvider(browser, OIDC_ACCOUNTS.localNameUpperCase));
    expect(landed.headers.get('location')).toBe('/login?error=oidc_refused');
    expect(browser.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(await identity.users.find('ADMIN')).toBeUndefined();
  });

  it('starts a sign-in whatever stale token the browser sends', async () => {
    const start = await fetch(`${bff.url}/api/session/oidc/start`, { headers: { authorization: 'Bearer crd_stale' }, redirect: 'manual' });
    expect(start.status).toBe(302);
  });

  it('refuses a callback whose state was tampered with', async () => {
    const browser = new Browser();
    const callback = await signInAtProvider(browser, OIDC_ACCOUNTS.operator);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const landed = await browser.request(callback);
    expect(landed.headers.get('location')).toBe('/login?error=oidc_state');
    expect(browser.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(audited).toContainEqual(expect.objectContaining({ action: 'login-failed', subject: 'user:(unknown)', detail: expect.objectContaining({ error: 'oidc_state' }) }));
  });

  it('never sends the browser to another origin after signing in', async () => {
    const browser = new Browser();
    const landed = await browser.request(await signInAtProvider(browser, OIDC_ACCOUNTS.operator, 'https://evil.example/steal'));
    expect(landed.headers.get('location')).toBe('/');
    expect(await signedInAs(browser)).toMatchObject({ username: 'alice.ops' });
  });

  it('makes an intercepted code useless without the PKCE verifier of the browser it was issued to', async () => {
    const victim = new Browser();
    const callback = await signInAtProvider(victim, OIDC_ACCOUNTS.operator);
    const code = callback.searchParams.get('code') ?? '';

    // Redeeming it straight at the provider without a verifier is refused…
    const direct = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${idp.clientId}:${idp.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${bff.url}/api/session/oidc/callback` }),
    });
    expect(direct.status).toBe(400);
    expect(await direct.json()).toMatchObject({ error: 'invalid_grant' });
    const refusedBefore = idp.grantErrors.length;

    // …and so is slipping it into the attacker's own sign-in at the BFF: their verifier does not match.
    const attacker = new Browser();
    const start = await attacker.request(`${bff.url}/api/session/oidc/start`);
    const attackerState = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const injected = new URL(callback);
    injected.searchParams.set('state', attackerState);
    const landed = await attacker.request(injected);
    expect(landed.headers.get('location')).toBe('/login?error=oidc_failed');
    expect(attacker.cookie(bff.url, 'corridor_session')).toBeUndefined();
    expect(idp.grantErrors.slice(refusedBefore)).toEqual([{ error: 'invalid_grant', detail: 'PKCE verification failed' }]);

    // The person it was issued to still signs in with it.
    await victim.request(callback);
    expect(await signedInAs(victim)).toMatchObject({ username: 'alice.ops' });
  });

  it('sends a person who cancels at the provider back to the login page', async () => {
    const browser = new Browser();
    const loginPage = await browser.follow(`${bff.url}/api/session/oidc/start`, isCallback);
    const html = (await loginPage.response?.text()) ?? '';
    const cancel = /href="([^"]*\/abort)"/.exec(html)?.[1] ?? '';
    const back = await browser.follow(new URL(cancel, loginPage.url), isCallback);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    const landed = await browser.request(back.url);
    expect(landed.headers.get('location')).toBe('/login?error=oidc_denied');
  });

  it('says the provider is unavailable when its discovery fails', async () => {
    const down = await serveLater();
    const routes = express();
    const config: OidcConfig = { issuer: down.url, clientId: 'x', redirectUri: `${down.url}/api/session/oidc/callback`, label: 'x', scopes: 'openid', roleClaim: 'r', tenantClaim: 't' };
    const oidc = createOidcSignIn({ config, sessions: identity.sessions, audit: identity.audit, logger: silent });
    routes.use('/api', mountRoutes(express.Router(), oidcRoutes, { deps: { oidc }, gate: () => undefined }));
    down.handle((req, res) => (req.url?.startsWith('/api/') ? routes(req, res) : res.writeHead(503).end()));
    try {
      const start = await new Browser().request(`${down.url}/api/session/oidc/start`);
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toBe('/login?error=oidc_unavailable');
    } finally {
      await down.close();
    }
  });
});
