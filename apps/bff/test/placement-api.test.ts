import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditListSchema,
  AuditVerificationSchema,
  CapacitySchema,
  ErrorBodySchema,
  NoSiteFitsSchema,
  PlanSchema,
  PolicySchema,
  WorkloadDetailSchema,
  WorkloadListSchema,
  WorkloadSchema,
  type WorkloadRequestInput,
} from '@corridor/shared';
import { buildFleetFile, buildJurisdiction, buildOperator, buildSite, buildWorkloadRequest } from '@corridor/shared/testing';
import { realControlPlane, startBff } from './harness.ts';

/** Two Moroccan sites (512 H100 each) and one in Madrid under a Spanish operator. */
function fleetWithSpain() {
  const base = buildFleetFile();
  return buildFleetFile({
    jurisdictions: [buildJurisdiction(), buildJurisdiction({ code: 'ES', name: 'Spain', blocs: ['EU', 'EEA'] })],
    operators: [...base.operators, buildOperator({ id: 'operator-es', controlledBy: 'ES' })],
    sites: [...base.sites, buildSite({ id: 'site-madrid', name: 'Madrid', operatorId: 'operator-es', country: 'ES', city: 'Madrid', lat: 40.42, lon: -3.7 })],
  });
}

/** Moroccan healthcare personal data: Law 09-08 keeps it in Morocco. */
const request = (tenant: string, overrides: Partial<WorkloadRequestInput> = {}): WorkloadRequestInput => buildWorkloadRequest({ tenant, ...overrides });

