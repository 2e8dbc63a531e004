import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchPlanSchema, ErrorBodySchema, WorkloadListSchema, type BatchPlan, type WorkloadRequestInput } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { realControlPlane, startBff, type Fetch } from './harness.ts';

// POST /api/placements/batch-plan through the BFF in front of a real control plane (issue 15): JSON or
// CSV in, JSON or CSV out, tenants for themselves only, hostile bodies refused. One stack for the file.

const fleet = buildFleetFile();
fleet.sites = [{ ...fleet.sites[0]!, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 80, kwPerGpu: 1 })] }];
fleet.links = [];

const row = (name: string, count: number, overrides: Partial<WorkloadRequestInput> = {}): WorkloadRequestInput => ({
  name,
  tenant: 'tenant-a',
  kind: 'inference',
  sector: 'commercial',
  dataClass: 'internal',
  dataOrigin: 'MA',
  gpus: { count, model: 'H100' },
  ...overrides,
});
const HEADER = 'name,tenant,kind,sector,dataClass,dataOrigin,gpus,model,powerKw,latencyFrom,maxRttMs,conditions';
/** The same three rows as `batch`, as the console uploads them. */
const CSV = [
  HEADER,
  'first,tenant-a,inference,commercial,internal,MA,64,H100,,,,',
  'second,tenant-a,inference,commercial,internal,MA,32,H100,,,,',
  'third,tenant-a,inference,commercial,internal,MA,16,H100,,,,',
].join('\r\n');
const batch = { workloads: [row('first', 64), row('second', 32), row('third', 16)] };
const timeless = ({ at: _at, ...plan }: BatchPlan) => plan;

describe('POST /api/placements/batch-plan', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: Awaited<ReturnType<typeof startBff>>;
  let tenantA: Fetch;

  const post = (body: string, contentType = 'application/json', headers: Record<string, string> = {}, as: Fetch = bff.fetch) =>
    as('/api/placements/batch-plan', { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': contentType, ...headers }, body });
  const fieldsOf = async (res: Response) => {
    expect(res.status).toBe(400);
    return [...new Set(ErrorBodySchema.parse(await res.json()).error.fields?.map((f) => f.field))];
  };

  beforeAll(async () => {
    upstream = await realControlPlane(fleet);
    bff = await startBff([upstream.cp.url]);
    tenantA = (await bff.as('tenant-a')).fetch;
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it('answers each row placed or not, in turn, and holds nothing', async () => {
    const before = WorkloadListSchema.parse(await (await bff.fetch('/api/workloads')).json());
    const res = await post(JSON.stringify(batch));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const plan = BatchPlanSchema.parse(await res.json());
    expect(plan.results.map((r) => [r.name, r.outcome])).toEqual([
      ['first', 'placed'],
      ['second', 'unplaced'],
      ['third', 'placed'],
    ]);
    expect(plan.totals).toMatchObject({ requested: 3, placed: 2, unplaced: 1, gpusPlaced: 80 });
    expect(plan.remaining).toEqual([expect.objectContaining({ jurisdiction: 'MA', gpusFreeBefore: 80, gpusFreeAfter: 0 })]);
    expect(WorkloadListSchema.parse(await (await bff.fetch('/api/workloads')).json())).toEqual(before);
  });

  it('takes the same rows as CSV and answers the same plan', async () => {
    const fromJson = BatchPlanSchema.parse(await (await post(JSON.stringify(batch))).json());
    const res = await post(CSV, 'text/csv');
    expect(res.status).toBe(200);
    expect(timeless(BatchPlanSchema.parse(await res.json()))).toEqual(timeless(fromJson));
  });

  it('answers CSV, one row per workload, when asked for it', async () => {
    const res = await post(CSV, 'text/csv', { Accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('index,ref,name,outcome,siteId,jurisdiction,gpuModel,gpuCount,powerKw,score,candidates,reasons');
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(2, 5))).toEqual([
      ['first', 'placed', 'site-a'],
      ['second', 'unplaced', ''],
      ['third', 'placed', 'site-a'],
    ]);
    expect(lines[2]).toMatch(/INSUFFICIENT_GPUS \(1 sites\): Needs 32/);
  });

  it('refuses a bad CSV naming the row and the column, and plans none of it', async () => {
    const bad = [
      HEADER,
      'ok,tenant-a,inference,commercial,internal,MA,8,H100,,,,',
      'bad,tenant-a,inference,commercial,internal,MA,lots,H100,,,,',
      'worse,tenant-a,inference,commercial,internal,MA,8,H100,,Rabat,,',
    ].join('\n');
    const res = await post(bad, 'text/csv');
    expect(res.status).toBe(400);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.fields?.map((f) => f.field)).toEqual(['row 3: gpus', 'row 4: maxRttMs']);
    expect(body.error.message).toMatch(/^invalid CSV: row 3: gpus must be a number/);
    expect(await fieldsOf(await post(`colour,${HEADER}\nred,${CSV.split('\r\n')[1]}`, 'text/csv'))).toEqual(['row 1: colour']);
  });

  it('refuses hostile JSON with a 400 naming the field', async () => {
    expect(await fieldsOf(await post(JSON.stringify({ workloads: Array.from({ length: 1001 }, (_, i) => row(`r${i}`, 1)) })))).toEqual(['workloads']);
    expect(await fieldsOf(await post(JSON.stringify({ workloads: [row('a', 1), row('b', 1e300)] })))).toEqual(['workloads.1.gpus.count']);
    expect(await fieldsOf(await post(`{"workloads":[{"__proto__":{"x":1},${JSON.stringify(row('a', 1)).slice(1)}]}`))).toEqual(['workloads.0']);
    expect(await fieldsOf(await post(JSON.stringify({ workloads: [row('a\ud800', 1)] })))).toEqual(['workloads.0.name']);
  });

  it('lets a tenant batch for itself only: 403 naming the row of another tenant', async () => {
    expect((await post(JSON.stringify({ workloads: [row('mine', 8)] }), 'application/json', {}, tenantA)).status).toBe(200);
    const res = await post(JSON.stringify({ workloads: [row('mine', 8), row('theirs', 8, { tenant: 'tenant-b' })] }), 'application/json', {}, tenantA);
    expect(res.status).toBe(403);
    expect(ErrorBodySchema.parse(await res.json()).error.fields).toEqual([{ field: 'workloads.1.tenant', message: expect.stringContaining('"tenant-a"') }]);
    const csv = await post(`${HEADER}\nmine,tenant-a,batch,commercial,internal,MA,8,,,,,\ntheirs,tenant-b,batch,commercial,internal,MA,8,,,,,`, 'text/csv', {}, tenantA);
    expect(csv.status).toBe(403);
  });
});
