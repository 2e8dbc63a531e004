import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapacitySchema, WorkloadListSchema, WorkloadSchema, WriteOutcomeUnknownSchema, ErrorBodySchema, type WorkloadRequestInput } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { realControlPlane, startBff, type RunningBff } from './harness.ts';
import { freshStore, STORE_KINDS } from './stores.ts';

const COMMITS = 500;
/** Two sites of 512 H100: room for 256 workloads of 4, so a burst of 500 both places and fills up. */
const fleet = buildFleetFile();

const request = (i: number): WorkloadRequestInput => ({
  name: `burst ${i}`,
  tenant: 'bank',
  kind: 'batch',
  sector: 'finance',
  dataClass: 'internal',
  dataOrigin: 'MA',
  gpus: { count: 4, model: 'H100' },
});

interface Answer {
  status: number;
  retryAfter: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each status's body is parsed with its own schema below
  body: any;
}

async function commit(bff: RunningBff, i: number, key?: string): Promise<Answer> {
  const res = await bff.fetch('/api/workloads', {
    method: 'POST',
    headers: { 'X-CSRF': '1', 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(request(i)),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe.each(STORE_KINDS)(`a burst of ${COMMITS} concurrent commits through the BFF, on %s`, (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  beforeAll(async () => {
    store = await freshStore(kind, 'control-plane', { migrated: true });
    upstream = await realControlPlane(fleet, store.dataDir, store.databaseUrl ? { databaseUrl: store.databaseUrl } : {});
    bff = await startBff([upstream.cp.url]);
  }, 60_000);
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    await store?.cleanup();
  });

  it('answers each 201, 409, 429 (not sent) or 503 (not done, or outcome unknown with its key); stores exactly what it said it placed; overbooks nothing', { timeout: 180_000 }, async () => {
    const answers = await Promise.all(Array.from({ length: COMMITS }, (_, i) => commit(bff, i)));
    const byStatus = new Map<number, Answer[]>();
    for (const a of answers) byStatus.set(a.status, [...(byStatus.get(a.status) ?? []), a]);
    expect([...byStatus.keys()].filter((s) => ![201, 409, 429, 503].includes(s))).toEqual([]);

    for (const a of byStatus.get(429) ?? []) {
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(ErrorBodySchema.parse(a.body).error.message).toMatch(/not sent/);
    }
    // A 503 is either "not done" or names the key that learns the truth: ask with it.
    const placed = new Set((byStatus.get(201) ?? []).map((a) => WorkloadSchema.parse(a.body).id));
    for (const [i, a] of answers.entries()) {
      if (a.status !== 503) continue;
      const unknown = WriteOutcomeUnknownSchema.safeParse(a.body);
      if (!unknown.success) {
        expect(ErrorBodySchema.parse(a.body).error.message).toMatch(/nothing was done/);
        continue;
      }
      const truth = await commit(bff, i, unknown.data.idempotencyKey);
      expect([201, 409]).toContain(truth.status);
      if (truth.status === 201) placed.add(WorkloadSchema.parse(truth.body).id);
    }

    expect(placed.size).toBeGreaterThan(0);
    // No phantom: the store holds exactly the workloads some answer placed.
    const stored = WorkloadListSchema.parse(await (await bff.fetch('/api/workloads')).json()).workloads;
    expect(new Set(stored.map((w) => w.id))).toEqual(placed);
    const capacity = CapacitySchema.parse(await (await bff.fetch('/api/capacity')).json());
    for (const site of capacity.sites) for (const gpu of site.gpus) expect(gpu.reserved).toBeLessThanOrEqual(gpu.installed);
  });

  it('never books twice when the same commits are retried with their keys, all at once', { timeout: 120_000 }, async () => {
    const before = WorkloadListSchema.parse(await (await bff.fetch('/api/workloads')).json()).workloads.length;
    const keys = Array.from({ length: 40 }, (_, i) => `retry-${kind}-${i}`);
    // Each key sent three times at once: one places (or finds no room), the others answer the same.
    // An answer whose outcome is unknown is asked again with its key until it is known, as a client would.
    const known = async (i: number, key: string): Promise<Answer> => {
      for (;;) {
        const a = await commit(bff, 1000 + i, key);
        if (!(a.status === 503 && WriteOutcomeUnknownSchema.safeParse(a.body).success)) return a;
      }
    };
    const answers = await Promise.all(keys.flatMap((key, i) => [0, 1, 2].map(() => known(i, key))));
    const ids = new Map<string, Set<string>>();
    for (const [n, a] of answers.entries()) {
      expect([201, 409, 429]).toContain(a.status);
      if (a.status !== 201) continue;
      const key = keys[Math.floor(n / 3)]!;
      ids.set(key, new Set([...(ids.get(key) ?? []), WorkloadSchema.parse(a.body).id]));
    }
    for (const set of ids.values()) expect(set.size).toBe(1);
    const after = WorkloadListSchema.parse(await (await bff.fetch('/api/workloads')).json()).workloads.length;
    expect(after - before).toBe(ids.size);
  });
});
