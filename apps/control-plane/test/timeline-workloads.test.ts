import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaultViewSchema, TimelinePageSchema, WorkloadSchema, type TimelineEvent } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/** Two Moroccan sites with room for the job on either. */
const fleet = buildFleetFile();
fleet.sites[0]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 1024 })];
fleet.sites[1]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 1024 })];

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });

describe.each(STORE_KINDS)('a workload’s life on the timeline, as its tenant sees it, on %s', (kind) => {
  let h: PlacementHarness;
  let workloadId: string;
  let first: string;
  let second: string;
  const faults: string[] = [];

  beforeAll(async () => {
    h = await placementHarness(kind, fleet, { simulator: true });
    await h.cp.simulator!.tickSafely();
  });
  afterAll(async () => {
    for (const id of faults) await h?.callAs(null, 'DELETE', `/v1/faults/${id}`);
    await h?.close();
  });

  const eventsOf = async (user: (typeof USERS)[keyof typeof USERS], query = '') => {
    const res = await h.callAs(user, 'GET', `/v1/events${query}`);
    expect(res.status).toBe(200);
    return TimelinePageSchema.parse(res.body).events;
  };
  const line = (e: TimelineEvent) => [e.kind, e.tenant, e.summary];
  const siteDown = async (siteId: string) => {
    const res = await h.callAs(null, 'POST', '/v1/faults', { kind: 'site-down', siteId });
    expect(res.status).toBe(201);
    faults.push(FaultViewSchema.parse(res.body).id);
  };

  it('records the commit for the tenant, and no other tenant sees it', async () => {
    const res = await h.callAs(USERS.tenantA, 'POST', '/v1/workloads', workloadBody({ name: 'risk model', tenant: 'tenant-a', gpus: { count: 512, model: 'H100' } }));
    expect(res.status).toBe(201);
    const workload = WorkloadSchema.parse(res.body);
    workloadId = workload.id;
    first = workload.siteId!;
    second = first === 'site-a' ? 'site-b' : 'site-a';
    await eventually(async () => expect((await eventsOf(USERS.tenantA)).map(line)).toEqual([['commit', 'tenant-a', `risk model placed on ${first} (512 × H100)`]]));
    expect(await eventsOf(USERS.tenantB)).toEqual([]);
  });

  it('records the move off a site that goes down, with from, to and why; staff also see the fault and the health change', async () => {
    await h.cp.simulator!.tickSafely();
    await siteDown(first);
    await eventually(async () => expect((await eventsOf(USERS.tenantA, '?kind=migration')).map(line)).toEqual([['migration', 'tenant-a', `risk model moved from ${first} to ${second}: site down`]]));
    const [move] = await eventsOf(USERS.tenantA, '?kind=migration');
    expect(move).toMatchObject({ workloadId, siteId: second, actor: 'system', detail: { from: first, to: second, state: 'running', reason: 'site down' } });

    await eventually(async () => {
      const staff = await eventsOf(USERS.operator, `?site=${first}`);
      expect(staff.map((e) => e.kind)).toEqual(expect.arrayContaining(['fault', 'health', 'commit']));
      expect(staff.find((e) => e.kind === 'fault')!.summary).toBe(`site down injected on site ${first}`);
      expect(staff.find((e) => e.kind === 'health')!.detail).toMatchObject({ to: 'down' });
    });
    // Faults and health concern no tenant: a tenant user is not shown them.
    expect((await eventsOf(USERS.tenantA)).every((e) => e.tenant === 'tenant-a')).toBe(true);
  });

  it('records a stranding with the reasons when no lawful site is left, then the release', async () => {
    await siteDown(second);
    await eventually(async () => {
      const [stranded] = await eventsOf(USERS.tenantA, '?kind=migration&limit=1');
      expect(stranded).toMatchObject({ workloadId, detail: { state: 'stranded', from: second, reason: 'site down' } });
      expect(stranded!.summary).toMatch(new RegExp(`^risk model stranded: it must leave ${second} \\(site down\\) and no lawful site can take it \\(.*SITE_NOT_OPERATIONAL.*\\)$`));
    });
    expect((await h.callAs(USERS.tenantA, 'DELETE', `/v1/workloads/${workloadId}`)).status).toBe(200);
    await eventually(async () => expect((await eventsOf(USERS.tenantA, '?kind=release')).map((e) => [e.workloadId, e.detail.state])).toEqual([[workloadId, 'released']]));
  });
});
