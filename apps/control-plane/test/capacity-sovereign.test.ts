import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActingUser } from '@corridor/http-kit';
import { CapacityForecastSchema, ErrorBodySchema, SiteLossSchema, SovereignHeadroomSchema, type ClassHeadroom, type SovereignHeadroom } from '@corridor/shared';
import { buildCluster, buildFleetFile, buildJurisdiction, buildOperator, buildSite } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/**
 * Two DGSSI-qualified Moroccan sites under Moroccan control (the only lawful homes of Moroccan
 * state-sensitive data), a Moroccan site without the qualification, a Spanish site, a Nigerian site
 * (the only home of Nigerian government data) and a planned DGSSI site: enough to tell lawful from
 * free, to strand a workload when ma-1 is lost, and to make Nigerian demand outgrow its lawful supply.
 */
function sovereignFleet() {
  const base = buildFleetFile();
  const ma = base.operators[0]!.id;
  const es = buildOperator({ id: 'iberia-op', controlledBy: 'ES' });
  const site = (s: Parameters<typeof buildSite>[0]) => buildSite({ operatorId: ma, ...s });
  return {
    ...base,
    operators: [...base.operators, es],
    jurisdictions: [buildJurisdiction(), buildJurisdiction({ code: 'ES', name: 'Spain', blocs: ['EU', 'EEA'] }), buildJurisdiction({ code: 'NG', name: 'Nigeria', blocs: ['ECOWAS'] })],
    sites: [
      site({
        id: 'ma-1',
        name: 'Casablanca 1',
        itCapacityMw: 10,
        certifications: ['DGSSI level 1'],
        clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 512, kwPerGpu: 1.3 }), buildCluster({ gpuModel: 'L40S', gpuCount: 128, kwPerGpu: 0.6 })],
      }),
      site({ id: 'ma-2', name: 'Rabat 1', city: 'Rabat', lat: 34.02, lon: -6.83, certifications: ['DGSSI level 1'], clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 256, kwPerGpu: 1.3 })] }),
      site({ id: 'ma-plain', name: 'Tangier 1', city: 'Tangier', lat: 35.76, lon: -5.83, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 512, kwPerGpu: 1.3 })] }),
      site({
        id: 'es-1',
        name: 'Madrid 1',
        operatorId: es.id,
        country: 'ES',
        city: 'Madrid',
        lat: 40.42,
        lon: -3.7,
        clusters: [buildCluster({ gpuModel: 'L40S', gpuCount: 256, kwPerGpu: 0.6 })],
      }),
      site({ id: 'ng-1', name: 'Lagos 1', country: 'NG', city: 'Lagos', lat: 6.45, lon: 3.4, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 64, kwPerGpu: 1.3 })] }),
      site({
        id: 'ma-planned',
        name: 'Dakhla 1',
        status: 'planned',
        commissioningDate: '2031-05-15',
        certifications: ['DGSSI level 1'],
        clusters: [buildCluster({ gpuModel: 'B200', gpuCount: 800, kwPerGpu: 1.3 })],
      }),
    ],
    links: [],
  };
}

