import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerificationSchema, NoSiteFitsSchema, WorkloadListSchema, WorkloadSchema } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { STORE_KINDS } from './stores.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';

const COMMITS = 500;
const GPUS_EACH = 8;
/** One site with 80 H100: room for exactly 10 workloads of 8. */
const fleet = buildFleetFile();
fleet.sites = [{ ...fleet.sites[0]!, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 80 })] }];
fleet.links = [];

describe.each(STORE_KINDS)('never overbooks on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, fleet);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`takes exactly 10 of ${COMMITS} concurrent commits on a site with room for 10, and answers the rest 409 with the plan`, { timeout: 120_000 }, async () => {
    const answers = await Promise.all(Array.from({ length: COMMITS }, (_, i) => h.call('POST', '/v1/workloads', workloadBody({ name: `burst ${i}`, gpus: { count: GPUS_EACH, model: 'H100' } }))));
    const placed = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(COMMITS - 10);
    for (const a of placed) expect(WorkloadSchema.parse(a.body).siteId).toBe('site-a');
    for (const a of refused) {
      const { plan } = NoSiteFitsSchema.parse(a.body);
      // The plan is the one of the moment the commit failed: the site is full.
      expect(plan.rejected).toEqual([{ siteId: 'site-a', reasons: [expect.objectContaining({ code: 'INSUFFICIENT_GPUS', margin: { needed: 8, available: 0, unit: 'H100' } })] }]);
    }

    expect((await h.capacityOf('site-a')).gpus).toEqual([{ model: 'H100', installed: 80, reserved: 80, free: 0 }]);
    expect(WorkloadListSchema.parse((await h.call('GET', '/v1/workloads')).body).workloads).toHaveLength(10);
    // Every commit and refusal is in the chain, and concurrent appends never forked it.
    expect(await h.count('audit_log', `action IN ('commit', 'commit-rejected')`)).toBe(COMMITS);
    expect(AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body).ok).toBe(true);
  });
});
