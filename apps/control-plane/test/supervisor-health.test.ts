import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { WorkloadDetailSchema, WorkloadSchema, type SiteHealth } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { FleetService } from '../src/fleet/fleet-service.ts';
import { loadPolicyPack } from '../src/placement/policy-pack.ts';
import { Supervisor } from '../src/placement/supervisor.ts';
import { WorkloadService } from '../src/placement/workload-service.ts';
import { POLICY_DIR, placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/**
 * Automatic migration only when a site is confirmed down (issue 16): the lifecycle is given the health a
 * test sets, site by site, and stepped by hand.
 */
describe.each(STORE_KINDS)('the lifecycle moves workloads only off a site confirmed down, on %s', (kind) => {
  let h: PlacementHarness;
  const health = new Map<string, SiteHealth>();
  let supervisor: Supervisor;

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
    const fleet = new FleetService(h.cp.db);
    const workloads = new WorkloadService({ db: h.cp.db, fleet, live: { siteValue: () => undefined, healthOf: (id) => health.get(id) }, policy: loadPolicyPack(POLICY_DIR) });
    supervisor = new Supervisor({ db: h.cp.db, fleet, workloads, logger: createLogger('test', 'silent') });
  });
  afterAll(async () => {
    await supervisor?.stop();
    await h?.close();
  });

  it('leaves it on a silent site (no-data) and on one in maintenance, and moves it when the site is down', async () => {
    const placed = WorkloadSchema.parse((await h.call('POST', '/v1/workloads', workloadBody({ gpus: { count: 8, model: 'H100' } }))).body);
    const siteId = placed.siteId!;
    const read = async () => WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${placed.id}`)).body).workload;

    health.set(siteId, { siteId, declared: 'operational', health: 'no-data', reason: 'no frames for 15 s', since: Date.now() });
    expect((await supervisor.step()).migrating).not.toContain(placed.id);
    expect(await read()).toMatchObject({ siteId, state: 'running' });

    health.set(siteId, { siteId, declared: 'maintenance', health: 'ok', since: Date.now(), maintenanceUntil: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await supervisor.step()).migrating).not.toContain(placed.id);
    expect((await read()).siteId).toBe(siteId);

    health.set(siteId, { siteId, declared: 'operational', health: 'down', reason: 'site down (injected fault)', since: Date.now() });
    expect((await supervisor.step()).migrating).toContain(placed.id);
    const moved = await read();
    expect(moved.state).toBe('running');
    expect(moved.siteId).not.toBe(siteId);
  });
});
