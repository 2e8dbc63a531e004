import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditListSchema, ErrorBodySchema, LoginProvidersSchema, SessionViewSchema, WorkloadListSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { bffStore, DEMO_PASSWORD, fetchWith, realControlPlane, signIn, startBff, type RunningBff } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(STORE_KINDS)('sessions and sign-in (%s store)', (kind) => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let store: Awaited<ReturnType<typeof bffStore>>;
  let bff: RunningBff;
  /** The BFF's clock: tests move it instead of waiting. */
  let nowMs = Date.now();
  const advance = (ms: number) => (nowMs += ms);

  const get = (cookie: string | undefined, path = '/api/session') => fetch(`${bff.url}${path}`, { headers: cookie ? { cookie } : {} });
  const auditOf = async (subject: string) => {
    const admin = await bff.as('admin');
    const { records } = AuditListSchema.parse(await (await admin.fetch('/api/audit?limit=100')).json());
    return records.filter((r) => r.subject === subject);
  };

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    store = await bffStore(kind);
    bff = await startBff([upstream.cp.url], { db: store.db, now: () => nowMs });
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
    await store?.cleanup();
  });
  beforeEach(async () => {
    // Every request here comes from 127.0.0.1: start each test with that address's failures forgotten.
    await store.db.query('DELETE FROM bff_login_throttle');
  });

  it('tells the login page what it offers: local accounts and the demo users, no OpenID Connect here', async () => {
    const res = await fetch(`${bff.url}/api/session/providers`);
    expect(res.status).toBe(200);
    expect(LoginProvidersSchema.parse(await res.json())).toEqual({ local: true, demoUsers: ['operator', 'executive', 'admin', 'tenant-a', 'tenant-b'] });
  });

  it('ignores a stale or unknown token on public routes, and still refuses it on signed-in ones', async () => {
    const stale = { authorization: 'Bearer crd_revoked-long-ago' };
    const providers = await fetch(`${bff.url}/api/session/providers`, { headers: stale });
    expect(providers.status).toBe(200);
    expect(LoginProvidersSchema.parse(await providers.json()).local).toBe(true);
    expect((await fetch(`${bff.url}/api/openapi.json`, { headers: stale })).status).toBe(200);
    expect((await signIn(bff.url, 'operator', DEMO_PASSWORD, stale)).res.status).toBe(200);

    const refused = await fetch(`${bff.url}/api/session`, { headers: stale });
    expect(refused.status).toBe(401);
    expect(ErrorBodySchema.parse(await refused.json()).error.message).toBe('the API token is unknown, revoked or expired');
    expect((await fetch(`${bff.url}/api/no-such-route`, { headers: stale })).status).toBe(401);
  });

  it('signs in with a password: an HttpOnly, SameSite=Strict cookie for a session kept only hashed', async () => {
    const { res, cookie } = await signIn(bff.url, 'tenant-a');
    expect(res.status).toBe(200);
    const view = SessionViewSchema.parse(await res.json());
    expect(view.principal).toEqual({ username: 'tenant-a', name: 'Tenant A (demo)', role: 'tenant', tenant: 'tenant-a', method: 'password' });
    expect(Date.parse(view.idleExpiresAt) - nowMs).toBe(30 * MINUTE);
    expect(Date.parse(view.absoluteExpiresAt) - nowMs).toBe(12 * HOUR);

    const [setCookie] = res.headers.getSetCookie();
    expect(setCookie).toMatch(/^corridor_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const id = cookie!.split('=')[1]!;
    const { rows } = await store.db.query<{ id_hash: string }>('SELECT id_hash FROM bff_sessions WHERE username = $1', ['tenant-a']);
    expect(rows.map((r) => r.id_hash)).toContain(sha256(id));
    expect(JSON.stringify(rows)).not.toContain(id);

    expect(SessionViewSchema.parse(await (await get(cookie)).json()).principal.username).toBe('tenant-a');
    expect((await auditOf('user:tenant-a')).find((r) => r.action === 'login')).toMatchObject({ actor: 'tenant-a', detail: { ip: expect.any(String), method: 'password' } });
  });

  it('sets the Secure flag behind https', async () => {
    const secure = await startBff([upstream.cp.url], { db: store.db, config: { https: true } });
    try {
      const { res } = await signIn(secure.url, 'executive');
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('gives a new session id at every sign-in and ends the one the browser came with', async () => {
    const first = await signIn(bff.url, 'executive');
    const second = await signIn(bff.url, 'executive', DEMO_PASSWORD, { cookie: first.cookie! });
    expect(second.res.status).toBe(200);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await get(first.cookie)).status).toBe(401);
    expect((await get(second.cookie)).status).toBe(200);
  });

  it('answers 401 JSON (never a redirect) without a session, and clears a cookie whose session ended', async () => {
    const none = await get(undefined, '/api/sites');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ErrorBodySchema.parse(await none.json()).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'sign in first' });

    const forged = await get('corridor_session=forged-or-forgotten', '/api/sites');
    expect(forged.status).toBe(401);
    expect(ErrorBodySchema.parse(await forged.json()).error.message).toMatch(/session has ended/);
    expect(forged.headers.getSetCookie()[0]).toMatch(/^corridor_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });

  it('ends a session after 30 idle minutes; each request moves the idle expiry on', async () => {
    const { cookie } = await signIn(bff.url, 'operator');
    advance(29 * MINUTE);
    expect((await get(cookie)).status).toBe(200);
    advance(29 * MINUTE);
    const view = SessionViewSchema.parse(await (await get(cookie)).json());
    expect(Date.parse(view.idleExpiresAt)).toBe(nowMs + 30 * MINUTE);
    advance(30 * MINUTE);
    const ended = await get(cookie, '/api/fleet/summary');
    expect(ended.status).toBe(401);
    expect(ErrorBodySchema.parse(await ended.json()).error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/session has ended/) });
  });

  it('ends a session 12 hours after sign-in, however busy', async () => {
    const { cookie } = await signIn(bff.url, 'operator');
    for (let elapsed = 0; elapsed < 12 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      advance(20 * MINUTE);
      expect((await get(cookie)).status).toBe(200);
    }
    advance(20 * MINUTE);
    expect((await get(cookie)).status).toBe(401);
  });

  it('signs out: 204, the cookie cleared, the session gone, the sign-out audited', async () => {
    const { cookie } = await signIn(bff.url, 'executive');
    const out = await fetch(`${bff.url}/api/session`, { method: 'DELETE', headers: { cookie: cookie!, 'X-CSRF': '1' } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^corridor_session=;/);
    expect((await get(cookie)).status).toBe(401);
    expect((await auditOf('user:executive'))[0]).toMatchObject({ action: 'logout', actor: 'executive' });
  });

  it('refuses a wrong password and an unknown name with the same 401, and audits both without the password', async () => {
    const wrong = await signIn(bff.url, 'admin', 'not-the-password');
    const unknown = await signIn(bff.url, 'nobody-here', 'not-the-password');
    for (const res of [wrong.res, unknown.res]) {
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong username or password' });
    }
    const [admin] = await auditOf('user:admin');
    const [nobody] = await auditOf('user:nobody-here');
    expect(admin).toMatchObject({ action: 'login-failed', detail: { reason: 'wrong-password', ip: expect.any(String) } });
    expect(nobody).toMatchObject({ action: 'login-failed', detail: { reason: 'unknown-user' } });
    expect(JSON.stringify([admin, nobody])).not.toContain('not-the-password');
  });

  it('needs the CSRF header on the sign-in too', async () => {
    const res = await fetch(`${bff.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('backs off after 5 failures (1 s, then 2 s …) with 429 and Retry-After, even for the right password; a success resets', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(bff.url, 'operator', 'guess-' + i)).res.status).toBe(401);
    const blocked = await signIn(bff.url, 'operator');
    expect(blocked.res.status).toBe(429);
    expect(blocked.res.headers.get('retry-after')).toBe('1');
    expect(blocked.cookie).toBeUndefined();
    expect((await auditOf('user:operator'))[0]).toMatchObject({ action: 'login-failed', detail: { reason: 'throttled' } });

    advance(1000);
    expect((await signIn(bff.url, 'operator', 'guess-6')).res.status).toBe(401);
    expect((await signIn(bff.url, 'operator')).res.headers.get('retry-after')).toBe('2');
    advance(2000);
    expect((await signIn(bff.url, 'operator')).res.status).toBe(200);
    expect((await signIn(bff.url, 'operator', 'one-typo')).res.status).toBe(401);
    expect((await signIn(bff.url, 'operator')).res.status).toBe(200);
  });

  it('throttles one address guessing many names, not its neighbours behind the same trusted proxy', async () => {
    const proxied = await startBff([upstream.cp.url], { db: store.db, now: () => nowMs, config: { trustProxy: 'loopback' } });
    try {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      // 20 free failures per address (5 per name): a whole office may share it.
      for (let i = 0; i < 20; i++) expect((await signIn(proxied.url, `spray-${i}`, 'password-1', from('203.0.113.7'))).res.status).toBe(401);
      const next = await signIn(proxied.url, 'executive', DEMO_PASSWORD, from('203.0.113.7'));
      expect(next.res.status).toBe(429);
      expect(ErrorBodySchema.parse(await next.res.json()).error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'too many failed sign-ins: try again in 1 s' });
      expect((await signIn(proxied.url, 'executive', DEMO_PASSWORD, from('203.0.113.8'))).res.status).toBe(200);
      expect((await auditOf('user:spray-0'))[0]?.detail).toMatchObject({ ip: '203.0.113.7' });
    } finally {
      await proxied.close();
    }
  });

  it('throttles many addresses guessing one name, on every replica sharing the store', async () => {
    const proxied = await startBff([upstream.cp.url], { db: store.db, now: () => nowMs, config: { trustProxy: 'loopback' } });
    try {
      for (let i = 1; i <= 5; i++) expect((await signIn(proxied.url, 'Admin', `guess-${i}`, { 'X-Forwarded-For': `198.51.100.${i}` })).res.status).toBe(401);
      expect((await signIn(proxied.url, 'admin', DEMO_PASSWORD, { 'X-Forwarded-For': '198.51.100.99' })).res.status).toBe(429);
      expect((await signIn(bff.url, 'admin')).res.status).toBe(429);
      expect((await signIn(bff.url, 'operator')).res.status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('answers 400 naming the field for a malformed sign-in, and counts no failure', async () => {
    const res = await fetch(`${bff.url}/api/session`, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'a b', password: '' }) });
    expect(res.status).toBe(400);
    expect(
      ErrorBodySchema.parse(await res.json())
        .error.fields?.map((f) => f.field)
        .sort(),
    ).toEqual(['password', 'username']);
    expect((await store.db.query('SELECT 1 FROM bff_login_throttle')).rows).toEqual([]);
  });

  it('needs X-CSRF: 1 on a write with a session cookie, and not with a bearer token', async () => {
    const { cookie } = await signIn(bff.url, 'operator');
    const asBrowser = fetchWith(bff.url, { cookie: cookie!, 'Content-Type': 'application/json' });
    const body = JSON.stringify({ name: 'csrf', tenant: 'csrf', kind: 'batch', sector: 'finance', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 1 } });
    const without = await asBrowser('/api/placements/plan', { method: 'POST', body });
    expect(without.status).toBe(403);
    expect(ErrorBodySchema.parse(await without.json()).error.message).toContain('X-CSRF');
    expect((await asBrowser('/api/placements/plan', { method: 'POST', body, headers: { 'X-CSRF': '1' } })).status).toBe(200);
    const signOut = await asBrowser('/api/session', { method: 'DELETE' });
    expect(signOut.status).toBe(403);
    expect((await get(cookie)).status).toBe(200);

    const admin = await bff.as('admin');
    const issued = await admin.fetch('/api/tokens', { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'ci', role: 'operator' }) });
    const { secret } = (await issued.json()) as { secret: string };
    const asProgram = fetchWith(bff.url, { authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' });
    expect((await asProgram('/api/placements/plan', { method: 'POST', body })).status).toBe(200);
    expect(WorkloadListSchema.parse(await (await asProgram('/api/workloads?tenant=csrf')).json()).workloads).toEqual([]);
  });
});

describe('sign-in while the control plane is down', () => {
  it('still signs in and out, and logs each record the audit log could not take', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    const bff = await startBff(['http://127.0.0.1:9'], { logger });
    try {
      const { res, cookie } = await signIn(bff.url, 'admin');
      expect(res.status).toBe(200);
      expect((await fetch(`${bff.url}/api/session`, { method: 'DELETE', headers: { cookie: cookie!, 'X-CSRF': '1' } })).status).toBe(204);
      const logged = lines.map((l) => JSON.parse(l) as { audit?: { action: string; subject: string } });
      expect(logged.map((l) => l.audit)).toEqual([
        { action: 'login', subject: 'user:admin', detail: expect.objectContaining({ method: 'password' }) },
        { action: 'logout', subject: 'user:admin', detail: expect.any(Object) },
      ]);
    } finally {
      await bff.close();
    }
  });
});
