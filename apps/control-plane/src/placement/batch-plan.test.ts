import { describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import { BatchPlanRequestSchema, BatchPlanSchema, mulberry32, type BatchPlanRequestInput, type BatchPlanWorkloadInput, type SiteInput } from '@corridor/shared';
import { BatchAbandonedError, planBatch, type BatchSnapshot } from './batch-plan.ts';
import { planPlacement } from './engine.ts';
import { defaultFleet, defaultPolicy, fleetSnapshot } from './fixtures.ts';
import type { SiteUsage } from './plan-input.ts';

const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');

function snapshot(fleet: BatchSnapshot['fleet'], usage: Record<string, SiteUsage> = {}, live: BatchSnapshot['live'] = new Map()): BatchSnapshot {
  return { fleet, usage: new Map(Object.entries(usage)), live, policy, at: AT };
}

function fleetOf(...sites: Partial<SiteInput>[]): BatchSnapshot['fleet'] {
  return fleetSnapshot(buildFleetFile({ operators: [buildOperator({ id: 'operator-test' })], sites: sites.map((s) => buildSite({ operatorId: 'operator-test', ...s })), links: [] }), 'test');
}

const row = (overrides: Partial<BatchPlanWorkloadInput> = {}): BatchPlanWorkloadInput => ({
  name: 'row',
  tenant: 'tenant-a',
  kind: 'inference',
  sector: 'commercial',
  dataClass: 'internal',
  dataOrigin: 'MA',
  gpus: { count: 8 },
  ...overrides,
});
const batchOf = (input: BatchPlanRequestInput) => BatchPlanRequestSchema.parse(input);

/** 1,000 rows in the mix of bench/placement-batch.mjs: origins across the fleet, regulated and free data, 8–2,048 GPUs, some latency objectives. */
function mixedBatch(seed = 42) {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const origins = [
    ['MA', 'Casablanca'],
    ['FR', 'Paris'],
    ['ES', 'Madrid'],
    ['US', 'Ashburn'],
    ['SN', 'Dakar'],
    ['NG', 'Lagos'],
  ] as const;
  const profiles = [
    { sector: 'healthcare', dataClass: 'personal' },
    { sector: 'finance', dataClass: 'personal' },
    { sector: 'commercial', dataClass: 'internal' },
    { sector: 'government', dataClass: 'state-sensitive' },
  ] as const;
  return batchOf({
    workloads: Array.from({ length: 1000 }, (_, i) => {
      const [origin, city] = pick(origins);
      return row({
        name: `batch ${i + 1}`,
        ...pick(profiles),
        dataOrigin: origin,
        gpus: { count: pick([8, 16, 32, 64, 128, 256, 512, 1024, 2048]) },
        ...(random() < 0.4 ? { latency: { from: city, maxRttMs: 20 + Math.floor(random() * 41) } } : {}),
      });
    }),
  });
}

describe('planBatch', () => {
  const oneSite = fleetOf({ id: 'h100-site', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 80, kwPerGpu: 1 })], itCapacityMw: 1 });

  it('does not offer a later row what an earlier row took, and says why', async () => {
    const batch = batchOf({ workloads: [row({ name: 'first', gpus: { count: 64 } }), row({ name: 'second', ref: 'T-2', gpus: { count: 32 } }), row({ name: 'third', gpus: { count: 16 } })] });
    const plan = await planBatch(snapshot(oneSite), batch);
    expect(plan.results).toEqual([
      { index: 0, name: 'first', outcome: 'placed', siteId: 'h100-site', jurisdiction: 'MA', gpuModel: 'H100', gpuCount: 64, powerKw: 64, score: expect.any(Number), rank1Of: 1 },
      { index: 1, ref: 'T-2', name: 'second', outcome: 'unplaced', reasons: [{ code: 'INSUFFICIENT_GPUS', count: 1, message: expect.stringContaining('16 free') }] },
      { index: 2, name: 'third', outcome: 'placed', siteId: 'h100-site', jurisdiction: 'MA', gpuModel: 'H100', gpuCount: 16, powerKw: 16, score: expect.any(Number), rank1Of: 1 },
    ]);
    // Alone, the second row would have been placed: only the first row's share stopped it.
    expect((await planBatch(snapshot(oneSite), batchOf({ workloads: [row({ gpus: { count: 32 } })] }))).totals.placed).toBe(1);
  });

  it('starts from what is committed, and says what is left per jurisdiction before and after', async () => {
    const plan = await planBatch(snapshot(oneSite, { 'h100-site': { gpus: { H100: 40 }, powerKw: 40 } }), batchOf({ workloads: [row({ gpus: { count: 32 } }), row({ gpus: { count: 16 } })] }));
    expect(plan.results.map((r) => r.outcome)).toEqual(['placed', 'unplaced']);
    expect(plan.totals).toEqual({ requested: 2, placed: 1, unplaced: 1, gpusRequested: 48, gpusPlaced: 32, powerKwPlaced: 32 });
    expect(plan.remaining).toEqual([{ jurisdiction: 'MA', sites: 1, gpusFreeBefore: 40, gpusFreeAfter: 8, powerKwFreeBefore: 960, powerKwFreeAfter: 928 }]);
  });

  it('counts the sites behind each reason, most frequent first, and the rule of a policy reason', async () => {
    const fleet = fleetOf({ id: 'fr-1', country: 'FR' }, { id: 'fr-2', country: 'FR' }, { id: 'ma-small', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 8 })] });
    const plan = await planBatch(snapshot(fleet), batchOf({ workloads: [row({ sector: 'healthcare', dataClass: 'personal', gpus: { count: 64 } })] }));
    const [result] = plan.results;
    expect(result).toMatchObject({ outcome: 'unplaced' });
    expect(result!.outcome === 'unplaced' && result!.reasons.map((r) => [r.code, r.count, r.ruleId])).toEqual([
      ['JURISDICTION_NOT_ALLOWED', 2, 'ma-personal-data'],
      ['INSUFFICIENT_GPUS', 1, undefined],
    ]);
  });

  it('uses the batch’s weights for rows without their own', async () => {
    const fleet = fleetOf({ id: 'big', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 1024 })] }, { id: 'snug', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 64 })] });
    const scoreAlone = (input: BatchPlanWorkloadInput) => planPlacement({ ...snapshot(fleet), request: batchOf({ workloads: [input] }).workloads[0]! }).candidates[0]!.score;
    const plan = await planBatch(snapshot(fleet), batchOf({ workloads: [row({ name: 'own' })], weights: { capacity: 1 } }));
    const own = await planBatch(snapshot(fleet), batchOf({ workloads: [row({ name: 'own', weights: { cost: 1 } })], weights: { capacity: 1 } }));
    expect(plan.results[0]).toMatchObject({ score: scoreAlone(row({ weights: { capacity: 1 } })) });
    expect(own.results[0]).toMatchObject({ score: scoreAlone(row({ weights: { cost: 1 } })) });
    expect(scoreAlone(row({ weights: { capacity: 1 } }))).not.toBe(scoreAlone(row({ weights: { cost: 1 } })));
  });

  it('counts nothing free on a site that takes no workloads now', async () => {
    const plan = await planBatch(snapshot(oneSite, {}, new Map([['h100-site', { status: 'offline' as const }]])), batchOf({ workloads: [row()] }));
    expect(plan.results[0]).toMatchObject({ outcome: 'unplaced', reasons: [{ code: 'SITE_NOT_OPERATIONAL', count: 1 }] });
    expect(plan.remaining).toEqual([{ jurisdiction: 'MA', sites: 1, gpusFreeBefore: 0, gpusFreeAfter: 0, powerKwFreeBefore: 0, powerKwFreeAfter: 0 }]);
  });

  it('stops when the caller is gone', async () => {
    const gone = new AbortController();
    gone.abort();
    await expect(planBatch(snapshot(oneSite), batchOf({ workloads: [row()] }), gone.signal)).rejects.toBeInstanceOf(BatchAbandonedError);
  });

  describe('1,000 rows on the real fleet', () => {
    const { fleet } = defaultFleet();
    const batch = mixedBatch();

    it('places each row on the site a single plan ranks first at that moment, never where it would be rejected; totals add up', async () => {
      const plan = BatchPlanSchema.parse(await planBatch(snapshot(fleet), batch));
      // Replayed one row at a time with the engine alone: the same sites, in the same order.
      const usage = new Map<string, SiteUsage>();
      for (const [i, result] of plan.results.entries()) {
        const { ref: _ref, ...request } = batch.workloads[i]!;
        const single = planPlacement({ request, fleet, usage, live: new Map(), policy, at: AT });
        if (result.outcome === 'unplaced') {
          expect(single.candidates, `row ${i}`).toEqual([]);
          continue;
        }
        expect(single.rejected.map((r) => r.siteId)).not.toContain(result.siteId);
        expect(single.candidates[0], `row ${i}`).toMatchObject({ siteId: result.siteId, gpuModel: result.gpuModel, powerKw: result.powerKw, score: result.score });
        const held = usage.get(result.siteId) ?? usage.set(result.siteId, { gpus: {}, powerKw: 0 }).get(result.siteId)!;
        held.gpus[result.gpuModel] = (held.gpus[result.gpuModel] ?? 0) + result.gpuCount;
        held.powerKw += result.powerKw;
      }
      const placed = plan.results.filter((r) => r.outcome === 'placed');
      expect(plan.totals.placed + plan.totals.unplaced).toBe(1000);
      expect(plan.totals.placed).toBe(placed.length);
      expect(plan.totals.placed).toBeGreaterThan(0);
      expect(plan.totals.unplaced).toBeGreaterThan(0);
      expect(plan.totals.gpusPlaced).toBe(placed.reduce((n, r) => n + r.gpuCount, 0));
      expect(plan.totals.gpusRequested).toBe(batch.workloads.reduce((n, r) => n + r.gpus.count, 0));
      const freed = plan.remaining.reduce((n, r) => n + r.gpusFreeBefore - r.gpusFreeAfter, 0);
      expect(freed).toBe(plan.totals.gpusPlaced);
    });

    it('answers the same batch twice with the same plan', async () => {
      expect(await planBatch(snapshot(fleet), batch)).toEqual(await planBatch(snapshot(fleet), batch));
    });
  });
});