describe('placement through the BFF, in front of a real control plane', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: Awaited<ReturnType<typeof startBff>>;

  const send = (method: 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) =>
    bff.fetch(path, {
      method,
      headers: { 'X-CSRF': '1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const get = (path: string) => bff.fetch(path);
  const workloadsOf = async (tenant: string) => WorkloadListSchema.parse(await (await get(`/api/workloads?tenant=${tenant}`)).json()).workloads;
  const freeH100 = async (siteId: string) => {
    const { sites } = CapacitySchema.parse(await (await get('/api/capacity')).json());
    return sites.find((s) => s.siteId === siteId)?.gpus.find((g) => g.model === 'H100')?.free;
  };
  const auditHead = async () => AuditListSchema.parse(await (await get('/api/audit?limit=1')).json()).records[0]?.seq ?? 0;

  beforeAll(async () => {
    upstream = await realControlPlane(fleetWithSpain());
    bff = await startBff([upstream.cp.url]);
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it('plans without holding anything: Moroccan sites offered, Madrid rejected by its jurisdiction', async () => {
    const res = await send('POST', '/api/placements/plan', request('planner'));
    expect(res.status).toBe(200);
    const plan = PlanSchema.parse(await res.json());
    expect(plan.candidates.map((c) => c.siteId).sort()).toEqual(['site-a', 'site-b']);
    expect(plan.candidates[0]).toMatchObject({ rank: 1, gpuModel: 'H100', freeGpus: 512 });
    const madrid = plan.rejected.find((r) => r.siteId === 'site-madrid');
    expect(madrid?.reasons).toContainEqual(expect.objectContaining({ code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ma-personal-data' }));
    expect(await workloadsOf('planner')).toEqual([]);
  });

  it('commits, lists, shows with its plan and audit trail, and releases a workload', async () => {
    const committed = await send('POST', '/api/workloads', request('hospital'));
    expect(committed.status).toBe(201);
    const workload = WorkloadSchema.parse(await committed.json());
    expect(workload).toMatchObject({ tenant: 'hospital', gpuCount: 64, gpuModel: 'H100', siteId: expect.stringMatching(/^site-[ab]$/) });
    expect(['placed', 'running']).toContain(workload.state);
    expect(await freeH100(workload.siteId!)).toBe(512 - 64);

    expect((await workloadsOf('hospital')).map((w) => w.id)).toEqual([workload.id]);
    const onSite = WorkloadListSchema.parse(await (await get(`/api/workloads?site=${workload.siteId}&sector=healthcare`)).json());
    expect(onSite.workloads.map((w) => w.id)).toContain(workload.id);

    const detail = WorkloadDetailSchema.parse(await (await get(`/api/workloads/${workload.id}`)).json());
    expect(detail.workload.id).toBe(workload.id);
    expect(detail.plan?.candidates[0]?.siteId).toBe(workload.siteId);
    expect(detail.audit.map((a) => a.action)).toContain('commit');

    const released = await send('DELETE', `/api/workloads/${workload.id}`);
    expect(released.status).toBe(200);
    expect(WorkloadSchema.parse(await released.json())).toMatchObject({ id: workload.id, state: 'released' });
    expect((await workloadsOf('hospital'))[0]?.state).toBe('released');
    expect(await freeH100(workload.siteId!)).toBe(512);
  });

  it('answers the same workload for the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'commit-once-7f3a' };
    const first = WorkloadSchema.parse(await (await send('POST', '/api/workloads', request('retrier'), headers)).json());
    const again = await send('POST', '/api/workloads', request('retrier'), headers);
    expect(again.status).toBeLessThan(300);
    expect(WorkloadSchema.parse(await again.json()).id).toBe(first.id);
    expect(await workloadsOf('retrier')).toHaveLength(1);
  });

  it('answers 409 with the plan when no site fits, and holds nothing', async () => {
    const res = await send('POST', '/api/workloads', request('too-big', { gpus: { count: 2000, model: 'H100' } }));
    expect(res.status).toBe(409);
    const { error, plan } = NoSiteFitsSchema.parse(await res.json());
    expect(error.code).toBe('CONFLICT');
    expect(plan.candidates).toEqual([]);
    expect(plan.rejected.map((r) => r.siteId).sort()).toEqual(['site-a', 'site-b', 'site-madrid']);
    const siteA = plan.rejected.find((r) => r.siteId === 'site-a');
    expect(siteA?.reasons).toContainEqual(expect.objectContaining({ code: 'INSUFFICIENT_GPUS', margin: expect.objectContaining({ needed: 2000 }) }));
    expect(await workloadsOf('too-big')).toEqual([]);
  });

  it('answers 400 naming every bad field, without calling the control plane', async () => {
    const before = await auditHead();
    const res = await send('POST', '/api/workloads', { ...request('bad-input'), name: '', dataOrigin: 'XX', gpus: { count: 0 } });
    expect(res.status).toBe(400);
    const { error } = ErrorBodySchema.parse(await res.json());
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['dataOrigin', 'gpus.count', 'name']);
    expect(error.message).toMatch(/gpus\.count/);

    const badFilter = await get('/api/workloads?state=flying&site=Not%20A%20Site');
    expect(badFilter.status).toBe(400);
    expect(
      ErrorBodySchema.parse(await badFilter.json())
        .error.fields?.map((f) => f.field)
        .sort(),
    ).toEqual(['site', 'state']);

    expect(await workloadsOf('bad-input')).toEqual([]);
    expect(await auditHead()).toBe(before);
  });

  it('refuses writes without the CSRF header', async () => {
    const before = await auditHead();
    for (const [method, path, body] of [
      ['POST', '/api/workloads', request('no-csrf')],
      ['POST', '/api/placements/plan', request('no-csrf')],
      ['DELETE', '/api/workloads/wl-anything', undefined],
    ] as const) {
      const res = await bff.fetch(path, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('X-CSRF') });
    }
    expect(await workloadsOf('no-csrf')).toEqual([]);
    expect(await auditHead()).toBe(before);
  });

  it('keeps a 404 for an unknown workload', async () => {
    expect((await get('/api/workloads/wl-nowhere')).status).toBe(404);
    const release = await send('DELETE', '/api/workloads/wl-nowhere');
    expect(release.status).toBe(404);
    expect(ErrorBodySchema.parse(await release.json()).error.code).toBe('NOT_FOUND');
  });

  it('serves the policy, the audit log and its verification', async () => {
    const policy = PolicySchema.parse(await (await get('/api/policy')).json());
    expect(policy.rules.map((r) => r.id)).toContain('ma-personal-data');
    expect(policy.version).not.toBe('');

    const page = AuditListSchema.parse(await (await get('/api/audit?limit=2')).json());
    expect(page.records).toHaveLength(2);
    expect(page.records[0]!.seq).toBeGreaterThan(page.records[1]!.seq);
    const older = AuditListSchema.parse(await (await get(`/api/audit?before=${page.records[1]!.seq}&limit=1`)).json());
    expect(older.records[0]!.seq).toBeLessThan(page.records[1]!.seq);
    expect((await get('/api/audit?limit=0')).status).toBe(400);

    expect(AuditVerificationSchema.parse(await (await get('/api/audit/verify')).json())).toMatchObject({ ok: true, count: expect.any(Number) });
  });
});
