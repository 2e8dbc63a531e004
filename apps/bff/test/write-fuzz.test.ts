import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiTokenCreateSchema, AuditListSchema, LIMITS, LoginRequestSchema, UserCreateSchema, WorkloadListSchema, WorkloadRequestSchema } from '@corridor/shared';
import { realStack, type Fetch, type RealStack } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

/** Strings that have broken servers before: injection, markup, control characters, header splitting, huge ones. */
const hostileString = fc.oneof(
  fc.constantFrom("'; DROP TABLE bff_users; --", '<script>alert(1)</script>', '\u0000', '../../etc/passwd', '${jndi:ldap://x/a}', 'admin\r\nSet-Cookie: x=1', '\u202e\u0000\uffff', '𝕒𝕕𝕞𝕚𝕟'),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ minLength: 5_000, maxLength: 50_000 }),
);
const hostileValue = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(1e308, -1, 0, 2 ** 53 + 1));

/** Bodies as sent on the wire: objects with the schema's keys and hostile values, any JSON, and not-JSON at all. */
function bodies(keys: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: keys.length }).map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('{', '', 'null', '[]', '"admin"', '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"role":"admin"}}}', '[[[[[[[[[[]]]]]]]]]]', '\u0000'),
    fc.string({ maxLength: 500 }),
  );
}

/** Whether the body is one the endpoint would accept: those are not malformed, so not for this test. */
function accepted(schema: z.ZodType, text: string): boolean {
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

const WRITES = [
  { path: '/api/session', schema: LoginRequestSchema, keys: ['username', 'password'] },
  { path: '/api/placements/plan', schema: WorkloadRequestSchema, keys: ['name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus', 'latency', 'conditions', 'weights'] },
  { path: '/api/workloads', schema: WorkloadRequestSchema, keys: ['name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus'] },
  { path: '/api/users', schema: UserCreateSchema, keys: ['username', 'name', 'role', 'tenant', 'password'] },
  { path: '/api/tokens', schema: ApiTokenCreateSchema, keys: ['name', 'role', 'tenant', 'expiresAt'] },
] as const;

const RELEASES = ['/api/workloads/', '/api/users/', '/api/tokens/'] as const;

describe.each(STORE_KINDS)('every BFF write, fuzzed (%s store)', (kind) => {
  let stack: RealStack;
  let store: RealStack['store'];
  let admin: Fetch;

  /** What a malformed write must leave as it was: the BFF's tables, the control plane's workloads and audit log. */
  async function everything() {
    const counts = await store.db.query<{ name: string; n: string }>(
      `SELECT 'users' AS name, count(*)::text AS n FROM bff_users UNION ALL SELECT 'sessions', count(*)::text FROM bff_sessions
       UNION ALL SELECT 'tokens', count(*)::text FROM bff_api_tokens UNION ALL SELECT 'throttle', count(*)::text FROM bff_login_throttle`,
    );
    const workloads = WorkloadListSchema.parse(await (await admin('/api/workloads')).json()).workloads.map((w) => `${w.id}:${w.state}`);
    const auditHead = AuditListSchema.parse(await (await admin('/api/audit?limit=1')).json()).records[0]?.seq;
    return { counts: counts.rows, workloads, auditHead };
  }

  beforeAll(async () => {
    stack = await realStack(kind);
    ({ store, admin } = stack);
  });
  afterAll(() => stack?.close());

  for (const { path, schema, keys } of WRITES) {
    it(`POST ${path}: malformed, oversized and hostile bodies get 4xx, never 5xx, and nothing is stored`, async () => {
      const before = await everything();
      await fc.assert(
        fc.asyncProperty(bodies([...keys]), async (text) => {
          fc.pre(!accepted(schema, text));
          const res = await admin(path, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: text });
          expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
          expect(res.status, text.slice(0, 200)).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
      const oversized = await admin(path, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(LIMITS.maxJsonBodyBytes) }) });
      expect(oversized.status).toBe(413);
      expect(await everything()).toEqual(before);
    });
  }

  it('DELETE with hostile ids and names gets 4xx, never 5xx, and changes nothing', async () => {
    const before = await everything();
    const existing = new Set(['operator', 'executive', 'admin', 'tenant-a', 'tenant-b']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RELEASES), hostileString, async (prefix, id) => {
        fc.pre(!existing.has(id) && id.length > 0);
        const res = await admin(prefix + encodeURIComponent(id), { method: 'DELETE', headers: { 'X-CSRF': '1' } });
        expect(res.status, `${prefix}${id.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${prefix}${id.slice(0, 100)}`).toBeLessThan(500);
      }),
      { numRuns: 90 },
    );
    expect(await everything()).toEqual(before);
  });
});
