import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CLASSES, GPU_MODELS, JURISDICTION_CODES, SECTORS, type GpuModel, type PolicyPackFile, type Site, type Workload, type WorkloadRequest } from '@corridor/shared';
import { buildWorkload } from '@corridor/shared/testing';
import { buildRequest, defaultFleet, defaultPolicy } from '../placement/fixtures.ts';
import type { SiteUsage } from '../placement/plan-input.ts';
import { planDrain, type DrainInput } from './drain-planner.ts';

const { fleet } = defaultFleet();
const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');
const SOURCE = 'usdc-casablanca-1';
const siteOf = (id: string) => fleet.sites.find((s) => s.id === id)!;
const installed = (site: Site, model: GpuModel) => site.clusters.filter((c) => c.gpuModel === model).reduce((n, c) => n + c.gpuCount, 0);

let seq = 0;
function workloadOn(siteId: string, request: WorkloadRequest): Workload {
  return buildWorkload({
    id: `wl-${String(++seq).padStart(4, '0')}`,
    name: request.name,
    tenant: request.tenant,
    siteId,
    state: 'running',
    gpuCount: request.gpus.count,
    request,
    sector: request.sector,
    dataClass: request.dataClass,
    dataOrigin: request.dataOrigin,
  });
}

const input = (usage: Map<string, SiteUsage> = new Map(), siteId = SOURCE): DrainInput => ({ siteId, fleet, usage, live: new Map(), policy, at: AT });

/** The pack read the simplest way (as engine.property.test.ts does), apart from the engine: may this request run at this site? */
function lawfulByReference(pack: PolicyPackFile, request: WorkloadRequest, site: Site): boolean {
  const expand = (refs: readonly string[]) => refs.flatMap((r) => (r === 'ORIGIN' ? [request.dataOrigin] : (pack.groups[r] ?? [r])));
  const within = (refs: readonly string[], code: string) => expand(refs).some((c) => c === '*' || c === code);
  return pack.rules
    .filter(
      (r) =>
        (r.match.sectors ?? [request.sector]).includes(request.sector) &&
        (r.match.dataClasses ?? [request.dataClass]).includes(request.dataClass) &&
        within(r.match.origins ?? ['*'], request.dataOrigin),
    )
    .every(
      (r) =>
        r.allow.some((entry) => within(entry.jurisdictions, site.country) && entry.requires.every((c) => request.conditions.includes(c))) &&
        (!r.operatorControl || within(r.operatorControl.allowed, site.operator.controlledBy)) &&
        r.certifications.every((c) => site.certifications.includes(c)),
    );
}

