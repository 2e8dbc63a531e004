import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, WorkloadListSchema } from '@corridor/shared';
import { realStack, type Fetch, type RealStack } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const workload = { name: 'fraud model', tenant: 'bank-of-test', kind: 'training', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 8, model: 'H100' } };
/** A body each BFF write would take, to hide one unpaired surrogate in. */
const WRITES: { path: string; body: Json }[] = [
  { path: '/api/session', body: { username: 'operator', password: 'not the password' } },
  { path: '/api/placements/plan', body: { ...workload, latency: { from: 'Casablanca', maxRttMs: 80 }, conditions: ['sccs-signed'] } },
  { path: '/api/workloads', body: workload },
  { path: '/api/users', body: { username: 'new-user', name: 'New User', role: 'operator', password: 'a long enough password 123' } },
  { path: '/api/tokens', body: { name: 'ci token', role: 'operator' } },
];

/** Every string leaf and every key of a JSON value. */
function places(value: Json, path: (string | number)[] = []): { path: (string | number)[]; key: boolean }[] {
  if (typeof value === 'string') return [{ path, key: false }];
  if (Array.isArray(value)) return value.flatMap((item, i) => places(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, item]) => [{ path: [...path, k], key: true }, ...places(item, [...path, k])]);
  return [];
}
const insertAt = (text: string, lone: string, at: number) => text.slice(0, Math.floor(text.length * at)) + lone + text.slice(Math.floor(text.length * at));
function inject(value: Json, path: (string | number)[], key: boolean, lone: string, at: number): Json {
  if (path.length === 0) return insertAt(value as string, lone, at);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? inject(item, rest, key, lone, at) : item));
  return Object.fromEntries(
    Object.entries(value as Record<string, Json>).map(([k, item]): [string, Json] => {
      if (k !== head) return [k, item];
      return key && rest.length === 0 ? [insertAt(k, lone, at), item] : [k, inject(item, rest, key, lone, at)];
    }),
  );
}
const loneSurrogate = fc.oneof(fc.integer({ min: 0xd800, max: 0xdbff }), fc.integer({ min: 0xdc00, max: 0xdfff })).map((code) => String.fromCharCode(code));

describe.each(STORE_KINDS)('an unpaired UTF-16 surrogate anywhere in a BFF write (%s store)', (kind) => {
  let stack: RealStack;
  let store: RealStack['store'];
  let admin: Fetch;

  const everything = async () => {
    const counts = await store.db.query<{ name: string; n: string }>(
      `SELECT 'users' AS name, count(*)::text AS n FROM bff_users UNION ALL SELECT 'tokens', count(*)::text FROM bff_api_tokens UNION ALL SELECT 'throttle', count(*)::text FROM bff_login_throttle`,
    );
    const workloads = WorkloadListSchema.parse(await (await admin('/api/workloads')).json()).workloads.length;
    return { counts: counts.rows, workloads };
  };

  beforeAll(async () => {
    stack = await realStack(kind);
    ({ store, admin } = stack);
  });
  afterAll(() => stack?.close());

  it('is refused with 400 naming the field (or key), never 5xx, and nothing is stored', { timeout: 120_000 }, async () => {
    const before = await everything();
    const write = fc
      .constantFrom(...WRITES)
      .chain((w) =>
        fc.record({ path: fc.constant(w.path), body: fc.constant(w.body), place: fc.constantFrom(...places(w.body)), lone: loneSurrogate, at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      );
    await fc.assert(
      fc.asyncProperty(write, async ({ path, body, place, lone, at }) => {
        const sent = JSON.stringify(inject(body, place.path, place.key, lone, at));
        const res = await admin(path, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: sent });
        expect(res.status, `${path} ${sent}`).toBe(400);
        const segments = place.path.map(String);
        if (place.key) segments.push(insertAt(segments.pop()!, lone, at));
        expect(ErrorBodySchema.parse(await res.json()).error.fields).toEqual([{ field: segments.join('.'), message: 'must not contain an unpaired UTF-16 surrogate' }]);
      }),
      { numRuns: 100 },
    );
    expect(await everything()).toEqual(before);
  });
});
