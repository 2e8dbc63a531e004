import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type ActingUser } from '@corridor/http-kit';
import { AuditListSchema, CapacitySchema, PolicyReloadSchema, WorkloadDetailSchema, WorkloadListSchema, WorkloadSchema, type AuditRecord } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { DEFAULT_POLICY_DIR, type ControlPlaneConfig } from '../src/config.ts';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { actingHeaders, USERS } from './auth.ts';
import { workloadBody } from './placement-harness.ts';
import { configFor, freshStore } from './stores.ts';

const logger = createLogger('policy-recheck-test', 'silent');

/** A rule the default pack lacks: commercial data from Morocco is hosted in `where` only (the test fleet is all in Morocco). */
const extraRule = (where: string[]) => `rules:
  - id: test-commercial-hosting
    title: Moroccan commercial data is hosted in ${where.join(' or ')}
    match:
      sectors: [commercial]
      origins: [MA]
    allow:
      - jurisdictions: [${where.join(', ')}]
    legalBasis: A test's rule.
`;

/**
 * Policy changes re-check what runs (issue 15): one PGlite store, a control plane started on it with the
 * default pack (v1), then again with a pack that forbids its workload where it runs (v2, at start), then
 * reloaded (v3 allows it again; v2 again; an invalid pack refused). Packs are written to a temp folder.
 */
