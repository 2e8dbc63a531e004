import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { AuditListSchema, AuditVerificationSchema, ErrorBodySchema, PlanSchema, PolicySchema, WorkloadDetailSchema, WorkloadListSchema, WorkloadSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane } from '../src/control-plane.ts';
import { USERS, actingHeaders } from './auth.ts';
import { STORE_KINDS, configFor, freshStore } from './stores.ts';
import { POLICY_DIR, placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';

const logger = createLogger('placement-test', 'silent');

// Two Moroccan sites (site-a Casablanca, site-b Rabat), 512 H100 each at 1.3 kW per GPU.
describe.each(STORE_KINDS)('placement API on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('plans without holding anything, and audits the plan', async () => {
    const before = await h.count('audit_log', `action = 'plan'`);
    const res = await h.callAs(USERS.operator, 'POST', '/v1/placements/plan', workloadBody());
    expect(res.status).toBe(200);
    const plan = PlanSchema.parse(res.body);
    expect(plan.candidates.map((c) => c.siteId).sort()).toEqual(['site-a', 'site-b']);
    expect(plan.candidates[0]).toMatchObject({ rank: 1, gpuModel: 'H100', freeGpus: 512 });
    expect((await h.capacityOf('site-a')).gpus).toEqual([{ model: 'H100', installed: 512, reserved: 0, free: 512 }]);
    expect(await h.count('workloads')).toBe(0);

    const { records } = AuditListSchema.parse((await h.call('GET', '/v1/audit?limit=1')).body);
    expect(records[0]).toMatchObject({ action: 'plan', actor: USERS.operator.username, subject: 'tenant:bank-of-test' });
    expect(records[0]!.detail).toMatchObject({ candidates: plan.candidates.map((c) => c.siteId), policyVersion: plan.policyVersion });
    expect(await h.count('audit_log', `action = 'plan'`)).toBe(before + 1);
  });

  it('commits, lists, shows, starts and releases a workload; free GPUs drop and come back', async () => {
    const committed = await h.callAs(USERS.operator, 'POST', '/v1/workloads', workloadBody());
    expect(committed.status).toBe(201);
    const workload = WorkloadSchema.parse(committed.body);
    expect(workload).toMatchObject({ state: 'placed', gpuModel: 'H100', gpuCount: 64, powerKw: 83.2, tenant: 'bank-of-test' });
    expect(workload.id).toMatch(/^wl-[0-9a-f]{16}$/);
    expect(committed.headers.get('location')).toBe(`/v1/workloads/${workload.id}`);
    const site = workload.siteId!;
    expect(await h.capacityOf(site)).toMatchObject({
      gpus: [{ model: 'H100', installed: 512, reserved: 64, free: 448 }],
      powerKw: { capacity: 7500, reserved: 83.2, free: 7416.8 },
    });

    // The lifecycle's next step starts it (its timer may have done so already).
    await h.cp.supervisor.step();
    const listed = WorkloadListSchema.parse((await h.call('GET', `/v1/workloads?site=${site}&state=running&tenant=bank-of-test&sector=commercial`)).body);
    expect(listed.workloads.map((w) => w.id)).toEqual([workload.id]);
    expect(WorkloadListSchema.parse((await h.call('GET', '/v1/workloads?tenant=someone-else')).body).workloads).toEqual([]);
    expect(WorkloadListSchema.parse((await h.call('GET', '/v1/workloads?state=placed')).body).workloads).toEqual([]);

    const detail = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${workload.id}`)).body);
    expect(detail.workload.state).toBe('running');
    expect(detail.plan?.candidates[0]?.siteId).toBe(site);
    expect(detail.audit.map((r) => [r.action, r.actor])).toEqual([
      ['commit', USERS.operator.username],
      ['start', 'system'],
    ]);
    expect(detail.audit[0]!.detail).toMatchObject({ siteId: site, gpuCount: 64, rank: 1 });

    const released = await h.call('DELETE', `/v1/workloads/${workload.id}`);
    expect(released.status).toBe(200);
    expect(WorkloadSchema.parse(released.body)).toMatchObject({ state: 'released', siteId: site });
    expect(released.body.releasedAt).toEqual(expect.any(String));
    expect((await h.capacityOf(site)).gpus[0]).toMatchObject({ reserved: 0, free: 512 });

    // Releasing again changes nothing: the same workload, no second audit record.
    const again = await h.call('DELETE', `/v1/workloads/${workload.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(released.body);
    const after = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${workload.id}`)).body);
    expect(after.audit.map((r) => r.action)).toEqual(['commit', 'start', 'release']);
  });

  it('answers 409 with the plan when no site can take the workload, and holds nothing', async () => {
    const before = await h.count('workloads');
    const res = await h.call('POST', '/v1/workloads', workloadBody({ gpus: { count: 600, model: 'H100' } }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/no site can take this workload/) });
    const plan = PlanSchema.parse(res.body.plan);
    expect(plan.candidates).toEqual([]);
    expect(plan.rejected.map((r) => r.reasons[0]!.code)).toEqual(['INSUFFICIENT_GPUS', 'INSUFFICIENT_GPUS']);
    expect(await h.count('workloads')).toBe(before);
    expect(await h.count('audit_log', `action = 'commit-rejected'`)).toBe(1);
  });

  it('honours Idempotency-Key: the same body answers the first commit again, another body is refused', async () => {
    const key = { 'Idempotency-Key': `order-${kind}-1` };
    const first = await h.call('POST', '/v1/workloads', workloadBody({ name: 'nightly batch' }), key);
    const second = await h.call('POST', '/v1/workloads', workloadBody({ name: 'nightly batch' }), key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await h.count('workloads', `name = 'nightly batch'`)).toBe(1);

    const other = await h.call('POST', '/v1/workloads', workloadBody({ name: 'something else' }), key);
    expect(other.status).toBe(409);
    expect(ErrorBodySchema.parse(other.body).error.message).toMatch(/Idempotency-Key "order-.*-1" was already used for another request body/);
    expect(await h.count('workloads', `name = 'something else'`)).toBe(0);

    // Concurrent retries with one key place one workload.
    const race = { 'Idempotency-Key': `order-${kind}-2` };
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/v1/workloads', workloadBody({ name: 'raced', gpus: { count: 8 } }), race)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await h.count('workloads', `name = 'raced'`)).toBe(1);
  });

  it('answers 400 naming every bad field, stores nothing and audits nothing', async () => {
    await h.cp.supervisor.step(); // nothing left placed: no lifecycle step writes while we count
    const workloads = await h.count('workloads');
    const audit = await h.count('audit_log');
    const bad = await h.call('POST', '/v1/workloads', { name: '', kind: 'mining', sector: 'retail', dataClass: 'secret', dataOrigin: 'XX', gpus: { count: 0, model: 'TPU' } });
    expect(bad.status).toBe(400);
    const fields = ErrorBodySchema.parse(bad.body)
      .error.fields!.map((f) => f.field)
      .sort();
    expect(fields).toEqual(['dataClass', 'dataOrigin', 'gpus.count', 'gpus.model', 'kind', 'name', 'sector', 'tenant']);

    const cases: [string, string, unknown, Record<string, string>, string][] = [
      ['POST', '/v1/placements/plan', { ...workloadBody(), latency: { from: 'Casablanca', maxRttMs: -1 } }, {}, 'latency.maxRttMs'],
      ['POST', '/v1/workloads', { ...workloadBody(), name: 'nul\u0000name' }, {}, 'name'],
      ['POST', '/v1/workloads', workloadBody(), { 'Idempotency-Key': 'x'.repeat(300) }, '(root)'],
      ['POST', '/v1/workloads', '{"name": ', {}, '(body)'],
      ['GET', '/v1/workloads?state=sleeping', undefined, {}, 'state'],
      ['GET', '/v1/workloads/NOT%20AN%20ID', undefined, {}, '(root)'],
      ['GET', '/v1/audit?limit=0', undefined, {}, 'limit'],
      ['GET', '/v1/audit?before=1e30', undefined, {}, 'before'],
    ];
    for (const [method, path, body, headers, field] of cases) {
      const res = await h.call(method, path, body, headers);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(
        ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field),
        `${method} ${path}`,
      ).toContain(field);
    }
    expect(await h.count('workloads')).toBe(workloads);
    expect(await h.count('audit_log')).toBe(audit);
  });

  it('answers 404 for a workload it does not know', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await h.call(method, '/v1/workloads/wl-0000000000000000');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('no workload "wl-0000000000000000"');
    }
  });

  it('serves the policy pack with the version every plan carries', async () => {
    const policy = PolicySchema.parse((await h.call('GET', '/v1/policy')).body);
    const plan = PlanSchema.parse((await h.call('POST', '/v1/placements/plan', workloadBody())).body);
    expect(policy.version).toBe(plan.policyVersion);
    expect(policy.rules.length).toBeGreaterThan(5);
    expect(policy.rules.every((r) => r.note.length > 0 && r.legalBasis.length > 0)).toBe(true);
  });

  it('pages the audit log newest first, and the whole chain verifies', async () => {
    // Start what is placed now, so no lifecycle step writes while the pages are read.
    await h.cp.supervisor.step();
    const total = await h.count('audit_log');
    const seen: number[] = [];
    let path = '/v1/audit?limit=3';
    for (;;) {
      const page = AuditListSchema.parse((await h.call('GET', path)).body);
      seen.push(...page.records.map((r) => r.seq));
      if (page.nextBefore === undefined) break;
      path = `/v1/audit?limit=3&before=${page.nextBefore}`;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));

    const verification = AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body);
    expect(verification).toMatchObject({ ok: true, count: total });
    const newest = AuditListSchema.parse((await h.call('GET', '/v1/audit?limit=1')).body).records[0]!;
    expect(verification.headHash).toBe(newest.hash);
  });
});

describe.each(STORE_KINDS)('policy pack at start on %s', (kind) => {
  const policyLoads = async (url: string) =>
    AuditListSchema.parse(await (await fetch(`${url}/v1/audit?limit=500`, { headers: actingHeaders(USERS.operator) })).json()).records.filter((r) => r.action === 'policy-load');

  it('records the pack it starts with once, not again on a restart with the same pack', async () => {
    const store = await freshStore(kind, 'control-plane', { migrated: true });
    try {
      const config = { ...configFor(store, buildFleetFile()), policyDir: POLICY_DIR };
      const first = await startControlPlane(config, logger);
      const version = PolicySchema.parse(await (await fetch(`${first.url}/v1/policy`, { headers: actingHeaders(USERS.operator) })).json()).version;
      await first.close();
      const second = await startControlPlane(config, logger);
      try {
        const loads = await policyLoads(second.url);
        // Record 1 is the chain's audit-key record; the pack's load follows it, once.
        expect(loads.map((r) => [r.seq, r.actor, r.subject])).toEqual([[2, 'system', `policy:${version}`]]);
      } finally {
        await second.close();
      }
    } finally {
      await store.cleanup();
    }
  });

  it('refuses to start on a bad pack, naming the file', async () => {
    const store = await freshStore(kind, 'control-plane', { migrated: true });
    try {
      const policyDir = mkdtempSync(join(tmpdir(), 'corridor-policy-'));
      writeFileSync(join(policyDir, '10-broken.yaml'), 'rules:\n  - id: Not A Slug\n    title: broken\n');
      const start = startControlPlane({ ...configFor(store, buildFleetFile()), policyDir }, logger);
      await expect(start).rejects.toThrow(/10-broken\.yaml/);
      rmSync(policyDir, { recursive: true, force: true });
    } finally {
      await store.cleanup();
    }
  });
});

describe.each(STORE_KINDS)('audit chain on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows tampering with any one record: verify names its seq', async () => {
    for (let i = 0; i < 3; i++) expect((await h.call('POST', '/v1/workloads', workloadBody({ name: `job ${i}` }))).status).toBe(201);
    await h.cp.supervisor.step();
    // audit-key (the chain's first keyed record), policy-load, 3 commits, 3 starts.
    expect((await h.call('GET', '/v1/audit/verify')).body).toMatchObject({ ok: true, count: 8 });

    // Change one figure of record 3.
    await h.cp.db.query(`UPDATE audit_log SET detail = jsonb_set(detail, '{gpuCount}', '8') WHERE seq = 3`);
    const verification = AuditVerificationSchema.parse((await h.call('GET', '/v1/audit/verify')).body);
    expect(verification).toMatchObject({ ok: false, count: 2, brokenAt: 3, firstBroken: 3, problem: 'rewritten' });
  });

  it('shows a removed record as a break at its seq', async () => {
    const fresh = await placementHarness(kind, buildFleetFile());
    try {
      for (let i = 0; i < 3; i++) await fresh.call('POST', '/v1/workloads', workloadBody({ name: `job ${i}` }));
      await fresh.cp.db.query('DELETE FROM audit_log WHERE seq = 2');
      expect((await fresh.call('GET', '/v1/audit/verify')).body).toMatchObject({ ok: false, brokenAt: 2 });
    } finally {
      await fresh.close();
    }
  });
});