describe('the drain dry run', () => {
  it('gives each workload its best lawful destination with its score, the next ones as alternatives, never the site it leaves', () => {
    const workloads = [1, 2, 3].map((i) => workloadOn(SOURCE, buildRequest({ name: `job ${i}`, gpus: { count: 64, model: 'H200' } })));
    const { moves } = planDrain(input(), workloads);
    expect(moves).toHaveLength(3);
    for (const move of moves) {
      expect(move.to).not.toBeNull();
      expect(move.to).not.toBe(SOURCE);
      expect(move.score).toBeGreaterThan(0);
      expect(move.reasons).toEqual([]);
      const scores = move.alternatives.map((a) => a.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const a of move.alternatives) expect(a.score).toBeLessThanOrEqual(move.score!);
      expect(move.alternatives.map((a) => a.siteId)).not.toContain(SOURCE);
    }
  });

  it('counts earlier moves of the same plan: two moves never pile past a destination, and the capacity effect says what each destination keeps', () => {
    // 2,000 H200 each, and at most 2,500 H200 free anywhere: a destination can take one of them, not two.
    const usage = new Map<string, SiteUsage>(fleet.sites.map((site) => [site.id, { gpus: { H200: Math.max(0, installed(site, 'H200') - 2500) }, powerKw: 0 }]));
    const workloads = [1, 2, 3].map((i) => workloadOn(SOURCE, buildRequest({ name: `big ${i}`, gpus: { count: 2000, model: 'H200' } })));
    const { moves, capacityEffect } = planDrain(input(usage), workloads);
    expect(moves.filter((m) => m.to !== null).length).toBeGreaterThan(1);
    const destinations = moves.filter((m) => m.to !== null).map((m) => m.to);
    expect(new Set(destinations).size).toBe(destinations.length);
    for (const effect of capacityEffect) {
      const movedThere = moves.filter((m) => m.to === effect.siteId && m.reservation?.gpuModel === effect.gpuModel).reduce((n, m) => n + m.gpuCount, 0);
      expect(effect.freeBefore - effect.freeAfter, `${effect.siteId} ${effect.gpuModel}`).toBe(movedThere);
      expect(effect.freeBefore).toBe(Math.min(2500, installed(siteOf(effect.siteId), effect.gpuModel)));
      expect(effect.freeAfter).toBeGreaterThanOrEqual(0);
    }
    expect(capacityEffect.map((e) => e.siteId).sort()).toEqual([...destinations].sort());
  });

  it('reads what is already reserved: a destination already full is not chosen, and its free GPUs before are net of it', () => {
    const workload = workloadOn(SOURCE, buildRequest({ gpus: { count: 64, model: 'H200' } }));
    const first = planDrain(input(), [workload]).moves[0]!.to!;
    const full = new Map<string, SiteUsage>([[first, { gpus: { H200: installed(siteOf(first), 'H200') - 10 }, powerKw: 0 }]]);
    const { moves } = planDrain(input(full), [workload]);
    expect(moves[0]!.to).not.toBe(first);
    expect(moves[0]!.to).not.toBeNull();
  });

  it('says, for a workload with nowhere lawful to go, every site’s reasons with their margins', () => {
    // Moroccan health data stays in Morocco (Law 09-08); no Moroccan site has 5,000 H100.
    const stuck = workloadOn(SOURCE, buildRequest({ sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 5000, model: 'H100' } }));
    const { moves, capacityEffect } = planDrain(input(), [stuck]);
    const [move] = moves;
    expect(move!.to).toBeNull();
    expect(move!.alternatives).toEqual([]);
    expect(capacityEffect).toEqual([]);
    // Every site of the fleet, each with all of its reasons.
    expect(move!.reasons.map((r) => r.siteId).sort()).toEqual(fleet.sites.map((s) => s.id).sort());
    const codes = new Set(move!.reasons.flatMap((r) => r.reasons.map((x) => x.code)));
    expect(codes).toContain('JURISDICTION_NOT_ALLOWED');
    const short = move!.reasons.flatMap((r) => r.reasons).find((x) => x.code === 'INSUFFICIENT_GPUS');
    expect(short?.margin).toMatchObject({ needed: 5000, unit: 'H100' });
    expect(short!.margin!.available).toBeLessThan(5000);
    // The site being drained is left out, saying so.
    expect(move!.reasons.find((r) => r.siteId === SOURCE)!.reasons.map((x) => x.code)).toContain('SITE_NOT_OPERATIONAL');
  });

  it('property: sharing plans between workloads of the same shape gives exactly the answer of planning each in full', () => {
    const operational = fleet.sites.filter((s) => s.status === 'operational').map((s) => s.id);
    // A few shapes, repeated: what reuse is for (latency from a city and from a site id, which must resolve on the whole fleet).
    const shapes = [
      buildRequest({ gpus: { count: 256, model: 'H200' } }),
      buildRequest({ sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 512 }, latency: { from: 'Casablanca', maxRttMs: 20 } }),
      buildRequest({ dataOrigin: 'FR', gpus: { count: 1024 }, latency: { from: 'usdc-madrid-1', maxRttMs: 40 } }),
      buildRequest({ sector: 'government', dataClass: 'internal', dataOrigin: 'NG', gpus: { count: 128 } }),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...operational), fc.array(fc.nat({ max: shapes.length - 1 }), { minLength: 1, maxLength: 30 }), (source, picks) => {
        const workloads = picks.map((i, n) => workloadOn(source, { ...shapes[i]!, name: `w${n}`, tenant: `t${n % 3}` }));
        const strip = (r: ReturnType<typeof planDrain>) => r.moves.map(({ workloadId, to, score, alternatives, reasons }) => ({ workloadId, to, score, alternatives, reasons }));
        const shared = planDrain(input(new Map(), source), workloads);
        const full = planDrain(input(new Map(), source), workloads, { reuse: false });
        expect(strip(shared)).toEqual(strip(full));
        expect(shared.capacityEffect).toEqual(full.capacityEffect);
      }),
      { numRuns: 60 },
    );
  });

  it('property: no move ever goes to a site the policy forbids for that workload, to the site it leaves, or past a destination’s GPUs or power', () => {
    const operational = fleet.sites.filter((s) => s.status === 'operational').map((s) => s.id);
    const requestArb = fc
      .record({
        sector: fc.constantFrom(...SECTORS),
        dataClass: fc.constantFrom(...DATA_CLASSES),
        dataOrigin: fc.constantFrom(...JURISDICTION_CODES),
        count: fc.integer({ min: 1, max: 3000 }),
        model: fc.option(fc.constantFrom(...GPU_MODELS), { nil: undefined }),
        conditions: fc.subarray(policy.pack.conditions.map((c) => c.id)),
      })
      .map(({ count, model, ...rest }) => buildRequest({ ...rest, gpus: { count, ...(model ? { model } : {}) } }));
    fc.assert(
      fc.property(fc.constantFrom(...operational), fc.array(requestArb, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 0.9, noNaN: true }), (source, requests, share) => {
        const usage = new Map<string, SiteUsage>(
          fleet.sites.map((site) => {
            const gpus: SiteUsage['gpus'] = {};
            for (const c of site.clusters) gpus[c.gpuModel] = (gpus[c.gpuModel] ?? 0) + Math.floor(c.gpuCount * share);
            return [site.id, { gpus, powerKw: site.itCapacityMw * 1000 * share * 0.5 }];
          }),
        );
        const workloads = requests.map((r) => workloadOn(source, r));
        const { moves } = planDrain(input(usage, source), workloads);
        const held = new Map<string, { gpus: number; powerKw: number }>();
        for (const move of moves) {
          if (move.to === null) continue;
          const site = siteOf(move.to);
          const request = workloads.find((w) => w.id === move.workloadId)!.request;
          expect(move.to).not.toBe(source);
          expect(site.status).toBe('operational');
          expect(lawfulByReference(policy.pack, request, site), `${move.workloadId} → ${move.to}`).toBe(true);
          const key = `${move.to}|${move.reservation!.gpuModel}`;
          const h = held.get(key) ?? { gpus: 0, powerKw: 0 };
          h.gpus += move.gpuCount;
          held.set(key, h);
          const siteKw = moves.filter((m) => m.to === move.to).reduce((n, m) => n + m.reservation!.powerKw, 0);
          expect(siteKw + (usage.get(move.to)?.powerKw ?? 0)).toBeLessThanOrEqual(site.itCapacityMw * 1000 + 1e-6);
        }
        for (const [key, h] of held) {
          const [siteId, model] = key.split('|') as [string, GpuModel];
          expect(h.gpus + (usage.get(siteId)?.gpus[model] ?? 0), key).toBeLessThanOrEqual(installed(siteOf(siteId), model));
        }
      }),
      { numRuns: 150 },
    );
  });
});
