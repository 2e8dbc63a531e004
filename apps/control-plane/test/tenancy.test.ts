import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListSchema, ErrorBodySchema, WorkloadDetailSchema, WorkloadListSchema, WorkloadSchema, type Workload } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

describe.each(STORE_KINDS)('tenant isolation on %s', (kind) => {
  let h: PlacementHarness;
  let ofA: Workload[];
  let ofB: Workload[];
  const commitFor = async (tenant: string, name: string) =>
    WorkloadSchema.parse((await h.callAs(USERS.operator, 'POST', '/v1/workloads', workloadBody({ tenant, name, gpus: { count: 8, model: 'H100' } }))).body);

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
    ofA = [await commitFor('tenant-a', 'a ledger'), await commitFor('tenant-a', 'a triage')];
    ofB = [await commitFor('tenant-b', 'b scoring'), await commitFor('tenant-b', 'b vision')];
  });
  afterAll(async () => {
    await h?.close();
  });

  const idsOf = (body: unknown) =>
    WorkloadListSchema.parse(body)
      .workloads.map((w) => w.id)
      .sort();

  it('lists a tenant user its own workloads only, whatever the filter', async () => {
    expect(idsOf((await h.callAs(USERS.tenantA, 'GET', '/v1/workloads')).body)).toEqual(ofA.map((w) => w.id).sort());
    expect(idsOf((await h.callAs(USERS.tenantA, 'GET', '/v1/workloads?tenant=tenant-a&sector=commercial')).body)).toEqual(ofA.map((w) => w.id).sort());
    // A site holding tenant A's workloads: tenant B's filter on it still yields only B's.
    const site = ofA[0]!.siteId!;
    expect(idsOf((await h.callAs(USERS.tenantB, 'GET', `/v1/workloads?site=${site}`)).body)).toEqual(
      ofB
        .filter((w) => w.siteId === site)
        .map((w) => w.id)
        .sort(),
    );
    // The operator sees both.
    expect(idsOf((await h.callAs(USERS.operator, 'GET', '/v1/workloads')).body)).toEqual([...ofA, ...ofB].map((w) => w.id).sort());
  });

  it('refuses a filter on another tenant with 403 naming tenant', async () => {
    const res = await h.callAs(USERS.tenantA, 'GET', '/v1/workloads?tenant=tenant-b');
    expect(res.status).toBe(403);
    expect(ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field)).toEqual(['tenant']);
  });

  it('answers another tenant’s workload id as unknown, to read or to release, and changes nothing', async () => {
    const audit = await h.count('audit_log');
    for (const w of ofB) {
      for (const method of ['GET', 'DELETE']) {
        const res = await h.callAs(USERS.tenantA, method, `/v1/workloads/${w.id}`);
        expect(res.status, `${method} ${w.id}`).toBe(404);
        // The same answer as an id that does not exist: a guess learns nothing.
        expect(res.body.error.message).toBe(`no workload "${w.id}"`);
      }
    }
    const unknown = await h.callAs(USERS.tenantA, 'GET', '/v1/workloads/wl-0000000000000000');
    expect(unknown.body.error.message).toBe('no workload "wl-0000000000000000"');
    expect(await h.count('workloads', `tenant = 'tenant-b' AND state <> 'released'`)).toBe(ofB.length);
    expect(await h.count('audit_log')).toBe(audit);
  });

  it('refuses to plan or commit for another tenant with 403 naming tenant, and stores and audits nothing', async () => {
    const workloads = await h.count('workloads');
    const audit = await h.count('audit_log');
    for (const path of ['/v1/placements/plan', '/v1/workloads']) {
      const res = await h.callAs(USERS.tenantA, 'POST', path, workloadBody({ tenant: 'tenant-b', gpus: { count: 8 } }));
      expect(res.status, path).toBe(403);
      expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'FORBIDDEN', fields: [{ field: 'tenant', message: expect.stringMatching(/own tenant/) }] });
    }
    expect(await h.count('workloads')).toBe(workloads);
    expect(await h.count('audit_log')).toBe(audit);
  });

  it('lets a tenant user place, read and release its own workload, audited under its name', async () => {
    const committed = await h.callAs(USERS.tenantA, 'POST', '/v1/workloads', workloadBody({ tenant: 'tenant-a', name: 'a own', gpus: { count: 8 } }));
    expect(committed.status).toBe(201);
    const { id } = WorkloadSchema.parse(committed.body);
    expect((await h.callAs(USERS.tenantA, 'DELETE', `/v1/workloads/${id}`)).status).toBe(200);
    const detail = WorkloadDetailSchema.parse((await h.callAs(USERS.tenantA, 'GET', `/v1/workloads/${id}`)).body);
    expect(detail.workload.state).toBe('released');
    expect(detail.audit.map((r) => [r.action, r.actor])).toEqual([
      ['commit', 'tenant-a'],
      ['release', 'tenant-a'],
    ]);
    // Tenant B cannot see it, even released.
    expect((await h.callAs(USERS.tenantB, 'GET', `/v1/workloads/${id}`)).status).toBe(404);
  });

  it('records who acted for the operator’s release of a tenant’s workload', async () => {
    const [w] = ofB;
    expect((await h.callAs(USERS.admin, 'DELETE', `/v1/workloads/${w!.id}`)).status).toBe(200);
    const { records } = AuditListSchema.parse((await h.callAs(USERS.admin, 'GET', '/v1/audit?limit=1')).body);
    expect(records[0]).toMatchObject({ action: 'release', actor: USERS.admin.username, subject: `workload:${w!.id}` });
  });
});
