import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListSchema, ErrorBodySchema, NoSiteFitsSchema, PlanSchema, WorkloadSchema } from '@corridor/shared';
import { buildFleetFile, buildJurisdiction, buildSite, buildWorkloadRequest } from '@corridor/shared/testing';
import { placementHarness, type PlacementHarness } from './placement-harness.ts';

// Two Moroccan sites (site-a Casablanca, site-b Rabat) and one in Madrid, 512 H100 each.
const fleet = (() => {
  const base = buildFleetFile();
  const madrid = buildSite({ id: 'site-m', name: 'Site M', operatorId: 'operator-test', country: 'ES', city: 'Madrid', lat: 40.42, lon: -3.7 });
  return { ...base, jurisdictions: [...base.jurisdictions, buildJurisdiction({ code: 'ES', name: 'Spain' })], sites: [...base.sites, madrid] };
})();

/** Moroccan personal data (Law 09-08 keeps it in Morocco unless a condition is affirmed), no latency objective. */
const request = (gpus: number, siteId?: string) => {
  const { latency: _none, ...rest } = buildWorkloadRequest({ gpus: { count: gpus, model: 'H100' } });
  return { ...rest, ...(siteId ? { siteId } : {}) };
};

// A tenant chooses any candidate of the plan, not only the first; the commit re-checks that site alone.
describe('committing on a chosen site', () => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness('pglite', fleet);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('places the workload on the candidate chosen, even when it is not ranked first, and audits the choice', async () => {
    const plan = PlanSchema.parse((await h.call('POST', '/v1/placements/plan', request(64))).body);
    expect(plan.candidates.map((c) => c.siteId).sort()).toEqual(['site-a', 'site-b']);
    const second = plan.candidates.find((c) => c.rank === 2)!.siteId;

    const res = await h.call('POST', '/v1/workloads', request(64, second));
    expect(res.status).toBe(201);
    const workload = WorkloadSchema.parse(res.body);
    expect(workload.siteId).toBe(second);
    expect((await h.capacityOf(second)).gpus[0]).toMatchObject({ reserved: 64, free: 448 });
    const { records } = AuditListSchema.parse((await h.call('GET', '/v1/audit?limit=1&action=commit')).body);
    expect(records[0]!.detail).toMatchObject({ siteId: second, rank: 2 });
    await h.call('DELETE', `/v1/workloads/${workload.id}`);
  });

  it('refuses a site the policy rejects with 409 and that site’s reasons, and stores nothing', async () => {
    const before = await h.count('workloads');
    const res = await h.call('POST', '/v1/workloads', request(64, 'site-m'));
    expect(res.status).toBe(409);
    const body = NoSiteFitsSchema.parse(res.body);
    expect(body.error.message).toMatch(/^site "site-m" cannot take this workload now: .*only if the request affirms cndp-authorisation/);
    expect(body.plan.rejected.find((r) => r.siteId === 'site-m')?.reasons[0]?.code).toBe('JURISDICTION_NOT_ALLOWED');
    expect(await h.count('workloads')).toBe(before);
    const { records } = AuditListSchema.parse((await h.call('GET', '/v1/audit?limit=1')).body);
    expect(records[0]).toMatchObject({ action: 'commit-rejected', detail: { siteId: 'site-m' } });
  });

  it('refuses a chosen site that is too full rather than booking another one', async () => {
    const big = WorkloadSchema.parse((await h.call('POST', '/v1/workloads', request(480, 'site-a'))).body);
    expect(big.siteId).toBe('site-a');
    const before = await h.count('workloads');
    const res = await h.call('POST', '/v1/workloads', request(64, 'site-a'));
    expect(res.status).toBe(409);
    const body = NoSiteFitsSchema.parse(res.body);
    expect(body.error.message).toContain('site "site-a" cannot take this workload now');
    expect(body.plan.rejected.find((r) => r.siteId === 'site-a')?.reasons.map((r) => r.code)).toContain('INSUFFICIENT_GPUS');
    // Site B could have taken it: it was not chosen, so nothing was held there.
    expect(await h.count('workloads')).toBe(before);
    expect((await h.capacityOf('site-b')).gpus[0]).toMatchObject({ reserved: 0 });
    await h.call('DELETE', `/v1/workloads/${big.id}`);
  });

  it('answers 400 naming siteId for a site the fleet does not have', async () => {
    const res = await h.call('POST', '/v1/workloads', request(64, 'site-nowhere'));
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual([{ field: 'siteId', message: expect.stringContaining('no site "site-nowhere"') }]);
  });
});
