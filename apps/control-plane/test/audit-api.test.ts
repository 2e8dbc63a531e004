import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AuditRecordSchema, AuditVerificationSchema, ErrorBodySchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

describe.each(STORE_KINDS)('sign-in events in the audit log (POST /v1/audit) on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records a login and a logout under the acting user, in the verified chain', async () => {
    const login = await h.callAs(USERS.tenantA, 'POST', '/v1/audit', { action: 'login', subject: 'user:tenant-a', detail: { method: 'password', ip: '127.0.0.1' } });
    expect(login.status).toBe(201);
    expect(AuditRecordSchema.parse(login.body)).toMatchObject({ actor: 'tenant-a', action: 'login', subject: 'user:tenant-a', detail: { method: 'password', ip: '127.0.0.1' } });

    const logout = await h.callAs(USERS.tenantA, 'POST', '/v1/audit', { action: 'logout', subject: 'user:tenant-a' });
    expect(AuditRecordSchema.parse(logout.body)).toMatchObject({ actor: 'tenant-a', action: 'logout', detail: {}, seq: login.body.seq + 1 });
    expect(AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body).ok).toBe(true);
  });

  it('records a failed login from the service alone, with no one as actor', async () => {
    const res = await h.callAs(null, 'POST', '/v1/audit', { action: 'login-failed', subject: 'user:admin', detail: { reason: 'bad password', attempts: 3 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ actor: 'anonymous', action: 'login-failed', subject: 'user:admin', detail: { attempts: 3 } });
  });

  it('needs the acting user for a login or logout, about itself only', async () => {
    const before = await h.count('audit_log');
    const alone = await h.callAs(null, 'POST', '/v1/audit', { action: 'login', subject: 'user:adil' });
    expect(alone.status).toBe(401);
    const other = await h.callAs(USERS.operator, 'POST', '/v1/audit', { action: 'logout', subject: 'user:adil' });
    expect(other.status).toBe(403);
    expect(ErrorBodySchema.parse(other.body).error.fields?.map((f) => f.field)).toEqual(['subject']);
    expect(await h.count('audit_log')).toBe(before);
  });

  it('records admin changes under the acting admin, in the verified chain, and refuses them from anyone else', async () => {
    const events = [
      { action: 'user-created', subject: 'user:omar', detail: { role: 'operator', tenant: null } },
      { action: 'user-disabled', subject: 'user:omar', detail: {} },
      { action: 'token-issued', subject: 'token:tok-0123456789abcdef', detail: { name: 'ci', role: 'operator' } },
      { action: 'token-revoked', subject: 'token:tok-0123456789abcdef', detail: {} },
    ];
    for (const event of events) {
      const before = await h.count('audit_log');
      for (const user of [null, USERS.operator, USERS.executive, USERS.tenantA]) {
        const refused = await h.callAs(user, 'POST', '/v1/audit', event);
        expect(refused.status, `${event.action} as ${user?.username ?? 'the service'}`).toBe(user ? 403 : 401);
      }
      expect(await h.count('audit_log')).toBe(before);
      const res = await h.callAs(USERS.admin, 'POST', '/v1/audit', event);
      expect(res.status, event.action).toBe(201);
      expect(AuditRecordSchema.parse(res.body)).toMatchObject({ ...event, actor: USERS.admin.username });
    }
    const wrongSubject = await h.callAs(USERS.admin, 'POST', '/v1/audit', { action: 'token-issued', subject: 'user:omar' });
    expect(wrongSubject.status).toBe(400);
    expect(ErrorBodySchema.parse(wrongSubject.body).error.fields?.map((f) => f.field)).toContain('subject');
    const listed = await h.callAs(USERS.operator, 'GET', '/v1/audit?actor=adil&limit=10');
    expect(listed.body.records.map((r: { action: string }) => r.action)).toEqual(['token-revoked', 'token-issued', 'user-disabled', 'user-created']);
    expect(AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body).ok).toBe(true);
  });

  it('filters the list by action, actor and time, and answers 400 naming a bad filter', async () => {
    const logins = await h.callAs(USERS.operator, 'GET', '/v1/audit?action=login&limit=500');
    expect(logins.status).toBe(200);
    expect(logins.body.records.length).toBeGreaterThan(0);
    expect(logins.body.records.every((r: { action: string }) => r.action === 'login')).toBe(true);
    const future = await h.callAs(USERS.operator, 'GET', `/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.body.records).toEqual([]);
    for (const [query, field] of [
      ['action=sudo', 'action'],
      ['from=yesterday', 'from'],
      ['to=2026-13-01T00:00:00Z', 'to'],
      [`actor=${'x'.repeat(201)}`, 'actor'],
    ]) {
      const res = await h.callAs(USERS.operator, 'GET', `/v1/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(
        ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field),
        query,
      ).toContain(field);
    }
  });

  it('answers 400 naming the field for a bad event, and stores nothing', async () => {
    const before = await h.count('audit_log');
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    const cases: [unknown, string][] = [
      [{ action: 'sudo', subject: 'user:amina' }, 'action'],
      [{ action: 'commit', subject: 'user:amina' }, 'action'],
      [{ subject: 'user:amina' }, 'action'],
      [{ action: 'login', subject: 'amina' }, 'subject'],
      [{ action: 'login', subject: 'user:amina <script>' }, 'subject'],
      [{ action: 'login', subject: 'workload:wl-0000000000000000' }, 'subject'],
      [{ action: 'login', subject: 'user:amina', detail: { nested: { deep: true } } }, 'detail.nested'],
      [{ action: 'login', subject: 'user:amina', detail: { note: 'x'.repeat(201) } }, 'detail.note'],
      [{ action: 'login', subject: 'user:amina', detail: { note: 'nul\u0000' } }, 'detail.note'],
      [{ action: 'login', subject: 'user:amina', detail: tooMany }, 'detail'],
      [{ action: 'login', subject: 'user:amina', detail: [1, 2] }, 'detail'],
      [{ action: 'login', subject: 'user:amina', actor: 'system' }, '(root)'],
      ['[]', '(root)'],
      ['{"action": ', '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await h.callAs(USERS.operator, 'POST', '/v1/audit', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await h.count('audit_log')).toBe(before);
  });

  it('never answers 5xx to any body; a refused one stores nothing', { timeout: 60_000 }, async () => {
    const text = fc.string({ unit: 'binary', maxLength: 80 });
    const valid = fc.record({
      action: fc.constantFrom('login', 'login-failed', 'logout'),
      subject: fc.constant('user:amina'),
      detail: fc.dictionary(fc.constantFrom('method', 'ip', 'reason', 'attempts'), fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.boolean(), fc.constant(null))),
    });
    // Each field right, wrong or missing, so bodies reach the log as well as the parser.
    const mangled = fc.record(
      {
        action: fc.oneof(fc.constantFrom('login', 'login-failed', 'logout'), text),
        subject: fc.oneof(
          fc.constantFrom('user:amina', 'user:mallory'),
          text.map((s) => `user:${s}`),
          text,
        ),
        detail: fc.oneof(fc.dictionary(text, fc.oneof(text, fc.double(), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 12 }), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(valid, mangled, fc.jsonValue({ maxDepth: 3 }));
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = await h.count('audit_log');
        const res = await h.callAs(USERS.operator, 'POST', '/v1/audit', input);
        statuses.add(res.status);
        expect([201, 400, 403]).toContain(res.status);
        if (res.status !== 201) expect(await h.count('audit_log')).toBe(before);
      }),
      { numRuns: 120 },
    );
    expect(statuses).toContain(201);
  });
});
