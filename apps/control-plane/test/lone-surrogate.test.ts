import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { RAW_SAMPLES } from '../src/telemetry/telemetry-store-sql.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
const minuteAgo = () => Math.floor(Date.now() / 1000) * 1000 - 60_000;

/** A body each write endpoint would take (or judge on its merits), to hide one unpaired surrogate in. */
/** `machine`: called by the service itself (no acting person), as those routes require. */
const WRITES: { path: string; body: () => Json; machine?: true }[] = [
  { path: '/v1/workloads', body: () => ({ ...workloadBody(), latency: { from: 'Casablanca', maxRttMs: 80 } }) },
  { path: '/v1/placements/plan', body: () => ({ ...workloadBody(), conditions: ['sccs-signed'] }) },
  { path: '/v1/telemetry', machine: true, body: () => ({ samples: [{ metric: 'site_it_power_watts', siteId: 'site-a', at: minuteAgo(), value: 5e6 }] }) },
  {
    path: '/v1/metrics',
    machine: true,
    body: () => ({
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'site.id', value: { stringValue: 'site-a' } }] },
          scopeMetrics: [
            {
              metrics: [
                { name: 'site_pue_ratio', unit: '1', gauge: { dataPoints: [{ timeUnixNano: nanos(minuteAgo()), asDouble: 1.3, attributes: [{ key: 'host', value: { stringValue: 'h1' } }] }] } },
              ],
            },
          ],
        },
      ],
    }),
  },
  { path: '/v1/faults', machine: true, body: () => ({ kind: 'cooling-failure', siteId: 'site-a' }) },
  { path: '/v1/audit', body: () => ({ action: 'login', subject: 'user:amina', detail: { method: 'password' } }) },
];

/** Every string leaf and every key of a JSON value, as the path segments a 400 names. */
function places(value: Json, path: (string | number)[] = []): { path: (string | number)[]; key: boolean }[] {
  if (typeof value === 'string') return [{ path, key: false }];
  if (Array.isArray(value)) return value.flatMap((item, i) => places(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, item]) => [{ path: [...path, k], key: true }, ...places(item, [...path, k])]);
  return [];
}

const insertAt = (text: string, lone: string, at: number) => text.slice(0, Math.floor(text.length * at)) + lone + text.slice(Math.floor(text.length * at));

/** `value` with `lone` put into the string (or the key) at `path`, at `at` (a fraction of its length). */
function inject(value: Json, path: (string | number)[], key: boolean, lone: string, at: number): Json {
  const put = (text: string) => insertAt(text, lone, at);
  if (path.length === 0) return put(value as string);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? inject(item, rest, key, lone, at) : item));
  const entries = Object.entries(value as Record<string, Json>).map(([k, item]): [string, Json] => {
    if (k !== head) return [k, item];
    if (key && rest.length === 0) return [put(k), item];
    return [k, inject(item, rest, key, lone, at)];
  });
  return Object.fromEntries(entries);
}

const loneSurrogate = fc.oneof(fc.integer({ min: 0xd800, max: 0xdbff }), fc.integer({ min: 0xdc00, max: 0xdfff })).map((code) => String.fromCharCode(code));

describe.each(STORE_KINDS)('an unpaired UTF-16 surrogate anywhere in a control-plane write (%s)', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  const stored = async () => ({
    workloads: await h.count('workloads'),
    audit: await h.count('audit_log'),
    samples: (await h.cp.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${RAW_SAMPLES} r`)).rows[0]!.n,
    faults: (await h.call('GET', '/v1/faults')).body.faults.length,
  });

  it('is refused with 400 naming the field (or key), never 5xx, and nothing is stored', { timeout: 120_000 }, async () => {
    const write = fc.constantFrom(...WRITES).chain((w) => {
      const body = w.body();
      return fc.record({
        path: fc.constant(w.path),
        machine: fc.constant(w.machine ?? false),
        body: fc.constant(body),
        place: fc.constantFrom(...places(body)),
        lone: loneSurrogate,
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      });
    });
    await fc.assert(
      fc.asyncProperty(write, async ({ path, machine, body, place, lone, at }) => {
        const before = await stored();
        const sent = inject(body, place.path, place.key, lone, at);
        const res = machine ? await h.callAs(null, 'POST', path, sent) : await h.call('POST', path, sent);
        expect(res.status, `${path} ${JSON.stringify(sent)}`).toBe(400);
        const { error } = ErrorBodySchema.parse(res.body);
        const segments = place.path.map(String);
        if (place.key) segments.push(insertAt(segments.pop()!, lone, at));
        expect(error.fields).toEqual([{ field: segments.join('.'), message: 'must not contain an unpaired UTF-16 surrogate' }]);
        expect(await stored()).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });

  it('still takes every body without one (the rule refuses only what it says)', async () => {
    for (const { path, body, machine } of WRITES.slice(0, 4)) {
      const res = machine ? await h.callAs(null, 'POST', path, body()) : await h.call('POST', path, body());
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });
});
