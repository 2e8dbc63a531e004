import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, WorkloadDetailSchema, WorkloadListSchema, WorkloadSchema, type Workload, type WorkloadRequestInput } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { realControlPlane, startBff, type Fetch, type RunningBff } from './harness.ts';

const json = (body: unknown) => ({ method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const release = { method: 'DELETE', headers: { 'X-CSRF': '1' } };
const request = (tenant: string, name: string): WorkloadRequestInput => ({ name, tenant, kind: 'batch', sector: 'finance', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 8 } });

describe('tenants see and act on their own workloads only', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  let tenantA: Fetch;
  let tenantB: Fetch;
  let ofA: Workload[];
  let ofB: Workload;

  const list = async (as: Fetch, query = '') => WorkloadListSchema.parse(await (await as(`/api/workloads${query}`)).json()).workloads;
  const commit = async (as: Fetch, body: WorkloadRequestInput) => WorkloadSchema.parse(await (await as('/api/workloads', json(body))).json());
  /**
   * Everything the operator sees that a tenant's attempt could change: which workloads exist, whose, and whether each
   * still holds its reservation. (Placed → running is the control plane's own tick, which may fall between two reads.)
   */
  const everything = async () => (await list(bff.fetch)).map((w) => `${w.id}:${w.tenant}:${w.state === 'released' ? 'released' : 'held'}`).sort();

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    bff = await startBff([upstream.cp.url]);
    tenantA = (await bff.as('tenant-a')).fetch;
    tenantB = (await bff.as('tenant-b')).fetch;
    ofA = [await commit(tenantA, request('tenant-a', 'A one')), await commit(tenantA, request('tenant-a', 'A two'))];
    ofB = await commit(tenantB, request('tenant-b', 'B one'));
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it("lists only the tenant's own workloads, whatever the filter says", async () => {
    expect((await list(tenantB)).map((w) => w.id)).toEqual([ofB.id]);
    expect(await list(tenantB, '?tenant=tenant-a')).toEqual([]);
    expect((await list(tenantB, `?site=${ofA[0]!.siteId}`)).every((w) => w.tenant === 'tenant-b')).toBe(true);
    expect((await list(tenantA)).map((w) => w.id).sort()).toEqual(ofA.map((w) => w.id).sort());
    expect((await list(bff.fetch)).map((w) => w.tenant).sort()).toEqual(['tenant-a', 'tenant-a', 'tenant-b']);
  });

  it("answers another tenant's workload exactly like one that does not exist, for reading and for release", async () => {
    const unknown = await tenantB('/api/workloads/wl-does-not-exist');
    const foreign = await tenantB(`/api/workloads/${ofA[0]!.id}`);
    expect([unknown.status, foreign.status]).toEqual([404, 404]);
    const messages = [ErrorBodySchema.parse(await unknown.json()).error.message, ErrorBodySchema.parse(await foreign.json()).error.message];
    expect(messages).toEqual(['no workload "wl-does-not-exist"', `no workload "${ofA[0]!.id}"`]);

    const before = await everything();
    const released = await tenantB(`/api/workloads/${ofA[0]!.id}`, release);
    expect(released.status).toBe(404);
    expect(ErrorBodySchema.parse(await released.json()).error.message).toBe(`no workload "${ofA[0]!.id}"`);
    expect(await everything()).toEqual(before);

    expect(WorkloadDetailSchema.parse(await (await tenantA(`/api/workloads/${ofA[0]!.id}`)).json()).workload.tenant).toBe('tenant-a');
  });

  it("never reads or releases another tenant's workload by guessing ids", async () => {
    const before = await everything();
    const guesses = fc.oneof(fc.constantFrom(...ofA.map((w) => w.id)), fc.stringMatching(/^wl-[a-z0-9-]{1,20}$/));
    await fc.assert(
      fc.asyncProperty(guesses, fc.boolean(), async (id, destructive) => {
        const res = await tenantB(`/api/workloads/${id}`, destructive ? release : {});
        expect(res.status).toBe(404);
      }),
      { numRuns: 40 },
    );
    expect(await everything()).toEqual(before);
  });

  it('refuses a plan or a commit for another tenant with 403 naming the field, and holds nothing', async () => {
    const before = await everything();
    for (const path of ['/api/placements/plan', '/api/workloads']) {
      const res = await tenantB(path, json(request('tenant-a', 'on behalf of A')));
      expect(res.status, path).toBe(403);
      expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({ code: 'FORBIDDEN', fields: [{ field: 'tenant', message: 'must be your own tenant "tenant-b"' }] });
    }
    expect(await everything()).toEqual(before);
  });

  it('lets a tenant release its own workload', async () => {
    const res = await tenantB(`/api/workloads/${ofB.id}`, release);
    expect(res.status).toBe(200);
    expect(WorkloadSchema.parse(await res.json())).toMatchObject({ id: ofB.id, state: 'released' });
  });
});
