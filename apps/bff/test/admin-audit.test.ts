import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenCreatedSchema, ApiTokenListSchema, AuditListSchema, AuditVerificationSchema, ErrorBodySchema, UserListSchema } from '@corridor/shared';
import { bffStore, fakeUpstream, realStack, startBff, type Fetch, type RealStack, type RunningBff } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const json = (body: unknown, method = 'POST') => ({ method, headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const del = { method: 'DELETE', headers: { 'X-CSRF': '1' } };
const newUser = (username: string) => ({ username, name: 'Omar B.', role: 'operator', password: 'a-long-enough-password' });

describe.each(STORE_KINDS)('admin changes in the audit chain (%s store)', (kind) => {
  let stack: RealStack;
  let admin: Fetch;

  beforeAll(async () => {
    stack = await realStack(kind);
    ({ admin } = stack);
  });
  afterAll(() => stack?.close());

  it('records user-created, user-disabled, token-issued and token-revoked with the admin as actor, in a chain that verifies', async () => {
    expect((await admin('/api/users', json(newUser('omar')))).status).toBe(201);
    expect((await admin('/api/users/omar', del)).status).toBe(200);
    const issued = ApiTokenCreatedSchema.parse(await (await admin('/api/tokens', json({ name: 'nightly export', role: 'executive' }))).json());
    expect((await admin(`/api/tokens/${issued.token.id}`, del)).status).toBe(200);
    // Doing it again changes nothing, and records nothing.
    expect((await admin('/api/users/omar', del)).status).toBe(200);
    expect((await admin(`/api/tokens/${issued.token.id}`, del)).status).toBe(200);

    const res = await admin('/api/audit?actor=admin&limit=50');
    expect(res.status).toBe(200);
    const records = AuditListSchema.parse(await res.json()).records.filter((r) => r.action !== 'login' && r.action !== 'logout');
    expect(records.map((r) => [r.action, r.subject])).toEqual([
      ['token-revoked', `token:${issued.token.id}`],
      ['token-issued', `token:${issued.token.id}`],
      ['user-disabled', 'user:omar'],
      ['user-created', 'user:omar'],
    ]);
    expect(records.every((r) => r.actor === 'admin' && r.keyId)).toBe(true);
    expect(records[3]!.detail).toEqual({ role: 'operator', tenant: null });
    // The secret is never in the chain.
    expect(JSON.stringify(records)).not.toContain(issued.secret.slice(4));

    const filtered = AuditListSchema.parse(await (await admin('/api/audit?action=user-created')).json()).records;
    expect(filtered.map((r) => r.subject)).toEqual(['user:omar']);
    const verify = AuditVerificationSchema.parse(await (await admin('/api/audit/verify')).json());
    expect(verify).toMatchObject({ ok: true, anchor: { seq: expect.any(Number) } });
  });

  it('records nothing for a refused change (a taken name, an unknown token)', async () => {
    const before = AuditListSchema.parse(await (await admin('/api/audit?limit=1')).json()).records[0]!.seq;
    expect((await admin('/api/users', json(newUser('omar')))).status).toBe(409);
    expect((await admin('/api/users/nobody', del)).status).toBe(404);
    expect((await admin('/api/tokens/tok-0000000000000000', del)).status).toBe(404);
    expect(AuditListSchema.parse(await (await admin('/api/audit?limit=1')).json()).records[0]!.seq).toBe(before);
  });

  it('answers 400 naming a bad filter of the list', async () => {
    const res = await admin('/api/audit?from=last-week');
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(await res.json()).error.fields?.map((f) => f.field)).toContain('from');
  });
});

describe('admin changes while the audit log cannot record them', () => {
  let down: Awaited<ReturnType<typeof fakeUpstream>>;
  let store: Awaited<ReturnType<typeof bffStore>>;
  let bff: RunningBff;
  let admin: Fetch;

  beforeAll(async () => {
    // A control plane that answers nothing but 503.
    down = await fakeUpstream((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'down' } }));
    });
    store = await bffStore('pglite');
    bff = await startBff([down.url], { db: store.db, timeoutMs: 2000 });
    admin = (await bff.as('admin')).fetch;
  });
  afterAll(async () => {
    await bff?.close();
    await down?.close();
    await store?.cleanup();
  });

  it('fails closed with 503 and changes nothing: no account, no usable token, nothing disabled or revoked', async () => {
    const created = await admin('/api/users', json(newUser('omar')));
    expect(created.status).toBe(503);
    expect(ErrorBodySchema.parse(await created.json()).error.message).toMatch(/nothing was changed/);
    const users = UserListSchema.parse(await (await admin('/api/users')).json()).users;
    expect(users.map((u) => u.username)).not.toContain('omar');

    expect((await admin('/api/users/operator', del)).status).toBe(503);
    expect(UserListSchema.parse(await (await admin('/api/users')).json()).users.find((u) => u.username === 'operator')?.disabledAt).toBeUndefined();

    const issued = await admin('/api/tokens', json({ name: 'nightly export', role: 'executive' }));
    expect(issued.status).toBe(503);
    expect(await issued.text()).not.toContain('crd_');
    const tokens = ApiTokenListSchema.parse(await (await admin('/api/tokens')).json()).tokens;
    expect(tokens.map((t) => [t.name, Boolean(t.revokedAt)])).toEqual([['nightly export', true]]);

    const kept = await bff.identity.tokens.issue({ name: 'kept', role: 'operator' }, 'admin');
    expect((await admin(`/api/tokens/${kept.token.id}`, del)).status).toBe(503);
    expect(await bff.identity.tokens.resolve(kept.secret)).toMatchObject({ username: `token.${kept.token.id}` });
  });
});
