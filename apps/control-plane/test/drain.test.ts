import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { DrainPlanSchema, DrainSchema, WorkloadDetailSchema, WorkloadSchema, type Drain, type Workload } from '@corridor/shared';
import { buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import { DrainService } from '../src/drain/drain-service.ts';
import { FleetService } from '../src/fleet/fleet-service.ts';
import type { RaisedAlert, TimelineInput } from '../src/noc/ports.ts';
import { loadPolicyPack } from '../src/placement/policy-pack.ts';
import { WorkloadService } from '../src/placement/workload-service.ts';
import { POLICY_DIR, placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/** Three Moroccan sites of 512 H100 each, one operator. */
function threeSites() {
  const base = buildFleetFile();
  const c = buildSite({ id: 'site-c', name: 'Site C', operatorId: base.operators[0]!.id, city: 'Fes', lat: 34.03, lon: -5.0 });
  return { ...base, sites: [...base.sites, c] };
}

/** H100 reserved per site by workloads that hold a reservation, straight from the store. */
async function reservedH100(h: PlacementHarness): Promise<Map<string, number>> {
  const { rows } = await h.cp.db.query<{ site_id: string; gpus: number }>(
    "SELECT site_id, sum(gpu_count)::int AS gpus FROM workloads WHERE state IN ('placed', 'running', 'migrating') AND gpu_model = 'H100' GROUP BY site_id",
  );
  return new Map(rows.map((r) => [r.site_id, r.gpus]));
}

/** Polls the drain until it is no longer running (a deadline, no sleep of a fixed length). */
async function finished(h: PlacementHarness, id: string): Promise<Drain> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const drain = DrainSchema.parse((await h.call('GET', `/v1/drains/${id}`)).body);
    if (drain.state !== 'running') return drain;
    if (Date.now() > deadline) throw new Error(`drain ${id} still running: ${JSON.stringify(drain)}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const commit = async (h: PlacementHarness, count: number, name: string): Promise<Workload> => {
  const res = await h.call('POST', '/v1/workloads', workloadBody({ name, tenant: 'bank-of-test', gpus: { count, model: 'H100' } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return WorkloadSchema.parse(res.body);
};

describe.each(STORE_KINDS)('draining a site, on %s', (kind) => {
  let h: PlacementHarness;

  beforeAll(async () => {
    h = await placementHarness(kind, threeSites());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('plans, then executes by the plan’s id: every workload runs elsewhere, each move audited; the plan cannot run twice', async () => {
    const placed = [await commit(h, 64, 'drain me 1'), await commit(h, 32, 'drain me 2')];
    const source = placed[0]!.siteId!;
    const onSource = placed.filter((w) => w.siteId === source);
    const planRes = await h.call('POST', `/v1/sites/${source}/drain-plan`);
    expect(planRes.status).toBe(201);
    const plan = DrainPlanSchema.parse(planRes.body);
    expect(plan).toMatchObject({ siteId: source, createdBy: 'amina', blocked: 0 });
    expect(plan.moves.map((m) => m.workloadId).sort()).toEqual(onSource.map((w) => w.id).sort());
    for (const move of plan.moves) {
      expect(move.to).not.toBe(source);
      expect(move.score).toBeGreaterThan(0);
    }
    expect(plan.capacityEffect.length).toBeGreaterThan(0);

    const started = await h.call('POST', '/v1/drains', { planId: plan.id });
    expect(started.status).toBe(201);
    const drain = DrainSchema.parse(started.body);
    expect(drain.items.every((i) => i.state === 'migrating' || i.state === 'moved')).toBe(true);
    expect(Date.parse(drain.deadline)).toBeGreaterThan(Date.parse(drain.startedAt));
    const done = await finished(h, drain.id);
    expect(done.state).toBe('done');
    for (const item of done.items) {
      expect(item.state).toBe('moved');
      const w = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${item.workloadId}`)).body).workload;
      expect(w).toMatchObject({ state: 'running', siteId: item.to });
    }
    const audit = (await h.call('GET', '/v1/audit?limit=50')).body.records as { action: string; detail: Record<string, unknown> }[];
    expect(audit.filter((r) => r.action === 'migrate' && r.detail.drainId === drain.id)).toHaveLength(onSource.length);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['drain-planned', 'drain-executed']));

    // The tenant sees each move on its timeline: from → to, and why.
    for (const w of onSource) {
      const events = (await h.call('GET', `/v1/events?kind=migration&workload=${w.id}`)).body.events as { tenant: string; summary: string; detail: Record<string, unknown> }[];
      expect(events, w.id).toContainEqual(expect.objectContaining({ tenant: 'bank-of-test', summary: expect.stringContaining(`moved from ${source}`) }));
    }
    expect(((await h.call('GET', `/v1/events?kind=drain&site=${source}`)).body.events as unknown[]).length).toBeGreaterThanOrEqual(2);

    const again = await h.call('POST', '/v1/drains', { planId: plan.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(drain.id);
  });

  it('refuses what it cannot do: unknown site or plan (404), a body without planId (400 naming it), an unknown drain (404)', async () => {
    expect((await h.call('POST', '/v1/sites/site-nowhere/drain-plan')).status).toBe(404);
    expect((await h.call('POST', '/v1/drains', { planId: 'dp-nope' })).status).toBe(404);
    const bad = await h.call('POST', '/v1/drains', { plan: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('planId');
    expect((await h.call('GET', '/v1/drains/dr-nope')).status).toBe(404);
    expect((await h.callAs(null, 'POST', '/v1/sites/site-a/drain-plan')).status).toBe(401);
  });

  it('never overbooks a destination when two drains and a burst of commits run at once', { timeout: 60_000 }, async () => {
    // 8 × 100 H100 spread over the sites; two of them are drained while others commit, every plan counting on the same free GPUs.
    const burst: Workload[] = [];
    for (let i = 0; i < 8; i++) burst.push(await commit(h, 100, `tenant job ${i}`));
    const sites = [...new Set(burst.map((w) => w.siteId!))];
    const plans = await Promise.all(sites.slice(0, 2).map(async (siteId) => DrainPlanSchema.parse((await h.call('POST', `/v1/sites/${siteId}/drain-plan`)).body)));
    // Both drains, and 10 commits of 64 H100, all at once.
    const [drains, commits] = await Promise.all([
      Promise.all(plans.map(async (p) => DrainSchema.parse((await h.call('POST', '/v1/drains', { planId: p.id })).body))),
      Promise.all(Array.from({ length: 10 }, (_, i) => h.call('POST', '/v1/workloads', workloadBody({ name: `crowd ${i}`, gpus: { count: 64, model: 'H100' } })))),
    ]);
    const ended = await Promise.all(drains.map((d) => finished(h, d.id)));
    for (const res of commits) expect([201, 409]).toContain(res.status);
    for (const [siteId, gpus] of await reservedH100(h)) expect(gpus, siteId).toBeLessThanOrEqual(512);
    for (const drain of ended) {
      for (const item of drain.items) {
        expect(['moved', 'blocked', 'failed'], JSON.stringify(item)).toContain(item.state);
        if (item.state !== 'moved') expect(item.reason, JSON.stringify(item)).toBeTruthy();
        const w = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${item.workloadId}`)).body).workload;
        // Moved: running where the drain says; otherwise still where it was, holding its reservation.
        expect(item.state === 'moved' ? ['running'] : ['placed', 'running']).toContain(w.state);
        expect(w.siteId).toBe(item.state === 'moved' ? item.to : drain.siteId);
      }
    }
  });
});

describe.each(STORE_KINDS)('a workload with nowhere lawful to go, on %s', (kind) => {
  let h: PlacementHarness;

  beforeAll(async () => {
    const base = buildFleetFile();
    const other = buildOperator({ id: 'operator-two' });
    h = await placementHarness(kind, { ...base, operators: [...base.operators, other] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stays where it runs, blocked with every reason and its margin, and raises a critical alert saying why; the tenant’s timeline shows it', async () => {
    const big = await commit(h, 300, 'big training');
    const filler = await commit(h, 300, 'filler');
    expect(filler.siteId).not.toBe(big.siteId);
    const raised: RaisedAlert[] = [];
    const timeline: TimelineInput[] = [];
    const policy = loadPolicyPack(POLICY_DIR);
    const fleet = new FleetService(h.cp.db);
    const workloads = new WorkloadService({ db: h.cp.db, fleet, live: { siteValue: () => undefined, healthOf: () => undefined }, policy });
    const drains = new DrainService({
      db: h.cp.db,
      fleet,
      workloads,
      logger: createLogger('test', 'silent'),
      alerts: { raise: async (a) => (raised.push(a), {} as never), clear: async () => undefined, recordNotification: async () => undefined },
      timeline: { record: async (e) => (timeline.push(e), {} as never) },
    });
    const plan = await drains.plan(big.siteId!, 'amina');
    const move = plan.moves.find((m) => m.workloadId === big.id)!;
    expect(move.to).toBeNull();
    const short = move.reasons.find((r) => r.siteId === filler.siteId)!.reasons.find((r) => r.code === 'INSUFFICIENT_GPUS');
    expect(short?.margin).toEqual({ needed: 300, available: 212, unit: 'H100' });

    const drain = await drains.execute(plan.id, 'amina');
    const done = await drains.settled(drain.id);
    const item = done.items.find((i) => i.workloadId === big.id)!;
    expect(item).toMatchObject({ state: 'blocked', to: null, reason: expect.stringContaining('INSUFFICIENT_GPUS') });
    expect(item.reason).toContain('Needs 300 H100, 212 free');
    expect(raised).toContainEqual(expect.objectContaining({ severity: 'critical', siteId: big.siteId, summary: expect.stringContaining('INSUFFICIENT_GPUS') }));
    // Where it was, as it was (placed or already running): never left without a reservation.
    const stayed = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${big.id}`)).body).workload;
    expect(stayed.siteId).toBe(big.siteId);
    expect(['placed', 'running']).toContain(stayed.state);
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'migration', workloadId: big.id, tenant: 'bank-of-test', detail: expect.objectContaining({ state: 'blocked' }) }));
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['drain', 'migration']));
  });
});
