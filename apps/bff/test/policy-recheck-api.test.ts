import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, PolicyReloadSchema, WorkloadDetailSchema, WorkloadListSchema, WorkloadSchema, type WorkloadRequestInput } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { DEFAULT_POLICY_DIR } from '../../control-plane/src/config.ts';
import { realControlPlane, startBff, type Fetch, type RunningBff } from './harness.ts';

/** Commercial data from Morocco, hosted in France only: the test fleet is all in Morocco, so this pack forbids what runs. */
const FRANCE_ONLY = `rules:
  - id: test-commercial-in-france
    title: Moroccan commercial data is hosted in France
    match:
      sectors: [commercial]
      origins: [MA]
    allow:
      - jurisdictions: [FR]
    legalBasis: A test's rule.
`;

const request: WorkloadRequestInput = { name: 'Shop search', tenant: 'tenant-a', kind: 'inference', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 4 } };

/** Issue 15: after a policy reload, the operator finds the workloads the new pack forbids where they run, and why. */
describe('policy reload through the BFF: the admin reloads, the operator sees what the new pack flagged', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'corridor-bff-policy-'));
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  let admin: Fetch;
  let tenant: Fetch;
  let workloadId: string;

  const send = (as: Fetch, method: string, path: string, body?: unknown) =>
    as(path, { method, headers: { 'X-CSRF': '1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    cpSync(DEFAULT_POLICY_DIR, policyDir, { recursive: true });
    upstream = await realControlPlane(buildFleetFile(), undefined, { policyDir });
    bff = await startBff([upstream.cp.url]);
    admin = (await bff.as('admin')).fetch;
    tenant = (await bff.as('tenant-a')).fetch;
    const committed = await send(bff.fetch, 'POST', '/api/workloads', request);
    expect(committed.status).toBe(201);
    workloadId = WorkloadSchema.parse(await committed.json()).id;
  }, 120_000);
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('lists the flagged workload for the operator with the rule, its title and the version; its tenant sees it too; nothing moved', async () => {
    const before = WorkloadDetailSchema.parse(await (await bff.fetch(`/api/workloads/${workloadId}`)).json()).workload;
    writeFileSync(join(policyDir, '60-test.yaml'), FRANCE_ONLY);

    const reloaded = await send(admin, 'POST', '/api/policy/reload');
    expect(reloaded.status).toBe(200);
    const outcome = PolicyReloadSchema.parse(await reloaded.json());
    expect(outcome).toMatchObject({ changed: true, checked: 1, flagged: 1, unflagged: 0 });

    const listed = WorkloadListSchema.parse(await (await bff.fetch('/api/workloads?flagged=true')).json()).workloads;
    expect(listed).toEqual([
      expect.objectContaining({
        id: workloadId,
        siteId: before.siteId,
        policyFlag: expect.objectContaining({
          policyVersion: outcome.version,
          ruleId: 'test-commercial-in-france',
          ruleTitle: 'Moroccan commercial data is hosted in France',
          code: 'JURISDICTION_NOT_ALLOWED',
        }),
      }),
    ]);
    expect(WorkloadListSchema.parse(await (await bff.fetch('/api/workloads?flagged=false')).json()).workloads).toEqual([]);
    const detail = WorkloadDetailSchema.parse(await (await bff.fetch(`/api/workloads/${workloadId}`)).json());
    expect(detail.workload).toMatchObject({ siteId: before.siteId, gpuCount: before.gpuCount, policyFlag: { policyVersion: outcome.version } });
    expect(detail.audit.map((r) => r.action)).toContain('policy-flag');
    expect(WorkloadListSchema.parse(await (await tenant('/api/workloads?flagged=true')).json()).workloads.map((w) => w.id)).toEqual([workloadId]);

    // The filter is checked at the edge, naming the field.
    const bad = await bff.fetch('/api/workloads?flagged=maybe');
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(await bad.json()).error.fields).toContainEqual(expect.objectContaining({ field: 'flagged' }));
  });

  it('refuses an invalid pack with the reason and keeps the version in force; only the admin may reload', async () => {
    const inForce = ((await (await bff.fetch('/api/policy')).json()) as { version: string }).version;
    writeFileSync(join(policyDir, '70-broken.yaml'), 'rules: [{ id: broken }]\n');
    const refused = await send(admin, 'POST', '/api/policy/reload');
    expect(refused.status).toBe(409);
    expect(ErrorBodySchema.parse(await refused.json()).error.message).toMatch(new RegExp(`${inForce} stays in force.*70-broken\\.yaml`, 's'));
    expect(((await (await bff.fetch('/api/policy')).json()) as { version: string }).version).toBe(inForce);
    rmSync(join(policyDir, '70-broken.yaml'));

    for (const as of [bff.fetch, tenant]) expect((await send(as, 'POST', '/api/policy/reload')).status).toBe(403);
  });
});