const STATE_SENSITIVE = { sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA' } as const;
const BEST_FIT = { weights: { capacity: 1, carbon: 0, cost: 0 } };

describe.each(STORE_KINDS)('sovereign headroom, N-1 and forecast, on %s', (kind) => {
  let h: PlacementHarness;
  const ids: Record<string, string> = {};

  const commit = async (name: string, body: Parameters<typeof workloadBody>[0]) => {
    const res = await h.call('POST', '/v1/workloads', workloadBody({ name, ...body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name] = res.body.id;
    return res.body as { id: string; siteId: string };
  };

  beforeAll(async () => {
    h = await placementHarness(kind, sovereignFleet());
    // On ma-1: 400 H100 of state-sensitive data (nowhere else has 400 lawful H100), 100 L40S of
    // unregulated data (best fit: ma-1's 128 over es-1's 256), 32 H100 of state-sensitive data (best fit
    // on what ma-1 has left, 112, over ma-2's 256).
    expect((await commit('state-big', { ...STATE_SENSITIVE, tenant: 'tenant-a', gpus: { count: 400, model: 'H100' } })).siteId).toBe('ma-1');
    expect((await commit('plain-l40s', { tenant: 'bank-of-test', gpus: { count: 100, model: 'L40S' }, ...BEST_FIT })).siteId).toBe('ma-1');
    expect((await commit('state-small', { ...STATE_SENSITIVE, tenant: 'tenant-b', gpus: { count: 32, model: 'H100' }, ...BEST_FIT })).siteId).toBe('ma-1');
    // Committed long before the weeks the forecast reads: a flat demand.
    await h.cp.db.query(`UPDATE workloads SET created_at = now() - make_interval(weeks => 20) WHERE id = ANY($1::text[])`, [[ids['state-big'], ids['plain-l40s'], ids['state-small']]]);
    // Nigerian government data, 8 H100 every other week for ten weeks: 48 of ng-1's 64 now, rising ~4.8 a week.
    for (const weeksAgo of [10, 8, 6, 4, 2, 0]) {
      const w = await commit(`ng-${weeksAgo}`, { sector: 'government', dataClass: 'internal', dataOrigin: 'NG', tenant: 'ng-gov', gpus: { count: 8, model: 'H100' } });
      expect(w.siteId).toBe('ng-1');
      await h.cp.db.query(`UPDATE workloads SET created_at = now() - make_interval(weeks => $2::int, hours => 1) WHERE id = $1`, [w.id, weeksAgo]);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  const headroom = async (query = '', user: ActingUser = USERS.executive): Promise<SovereignHeadroom> => {
    const res = await h.callAs(user, 'GET', `/v1/capacity/headroom${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return SovereignHeadroomSchema.parse(res.body);
  };
  const classOf = (answer: SovereignHeadroom, id: string): ClassHeadroom => {
    const found = answer.classes.find((c) => c.class.id === id);
    if (!found) throw new Error(`no class ${id} in ${answer.classes.map((c) => c.class.id).join(', ')}`);
    return found;
  };

  it('derives one class per rule of the pack, each with the request shape that makes the rule apply', async () => {
    const answer = await headroom();
    expect(answer.classes.map((c) => c.class.id)).toEqual(
      expect.arrayContaining(['ma-personal-data', 'ma-05-20-state-sensitive', 'fr-secnumcloud', 'fr-health-hds', 'ng-government-data', 'ecowas-personal-data', 'eu-gdpr-personal-data']),
    );
    expect(classOf(answer, 'ma-05-20-state-sensitive').class).toMatchObject({ shape: { ...STATE_SENSITIVE, conditions: [] }, ruleIds: ['ma-05-20-state-sensitive'] });
    expect(answer).toMatchObject({ audience: 'fleet', policyVersion: expect.stringMatching(/^sha256:/), largestSiteId: 'ma-1' });
  });

  it('counts lawful, committed, free and pipeline for Moroccan state-sensitive data from the engine’s checks', async () => {
    const c = classOf(await headroom('?gpus=300&model=H100'), 'ma-05-20-state-sensitive');
    // Lawful: ma-1 and ma-2 (DGSSI, Moroccan control); not ma-plain (no DGSSI), es-1, ng-1. Pipeline: ma-planned.
    expect(c.lawfulSites).toEqual({ installed: 2, pipeline: 1 });
    expect(c.gpusByModel).toEqual([
      { model: 'H100', lawful: 512 + 256, committed: 432, free: 512 - 432 + 256, pipeline: 0 },
      { model: 'B200', lawful: 0, committed: 0, free: 0, pipeline: 800 },
      { model: 'L40S', lawful: 128, committed: 0, free: 28, pipeline: 0 },
    ]);
    expect(c.gpus).toEqual({ lawful: 896, committed: 432, free: 80 + 256 + 28, pipeline: 800 });
    expect(c.mw).toMatchObject({ lawful: 17.5, pipeline: 7.5 });
    expect(c.mw.committed).toBeCloseTo((432 * 1.3) / 1000, 3);
    expect(c.workloads).toBe(2);
    expect(c.pipelineByQuarter).toEqual([{ quarter: '2031-Q2', mw: 7.5, gpus: 800, sites: [expect.objectContaining({ siteId: 'ma-planned', stage: 'announced', commissioningDate: '2031-05-15' })] }]);
    // 300 H100: yes, at ma-2 (256) and ma-1 (44 of its 80); no site could take all 300 as one workload.
    expect(c.answer).toMatchObject({ gpus: 300, model: 'H100', lawfulFree: 336, yes: true, oneSite: [] });
    expect(c.answer.at).toEqual([expect.objectContaining({ siteId: 'ma-2', model: 'H100', gpus: 256 }), expect.objectContaining({ siteId: 'ma-1', model: 'H100', gpus: 44 })]);
    expect(c.answer.prefill).toEqual({ ...STATE_SENSITIVE, conditions: [], kind: 'training', gpus: { count: 300, model: 'H100' } });
  });

  it('answers no with the lawful free count when the class cannot be served, and a plan agrees', async () => {
    const c = classOf(await headroom('?gpus=2000&model=H100'), 'ma-05-20-state-sensitive');
    expect(c.answer).toMatchObject({ yes: false, lawfulFree: 336, at: [] });
    const plan = await h.call('POST', '/v1/placements/plan', workloadBody({ ...STATE_SENSITIVE, gpus: { count: 257, model: 'H100' } }));
    // No single lawful site has 257 free H100 (ma-2 256, ma-1 80): the engine rejects both, as headroom's pools say.
    expect(plan.body.candidates).toEqual([]);
  });

  it('shows a tenant only the classes of its own workloads, committed its own', async () => {
    const a = await headroom('', USERS.tenantA);
    expect(a).toMatchObject({ audience: 'tenant', tenant: 'tenant-a' });
    expect(a.classes.map((c) => c.class.id)).toEqual(['ma-05-20-state-sensitive']);
    expect(a.classes[0]!.gpus).toMatchObject({ committed: 400, free: 364 });
    expect(a.classes[0]!.workloads).toBe(1);
    const b = await headroom('', USERS.tenantB);
    expect(b.classes.map((c) => c.class.id)).toEqual(['ma-05-20-state-sensitive']);
    expect(b.classes[0]!.gpus.committed).toBe(32);
  });

  it('N-1 of ma-1: re-places what the law lets move, strands the rest with the engine’s reasons, and reserves nothing', async () => {
    const before = { workloads: await h.count('workloads'), audit: await h.count('audit_log'), ma2: await h.capacityOf('ma-2'), es1: await h.capacityOf('es-1') };
    const res = await h.callAs(USERS.executive, 'POST', '/v1/capacity/site-loss', { siteId: 'ma-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const loss = SiteLossSchema.parse(res.body);
    expect(loss).toMatchObject({ dryRun: true, largestSiteId: 'ma-1', site: { id: 'ma-1', mw: 10, gpus: 640, committedGpus: 532 } });
    expect(loss.summary).toEqual({ workloads: 3, rePlaced: 2, stranded: 1, gpusRePlaced: 132, gpusStranded: 400 });
    const byName = Object.fromEntries(loss.workloads.map((w) => [w.name, w]));
    expect(byName['plain-l40s']).toMatchObject({ outcome: 're-placed', to: { siteId: 'es-1', gpuModel: 'L40S' }, reasons: [] });
    expect(byName['state-small']).toMatchObject({ outcome: 're-placed', to: { siteId: 'ma-2', gpuModel: 'H100' }, classIds: ['ma-05-20-state-sensitive'] });
    const stranded = byName['state-big']!;
    expect(stranded).toMatchObject({ outcome: 'stranded', lawfulSitesLeft: 2 });
    // Of the two lawful sites left (ma-2, the planned ma-planned), ma-2 comes closest: 256 H100 free for 400.
    expect(stranded.closestLawful).toEqual({ siteId: 'ma-2', name: 'Rabat 1', reasons: [{ code: 'INSUFFICIENT_GPUS', margin: { needed: 400, available: 256, unit: 'H100' } }] });
    expect(stranded.to).toBeUndefined();
    expect(stranded.reasons).toEqual([
      { code: 'JURISDICTION_NOT_ALLOWED', sites: 2, ruleIds: ['ma-05-20-state-sensitive'] },
      { code: 'OPERATOR_CONTROL', sites: 1, ruleIds: ['ma-05-20-state-sensitive'] },
      { code: 'CERTIFICATION_MISSING', sites: 3, ruleIds: ['ma-05-20-state-sensitive'] },
      { code: 'SITE_NOT_OPERATIONAL', sites: 1, ruleIds: [] },
      { code: 'INSUFFICIENT_GPUS', sites: 2, ruleIds: [] },
      { code: 'GPU_MODEL_UNAVAILABLE', sites: 2, ruleIds: [] },
    ]);
    // Moroccan state-sensitive: 364 free before; after, ma-1 is gone and state-small holds 32 of ma-2's H100.
    expect(loss.headroom.find((c) => c.classId === 'ma-05-20-state-sensitive')).toMatchObject({ before: { gpus: 364 }, after: { gpus: 256 - 32 } });
    // A read: nothing written, nothing reserved.
    expect(await h.count('workloads')).toBe(before.workloads);
    expect(await h.count('audit_log')).toBe(before.audit);
    expect(await h.capacityOf('ma-2')).toEqual(before.ma2);
    expect(await h.capacityOf('es-1')).toEqual(before.es1);
  });

  it('N-1 for a tenant lists its own workloads only', async () => {
    const res = await h.callAs(USERS.tenantA, 'POST', '/v1/capacity/site-loss', { siteId: 'ma-1' });
    const loss = SiteLossSchema.parse(res.body);
    expect(loss).toMatchObject({ audience: 'tenant', tenant: 'tenant-a', site: { committedGpus: 400 } });
    expect(loss.workloads.map((w) => w.name)).toEqual(['state-big']);
    expect(loss.summary).toEqual({ workloads: 1, rePlaced: 0, stranded: 1, gpusRePlaced: 0, gpusStranded: 400 });
    expect(loss.headroom.map((c) => c.classId)).toEqual(['ma-05-20-state-sensitive']);
  });

  it('forecast: flags the first quarter where Nigerian government demand outgrows its lawful supply, states its method', async () => {
    const res = await h.callAs(USERS.executive, 'GET', '/v1/capacity/forecast?weeks=12');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const f = CapacityForecastSchema.parse(res.body);
    expect(f.method).toMatchObject({ kind: 'linear-least-squares', weeks: 12, quarters: 8, description: expect.stringContaining('least squares') });
    const ng = f.classes.find((c) => c.class.id === 'ng-government-data')!;
    expect(ng.history).toHaveLength(12);
    expect(ng.history.map((p) => p.committedGpus)).toEqual([0, 8, 8, 16, 16, 24, 24, 32, 32, 40, 40, 48]);
    expect(ng.trend.slopeGpusPerWeek).toBeGreaterThan(4);
    expect(ng.quarters).toHaveLength(8);
    expect(ng.quarters.every((q) => q.supplyGpus === 64)).toBe(true);
    const first = ng.quarters.findIndex((q) => q.demandGpus > q.supplyGpus);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(ng.crossesIn).toBe(ng.quarters[first]!.quarter);
    expect(ng.quarters.map((q) => q.crossing)).toEqual(ng.quarters.map((_, i) => i === first));
    // Moroccan state-sensitive: 432 committed all along (a flat line) within 896 lawful: no crossing.
    const ma = f.classes.find((c) => c.class.id === 'ma-05-20-state-sensitive')!;
    expect(ma.crossesIn).toBeNull();
    expect(ma.quarters.at(-1)).toMatchObject({ demandGpus: 432 });
  });

  it('forecast for a tenant: its own classes and demand only', async () => {
    const f = CapacityForecastSchema.parse((await h.callAs(USERS.tenantB, 'GET', '/v1/capacity/forecast')).body);
    expect(f.classes.map((c) => c.class.id)).toEqual(['ma-05-20-state-sensitive']);
    expect(f.classes[0]!.history.at(-1)!.committedGpus).toBe(32);
  });

  it('refuses hostile questions with a 400 naming the field, and an unknown site with a 404', async () => {
    const post = (body: unknown) => h.callAs(USERS.executive, 'POST', '/v1/capacity/site-loss', body);
    const fieldOf = (res: { status: number; body: unknown }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field) ?? [];
    };
    expect(fieldOf(await post('{"__proto__": {"siteId": "ma-1"}}'))).toContain('siteId');
    expect(fieldOf(await post('{"siteId": "ma-1", "__proto__": {"x": 1}}')).length).toBeGreaterThan(0);
    expect(fieldOf(await post({ siteId: 'a'.repeat(20_000) }))).toEqual(['siteId']);
    expect(fieldOf(await post('{"siteId": "ma-\\ud800"}'))).toEqual(['siteId']);
    expect(fieldOf(await post({ siteId: 42 }))).toEqual(['siteId']);
    expect((await post([])).status).toBe(400);
    expect((await post({ siteId: 'atlantis-1' })).status).toBe(404);
    const get = (path: string) => h.callAs(USERS.executive, 'GET', path);
    expect(fieldOf(await get('/v1/capacity/headroom?gpus=0'))).toEqual(['gpus']);
    expect(fieldOf(await get('/v1/capacity/headroom?gpus=many'))).toEqual(['gpus']);
    expect(fieldOf(await get('/v1/capacity/headroom?model=H1000'))).toEqual(['model']);
    expect(fieldOf(await get('/v1/capacity/headroom?__proto__=1')).length).toBeGreaterThan(0);
    expect(fieldOf(await get('/v1/capacity/forecast?weeks=1'))).toEqual(['weeks']);
    expect(fieldOf(await get(`/v1/capacity/forecast?weeks=${'9'.repeat(5000)}`))).toEqual(['weeks']);
  });
});
