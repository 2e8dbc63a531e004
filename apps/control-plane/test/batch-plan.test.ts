import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchPlanSchema, WorkloadSchema, type BatchPlan } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';

// POST /v1/placements/batch-plan on a real control plane (issue 15). One stack for the file: nothing the
// batch does is store-specific (it reads the committed figures GET /v1/capacity reads, and writes nothing).

const fleet = buildFleetFile();
fleet.sites = [{ ...fleet.sites[0]!, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 80, kwPerGpu: 1 })] }];
fleet.links = [];

const row = (count: number, overrides: Record<string, unknown> = {}) => workloadBody({ tenant: 'tenant-a', gpus: { count, model: 'H100' }, ...overrides });
/** The answer without its time: two batches asked at two instants say the same otherwise. */
const timeless = ({ at: _at, ...plan }: BatchPlan) => plan;

describe('POST /v1/placements/batch-plan', () => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness('pglite', fleet);
    // 32 of the site's 80 H100 committed: the batch starts from the 48 left.
    expect((await h.call('POST', '/v1/workloads', row(32))).status).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts from the committed figures and gives no later row what an earlier one took', async () => {
    const res = await h.call('POST', '/v1/placements/batch-plan', { workloads: [row(40, { name: 'first' }), row(16, { name: 'second', ref: 'T-2' }), row(8, { name: 'third' })] });
    expect(res.status).toBe(200);
    const plan = BatchPlanSchema.parse(res.body);
    expect(plan.results.map((r) => [r.name, r.outcome])).toEqual([
      ['first', 'placed'],
      ['second', 'unplaced'],
      ['third', 'placed'],
    ]);
    expect(plan.results[1]).toMatchObject({ ref: 'T-2', reasons: [{ code: 'INSUFFICIENT_GPUS', count: 1, message: expect.stringContaining('8 free') }] });
    expect(plan.totals).toEqual({ requested: 3, placed: 2, unplaced: 1, gpusRequested: 64, gpusPlaced: 48, powerKwPlaced: 48 });
    expect(plan.remaining).toEqual([{ jurisdiction: 'MA', sites: 1, gpusFreeBefore: 48, gpusFreeAfter: 0, powerKwFreeBefore: 7500 - 32, powerKwFreeAfter: 7500 - 80 }]);
  });

  it('holds, stores and audits nothing, and answers the same batch the same way', async () => {
    const before = { workloads: await h.count('workloads'), audit: await h.count('audit_log'), list: (await h.call('GET', '/v1/workloads')).body };
    const batch = { workloads: [row(48), row(8)] };
    const first = BatchPlanSchema.parse((await h.call('POST', '/v1/placements/batch-plan', batch)).body);
    const second = BatchPlanSchema.parse((await h.call('POST', '/v1/placements/batch-plan', batch)).body);
    expect(timeless(second)).toEqual(timeless(first));
    expect(first.results.map((r) => r.outcome)).toEqual(['placed', 'unplaced']);
    expect({ workloads: await h.count('workloads'), audit: await h.count('audit_log'), list: (await h.call('GET', '/v1/workloads')).body }).toEqual(before);
    // What the batch "placed" is still free for a real commit.
    const committed = WorkloadSchema.parse((await h.call('POST', '/v1/workloads', row(48))).body);
    expect(committed.siteId).toBe('site-a');
    expect((await h.call('DELETE', `/v1/workloads/${committed.id}`)).status).toBe(200);
  });

  it('lets a tenant batch for itself only: 403 naming the first row of another tenant', async () => {
    const own = await h.callAs(USERS.tenantA, 'POST', '/v1/placements/batch-plan', { workloads: [row(8)] });
    expect(own.status).toBe(200);
    const other = await h.callAs(USERS.tenantA, 'POST', '/v1/placements/batch-plan', { workloads: [row(8), row(8, { tenant: 'tenant-b' }), row(8, { tenant: 'tenant-c' })] });
    expect(other.status).toBe(403);
    expect(other.body.error.fields).toEqual([{ field: 'workloads.1.tenant', message: expect.stringContaining('"tenant-b"') }]);
  });

  it('refuses hostile batches with a 400 naming the field, and plans none of it', async () => {
    const fieldsOf = async (body: unknown) => {
      const res = await h.call('POST', '/v1/placements/batch-plan', body);
      expect(res.status).toBe(400);
      return [...new Set(res.body.error.fields.map((f: { field: string }) => f.field))];
    };
    expect(await fieldsOf({ workloads: Array.from({ length: 1001 }, () => row(1)) })).toEqual(['workloads']);
    expect(await fieldsOf({ workloads: [] })).toEqual(['workloads']);
    expect(await fieldsOf({ workloads: [row(1), row(1e308)] })).toEqual(['workloads.1.gpus.count']);
    expect(await fieldsOf({ workloads: [row(1, { powerKw: 1e308 })] })).toEqual(['workloads.0.powerKw']);
    expect(await fieldsOf(`{"workloads":[${JSON.stringify(row(1, { name: 'x\ud800' }))}]}`)).toEqual(['workloads.0.name']);
    expect(await fieldsOf(`{"workloads":[{"__proto__":{"tenant":"tenant-b"},${JSON.stringify(row(1)).slice(1)}]}`)).toEqual(['workloads.0']);
    expect(await fieldsOf(`{"__proto__":{"admin":true},"workloads":[${JSON.stringify(row(1))}]}`)).toEqual(['(root)']);
    expect(await fieldsOf({ workloads: [{ ...row(1), ref: 'r'.repeat(81) }] })).toEqual(['workloads.0.ref']);
  });
});