describe('a policy change re-checks placed and running workloads: flagged and audited, never moved', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'corridor-policy-'));
  let store: Awaited<ReturnType<typeof freshStore>>;
  let config: ControlPlaneConfig;
  let cp: RunningControlPlane;
  let forbidden: string;
  let lawful: string;
  let siteId: string;

  const call = async (user: ActingUser, method: string, path: string, body?: unknown) => {
    const res = await fetch(cp.url + path, {
      method,
      headers: { ...actingHeaders(user), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads an arbitrary JSON answer by path and asserts the shape it reads
  const get = (path: string) => call(USERS.operator, 'GET', path) as Promise<{ status: number; body: any }>;
  const workload = async (id: string) => WorkloadDetailSchema.parse((await get(`/v1/workloads/${id}`)).body).workload;
  const reserved = async () => CapacitySchema.parse((await get('/v1/capacity')).body).sites.find((s) => s.siteId === siteId);
  const audit = async (action: string): Promise<AuditRecord[]> => AuditListSchema.parse((await get(`/v1/audit?action=${action}&limit=500`)).body).records.reverse();
  const policyVersion = async () => ((await get('/v1/policy')).body as { version: string }).version;
  const writeRule = (where: string[]) => writeFileSync(join(policyDir, '60-test.yaml'), extraRule(where));
  const reload = () => call(USERS.admin, 'POST', '/v1/policy/reload');

  beforeAll(async () => {
    cpSync(DEFAULT_POLICY_DIR, policyDir, { recursive: true });
    store = await freshStore('pglite');
    config = { ...configFor(store, buildFleetFile()), policyDir };
    cp = await startControlPlane(config, logger);
    const placed = await Promise.all([
      call(USERS.operator, 'POST', '/v1/workloads', workloadBody({ gpus: { count: 8, model: 'H100' } })),
      call(USERS.operator, 'POST', '/v1/workloads', workloadBody({ name: 'ledger batch', sector: 'finance', gpus: { count: 8, model: 'H100' } })),
    ]);
    forbidden = WorkloadSchema.parse(placed[0].body).id;
    lawful = WorkloadSchema.parse(placed[1].body).id;
  }, 120_000);
  afterAll(async () => {
    await cp?.close();
    await store?.cleanup();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('flags at start, under the new version, a workload the new pack forbids where it runs; moves nothing', async () => {
    const v1 = await policyVersion();
    const before = await workload(forbidden);
    siteId = before.siteId!;
    expect(before.policyFlag).toBeUndefined();
    const reservedBefore = await reserved();

    await cp.close();
    writeRule(['FR']);
    cp = await startControlPlane(config, logger);
    const v2 = await policyVersion();
    expect(v2).not.toBe(v1);

    const after = await workload(forbidden);
    expect(after.policyFlag).toMatchObject({
      policyVersion: v2,
      ruleId: 'test-commercial-hosting',
      ruleTitle: 'Moroccan commercial data is hosted in FR',
      code: 'JURISDICTION_NOT_ALLOWED',
      message: expect.stringContaining('MA is not allowed'),
    });
    expect(after.siteId).toBe(before.siteId);
    expect(after.state).not.toMatch(/migrating|stranded|released/);
    expect(await reserved()).toEqual(reservedBefore);
    expect((await workload(lawful)).policyFlag).toBeUndefined();

    // The operator's list of them, and the rest.
    const flagged = WorkloadListSchema.parse((await get('/v1/workloads?flagged=true')).body).workloads;
    expect(flagged.map((w) => w.id)).toEqual([forbidden]);
    expect(WorkloadListSchema.parse((await get('/v1/workloads?flagged=false')).body).workloads.map((w) => w.id)).toEqual([lawful]);
    expect((await get('/v1/workloads?flagged=yes')).body).toMatchObject({ error: { fields: [expect.objectContaining({ field: 'flagged' })] } });

    expect(await audit('policy-flag')).toEqual([
      expect.objectContaining({ actor: 'system', subject: `workload:${forbidden}`, detail: expect.objectContaining({ policyVersion: v2, ruleId: 'test-commercial-hosting', siteId }) }),
    ]);
    expect(await audit('policy-recheck')).toEqual([expect.objectContaining({ subject: `policy:${v2}`, detail: { from: v1, to: v2, checked: 2, flagged: 1, unflagged: 0 } })]);

    // On the timeline: the re-check for the staff, and the flagged workload for its tenant.
    await cp.timeline.settled();
    const events = (await get('/v1/events?kind=policy')).body.events as { workloadId?: string; tenant?: string; summary: string }[];
    expect(events).toContainEqual(expect.objectContaining({ summary: expect.stringMatching(/1 of 2 placed or running workloads not lawful where they run \(flagged, none moved\)/) }));
    expect(events).toContainEqual(
      expect.objectContaining({ workloadId: forbidden, tenant: 'bank-of-test', summary: expect.stringContaining('Moroccan commercial data is hosted in FR (flagged, not moved)') }),
    );
  });

  it('on reload: unflags a workload a later version allows again, flags it again when forbidden again, audited with the admin', async () => {
    const v2 = await policyVersion();
    const reservedBefore = await reserved();
    writeRule(['FR', 'MA']);
    const toV3 = await reload();
    expect(toV3.status).toBe(200);
    const v3 = PolicyReloadSchema.parse(toV3.body);
    expect(v3).toMatchObject({ previousVersion: v2, changed: true, checked: 2, flagged: 0, unflagged: 1 });
    expect(await policyVersion()).toBe(v3.version);
    expect((await workload(forbidden)).policyFlag).toBeUndefined();
    expect(await audit('policy-unflag')).toEqual([expect.objectContaining({ actor: USERS.admin.username, subject: `workload:${forbidden}` })]);

    writeRule(['FR']);
    const back = PolicyReloadSchema.parse((await reload()).body);
    expect(back).toMatchObject({ previousVersion: v3.version, version: v2, changed: true, flagged: 1, unflagged: 0 });
    expect((await workload(forbidden)).policyFlag).toMatchObject({ policyVersion: v2, ruleId: 'test-commercial-hosting' });
    expect((await audit('policy-flag')).map((r) => r.actor)).toEqual(['system', USERS.admin.username]);
    expect((await workload(forbidden)).siteId).toBe(siteId);
    expect(await reserved()).toEqual(reservedBefore);

    // The same pack again: nothing to re-check, nothing recorded.
    const recheckCount = (await audit('policy-recheck')).length;
    expect(PolicyReloadSchema.parse((await reload()).body)).toMatchObject({ version: v2, changed: false, checked: 0 });
    expect(await audit('policy-recheck')).toHaveLength(recheckCount);
  });

  it('refuses an invalid pack with the reason, audited, and keeps the one in force; only an admin may reload', async () => {
    const inForce = await policyVersion();
    writeFileSync(join(policyDir, '70-broken.yaml'), 'rules:\n  - id: broken\n    title: no allow list\n    match: {}\n    legalBasis: none\n');
    const refused = await reload();
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/version .* stays in force.*70-broken\.yaml.*allow/s);
    expect(await policyVersion()).toBe(inForce);
    expect((await workload(forbidden)).policyFlag?.policyVersion).toBe(inForce);
    expect(await audit('policy-reload-refused')).toEqual([expect.objectContaining({ actor: USERS.admin.username, detail: expect.objectContaining({ inForce }) })]);
    rmSync(join(policyDir, '70-broken.yaml'));

    expect((await call(USERS.operator, 'POST', '/v1/policy/reload')).status).toBe(403);
  });

  it('ends the flag when the operator acts: a released workload is no longer listed as flagged', async () => {
    expect((await workload(forbidden)).policyFlag).toBeDefined();
    expect((await call(USERS.operator, 'DELETE', `/v1/workloads/${forbidden}`)).status).toBe(200);
    expect((await workload(forbidden)).policyFlag).toBeUndefined();
    expect(WorkloadListSchema.parse((await get('/v1/workloads?flagged=true')).body).workloads).toEqual([]);
  });
});
