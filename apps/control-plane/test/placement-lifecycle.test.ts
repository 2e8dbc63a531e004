import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerificationSchema, FaultViewSchema, WorkloadDetailSchema, WorkloadSchema } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import type { Simulator } from '../src/simulator/simulator.ts';
import { STORE_KINDS } from './stores.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';

/** Two Moroccan sites with room for the job on either: Casablanca (2,048 H100) and Rabat (1,024 H100). */
const fleet = buildFleetFile();
fleet.sites[0]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 2048 })];
fleet.sites[1]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 1024 })];

const HOUR = 3_600_000;
/** The latest 03:00 local solar time in Morocco (lon ≈ −7°): background demand is lowest, so the job shows clearly. */
function lastMoroccanNight(now: number): number {
  const day = Math.floor(now / (24 * HOUR)) * 24 * HOUR;
  const at = day + (3 + 7 / 15) * HOUR;
  return at <= now ? at : at - 24 * HOUR;
}

describe.each(STORE_KINDS)('workload lifecycle on %s (simulator on)', (kind) => {
  let h: PlacementHarness;
  let sim: Simulator;
  let workloadId: string;
  let firstSite: string;
  let otherSite: string;
  const faults: string[] = [];

  beforeAll(async () => {
    h = await placementHarness(kind, fleet, { simulator: true });
    sim = h.cp.simulator!;
    await sim.tickSafely();
  });
  afterAll(async () => {
    for (const id of faults) await h?.callAs(null, 'DELETE', `/v1/faults/${id}`);
    await h?.close();
  });

  /** IT power of every site in the samples the simulator produces for instant `at`. */
  const itPowerAt = async (at: number) => {
    const samples = await sim.tick(at);
    const of = (siteId: string) => samples.find((s) => s.siteId === siteId && s.metric === 'site_it_power_watts')!.value;
    return { a: of('site-a'), b: of('site-b') };
  };
  const detailOf = async (id: string) => WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${id}`)).body);

  it('starts a committed 512-GPU training job at the next tick, and its site draws visibly more power', async () => {
    const night = lastMoroccanNight(Date.now());
    const before = await itPowerAt(night);

    const res = await h.call('POST', '/v1/workloads', workloadBody({ name: 'llm pre-training', kind: 'training', gpus: { count: 512, model: 'H100' } }));
    expect(res.status).toBe(201);
    const workload = WorkloadSchema.parse(res.body);
    expect(workload.state).toBe('placed');
    workloadId = workload.id;
    firstSite = workload.siteId!;
    otherSite = firstSite === 'site-a' ? 'site-b' : 'site-a';

    await sim.tickSafely();
    expect((await detailOf(workloadId)).workload.state).toBe('running');

    // The same instant again: same weather, same background demand, same noise; only the job differs.
    const after = await itPowerAt(night);
    const [placedKey, otherKey] = firstSite === 'site-a' ? (['a', 'b'] as const) : (['b', 'a'] as const);
    expect(after[placedKey] / before[placedKey]).toBeGreaterThan(1.05);
    expect(after[otherKey]).toBe(before[otherKey]);
  });

  it('moves a running workload off a site that goes down onto the other lawful site', async () => {
    const res = await h.callAs(null, 'POST', '/v1/faults', { kind: 'site-down', siteId: firstSite });
    expect(res.status).toBe(201);
    faults.push(FaultViewSchema.parse(res.body).id);

    const { workload, audit } = await detailOf(workloadId);
    expect(workload).toMatchObject({ state: 'running', siteId: otherSite, gpuCount: 512 });
    expect(audit.map((r) => r.action)).toEqual(['commit', 'start', 'migrate']);
    expect(audit[2]).toMatchObject({ actor: 'system', detail: { from: firstSite, to: otherSite } });
    expect((await h.capacityOf(firstSite)).gpus[0]!.reserved).toBe(0);
    expect((await h.capacityOf(otherSite)).gpus[0]!.reserved).toBe(512);
  });

  it('strands a workload no site can take, with every site’s reasons, and frees what it held', async () => {
    const res = await h.callAs(null, 'POST', '/v1/faults', { kind: 'site-down', siteId: otherSite });
    expect(res.status).toBe(201);
    faults.push(FaultViewSchema.parse(res.body).id);

    const { workload, audit } = await detailOf(workloadId);
    expect(workload.state).toBe('stranded');
    expect(workload.siteId).toBeUndefined();
    expect(workload.strandedReasons?.map((r) => [r.siteId, r.reasons.map((x) => x.code)]).sort()).toEqual([
      ['site-a', ['SITE_NOT_OPERATIONAL']],
      ['site-b', ['SITE_NOT_OPERATIONAL']],
    ]);
    expect(audit.at(-1)).toMatchObject({ action: 'strand', detail: { from: otherSite, codes: ['SITE_NOT_OPERATIONAL'] } });
    expect((await h.capacityOf(otherSite)).gpus[0]!.reserved).toBe(0);
    expect(AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body).ok).toBe(true);
  });

  it('places the stranded workload again once a lawful site is back, and audits that once', async () => {
    const res = await h.callAs(null, 'DELETE', `/v1/faults/${faults.pop()}`);
    expect(res.status).toBe(204);

    const { workload, audit } = await detailOf(workloadId);
    expect(workload).toMatchObject({ state: 'running', siteId: otherSite, gpuCount: 512 });
    expect(audit.at(-1)).toMatchObject({ action: 'migrate', detail: { from: null, to: otherSite, after: 'stranded' } });
    expect(audit.filter((r) => r.action === 'strand')).toHaveLength(1);
    expect((await h.capacityOf(otherSite)).gpus[0]!.reserved).toBe(512);
  });
});
