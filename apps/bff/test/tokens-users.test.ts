import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  ApiTokenSchema,
  ErrorBodySchema,
  UserListSchema,
  UserSchema,
  WorkloadListSchema,
  WorkloadSchema,
  type WorkloadRequestInput,
} from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { bffStore, fetchWith, realControlPlane, signIn, startBff, type Fetch, type RunningBff } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const HOUR = 3_600_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const json = (body: unknown) => ({ method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const del = { method: 'DELETE', headers: { 'X-CSRF': '1' } };

const workload = (tenant: string): WorkloadRequestInput => ({ name: 'Nightly batch', tenant, kind: 'batch', sector: 'finance', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 8 } });

describe.each(STORE_KINDS)('API tokens and accounts (%s store)', (kind) => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let store: Awaited<ReturnType<typeof bffStore>>;
  let bff: RunningBff;
  let admin: Fetch;
  let nowMs = Date.now();
  const bearer = (secret: string) => fetchWith(bff.url, { authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    store = await bffStore(kind);
    bff = await startBff([upstream.cp.url], { db: store.db, now: () => nowMs });
    admin = (await bff.as('admin')).fetch;
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
    await store?.cleanup();
  });

  it('shows a token secret once, keeps only its hash, and never lists it', async () => {
    const res = await admin('/api/tokens', json({ name: 'nightly export', role: 'executive' }));
    expect(res.status).toBe(201);
    const { token, secret } = ApiTokenCreatedSchema.parse(await res.json());
    expect(secret).toMatch(/^crd_[\w-]{43}$/);
    expect(token).toMatchObject({ name: 'nightly export', role: 'executive', createdBy: 'admin' });

    const { rows } = await store.db.query<Record<string, unknown>>('SELECT * FROM bff_api_tokens WHERE id = $1', [token.id]);
    expect(rows[0]?.secret_hash).toBe(sha256(secret));
    expect(JSON.stringify(rows)).not.toContain(secret.slice(4));

    const listed = await (await admin('/api/tokens')).text();
    expect(ApiTokenListSchema.parse(JSON.parse(listed)).tokens.map((t) => t.id)).toContain(token.id);
    expect(listed).not.toContain(secret.slice(4));
  });

  it('acts with the role and tenant it was issued, records when it was used, and stops at once when revoked', async () => {
    await admin('/api/workloads', json(workload('tenant-b')));
    const { token, secret } = ApiTokenCreatedSchema.parse(await (await admin('/api/tokens', json({ name: 'tenant A robot', role: 'tenant', tenant: 'tenant-a' }))).json());
    const robot = bearer(secret);

    const committed = await robot('/api/workloads', json(workload('tenant-a')));
    expect(committed.status).toBe(201);
    expect(WorkloadSchema.parse(await committed.json()).tenant).toBe('tenant-a');
    const { workloads } = WorkloadListSchema.parse(await (await robot('/api/workloads')).json());
    expect(workloads.map((w) => w.tenant)).toEqual(['tenant-a']);
    expect((await robot('/api/workloads', json(workload('tenant-b')))).status).toBe(403);
    expect((await robot('/api/audit')).status).toBe(403);
    expect((await robot('/api/tokens')).status).toBe(403);
    const used = ApiTokenListSchema.parse(await (await admin('/api/tokens')).json()).tokens.find((t) => t.id === token.id);
    expect(used?.lastUsedAt).toBeDefined();

    const revoked = await admin(`/api/tokens/${token.id}`, del);
    expect(revoked.status).toBe(200);
    expect(ApiTokenSchema.parse(await revoked.json()).revokedAt).toBeDefined();
    const refused = await robot('/api/workloads');
    expect(refused.status).toBe(401);
    expect(ErrorBodySchema.parse(await refused.json()).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'the API token is unknown, revoked or expired' });
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('stops a token at its expiry, refuses an expiry in the past, and refuses unknown secrets', async () => {
    const expiresAt = new Date(nowMs + HOUR).toISOString();
    const { secret } = ApiTokenCreatedSchema.parse(await (await admin('/api/tokens', json({ name: 'one hour', role: 'operator', expiresAt }))).json());
    expect((await bearer(secret)('/api/sites')).status).toBe(200);
    nowMs += HOUR;
    expect((await bearer(secret)('/api/sites')).status).toBe(401);
    admin = (await bff.as('admin')).fetch;

    const past = await admin('/api/tokens', json({ name: 'too late', role: 'operator', expiresAt: new Date(nowMs - 1000).toISOString() }));
    expect(past.status).toBe(400);
    expect(ErrorBodySchema.parse(await past.json()).error.fields).toEqual([{ field: 'expiresAt', message: 'must be in the future' }]);
    expect((await bearer('crd_made-up')('/api/sites')).status).toBe(401);
    expect((await bearer('not-even-a-corridor-token')('/api/sites')).status).toBe(401);
    expect((await admin('/api/tokens/tok-0000000000000000', del)).status).toBe(404);
  });

  it('issues tokens to admins only, and checks the tenant of a tenant token', async () => {
    const operator = (await bff.as('operator')).fetch;
    const refused = await operator('/api/tokens', json({ name: 'mine', role: 'admin' }));
    expect(refused.status).toBe(403);
    expect(ErrorBodySchema.parse(await refused.json()).error.message).toBe('the operator role lacks the permission "identity:admin"');
    const noTenant = await admin('/api/tokens', json({ name: 'tenant without tenant', role: 'tenant' }));
    expect(noTenant.status).toBe(400);
    expect(ErrorBodySchema.parse(await noTenant.json()).error.fields?.[0]?.field).toBe('tenant');
  });

  it('creates a local account with a scrypt hash, which can then sign in', async () => {
    // The hash production makes, not the suite's cheaper one (vitest.config.ts).
    vi.stubEnv('CORRIDOR_TEST_SCRYPT_LOG2N', undefined);
    onTestFinished(() => void vi.unstubAllEnvs());
    const res = await admin('/api/users', json({ username: 'amina', name: 'Amina El Idrissi', role: 'operator', password: 'correct horse battery' }));
    expect(res.status).toBe(201);
    expect(UserSchema.parse(await res.json())).toMatchObject({ username: 'amina', role: 'operator', source: 'local' });
    const { rows } = await store.db.query<{ password_hash: string }>('SELECT password_hash FROM bff_users WHERE username = $1', ['amina']);
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect((await signIn(bff.url, 'amina', 'correct horse battery')).res.status).toBe(200);

    const again = await admin('/api/users', json({ username: 'amina', name: 'Someone else', role: 'admin', password: 'another long password' }));
    expect(again.status).toBe(409);
    const short = await admin('/api/users', json({ username: 'shorty', name: 'Shorty', role: 'executive', password: 'short' }));
    expect(ErrorBodySchema.parse(await short.json()).error.fields).toEqual([
      { field: 'password', message: 'must be at least 12 characters', code: 'too_small', minimum: 12, inclusive: true, origin: 'string' },
    ]);
  });

  it('disables an account: its sessions end at once and it cannot sign in again; an admin cannot disable itself', async () => {
    await admin('/api/users', json({ username: 'leaver', name: 'Leaver', role: 'tenant', tenant: 'tenant-a', password: 'leaving-soon-password' }));
    const { cookie } = await signIn(bff.url, 'leaver', 'leaving-soon-password');
    expect((await fetch(`${bff.url}/api/workloads`, { headers: { cookie: cookie! } })).status).toBe(200);

    const disabled = await admin('/api/users/leaver', del);
    expect(disabled.status).toBe(200);
    expect(UserSchema.parse(await disabled.json()).disabledAt).toBeDefined();
    expect((await fetch(`${bff.url}/api/workloads`, { headers: { cookie: cookie! } })).status).toBe(401);
    const retry = await signIn(bff.url, 'leaver', 'leaving-soon-password');
    expect(retry.res.status).toBe(401);
    expect(ErrorBodySchema.parse(await retry.res.json()).error.message).toBe('wrong username or password');

    const self = await admin('/api/users/admin', del);
    expect(self.status).toBe(409);
    expect((await admin('/api/users/nobody', del)).status).toBe(404);
    const users = UserListSchema.parse(await (await admin('/api/users')).json()).users;
    expect(users.find((u) => u.username === 'leaver')?.disabledAt).toBeDefined();
    expect(users.find((u) => u.username === 'admin')?.disabledAt).toBeUndefined();
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });
});
