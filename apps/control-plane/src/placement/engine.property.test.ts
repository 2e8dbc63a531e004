import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CLASSES, GPU_MODELS, JURISDICTION_CODES, SECTORS, SITE_STATUSES, type PolicyPackFile, type Site, type WorkloadRequest } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import { buildRequest, defaultFleet, defaultPolicy } from './fixtures.ts';
import type { PlanInput, SiteLive, SiteUsage } from './plan-input.ts';

const { fleet } = defaultFleet();
const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');

/**
 * The pack read the simplest way, apart from the engine's compiled path: may this request's data
 * run at this site? (Every matching rule must let the site's country, operator and certificates in.)
 */
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

const requestArb = fc
  .record({
    sector: fc.constantFrom(...SECTORS),
    dataClass: fc.constantFrom(...DATA_CLASSES),
    dataOrigin: fc.constantFrom(...JURISDICTION_CODES),
    count: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 6000 })),
    model: fc.option(fc.constantFrom(...GPU_MODELS), { nil: undefined }),
    conditions: fc.subarray(policy.pack.conditions.map((c) => c.id)),
    latency: fc.option(fc.record({ from: fc.constantFrom('Casablanca', 'Paris', 'Lagos', 'New York', 'usdc-madrid-1'), maxRttMs: fc.integer({ min: 1, max: 150 }) }), { nil: undefined }),
    weights: fc.option(fc.record({ latency: fc.double({ min: 0, max: 1, noNaN: true }), carbon: fc.double({ min: 0.01, max: 1, noNaN: true }) }), { nil: undefined }),
  })
  .map(({ count, model, latency, weights, ...rest }) => buildRequest({ ...rest, gpus: { count, ...(model ? { model } : {}) }, ...(latency ? { latency } : {}), ...(weights ? { weights } : {}) }));

/** Per site: the share of each cluster's GPUs already held (0–1) and the IT power held. */
const loadArb = fc.array(fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }), powerKw: fc.integer({ min: 0, max: 12_000 }) }), {
  minLength: fleet.sites.length,
  maxLength: fleet.sites.length,
});
const liveArb = fc.array(fc.record({ status: fc.option(fc.constantFrom(...SITE_STATUSES), { nil: undefined }), carbonGPerKwh: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }) }), {
  minLength: fleet.sites.length,
  maxLength: fleet.sites.length,
});

function usageOf(load: { share: number; powerKw: number }[]): Map<string, SiteUsage> {
  return new Map(
    fleet.sites.map((site, i) => {
      const { share, powerKw } = load[i]!;
      const gpus: SiteUsage['gpus'] = {};
      for (const c of site.clusters) gpus[c.gpuModel] = (gpus[c.gpuModel] ?? 0) + Math.floor(c.gpuCount * share);
      return [site.id, { gpus, powerKw }];
    }),
  );
}

function liveOf(live: { status?: SiteLive['status']; carbonGPerKwh?: number }[]): Map<string, SiteLive> {
  return new Map(fleet.sites.map((site, i) => [site.id, Object.fromEntries(Object.entries(live[i]!).filter(([, v]) => v !== undefined)) as SiteLive]));
}

const inputOf = (request: WorkloadRequest, load: { share: number; powerKw: number }[], live: Parameters<typeof liveOf>[0]): PlanInput => ({
  request,
  fleet,
  usage: usageOf(load),
  live: liveOf(live),
  policy,
  at: AT,
});

describe('planPlacement: properties over the default fleet and pack', () => {
  it('never offers a site the policy forbids', () => {
    fc.assert(
      fc.property(requestArb, loadArb, liveArb, (request, load, live) => {
        const plan = planPlacement(inputOf(request, load, live));
        for (const c of plan.candidates)
          expect(
            lawfulByReference(
              policy.pack,
              request,
              fleet.sites.find((s) => s.id === c.siteId)!,
            ),
            c.siteId,
          ).toBe(true);
      }),
    );
  });

  it('covers every site exactly once, every rejected site with at least one reason, candidates ranked 1…n', () => {
    fc.assert(
      fc.property(requestArb, loadArb, liveArb, (request, load, live) => {
        const plan = planPlacement(inputOf(request, load, live));
        const ids = [...plan.candidates.map((c) => c.siteId), ...plan.rejected.map((r) => r.siteId)];
        expect(ids.sort()).toEqual(fleet.sites.map((s) => s.id).sort());
        for (const r of plan.rejected) expect(r.reasons.length, r.siteId).toBeGreaterThan(0);
        expect(plan.candidates.map((c) => c.rank)).toEqual(plan.candidates.map((_, i) => i + 1));
        for (const [a, b] of plan.candidates.slice(1).map((c, i) => [plan.candidates[i]!, c] as const)) expect(a.score).toBeGreaterThanOrEqual(b.score);
      }),
    );
  });

  it('never loses a candidate when capacity is freed', () => {
    const freedArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: fleet.sites.length, maxLength: fleet.sites.length });
    fc.assert(
      fc.property(requestArb, loadArb, liveArb, freedArb, (request, load, live, kept) => {
        const before = planPlacement(inputOf(request, load, live));
        const lighter = load.map((l, i) => ({ share: l.share * kept[i]!, powerKw: Math.floor(l.powerKw * kept[i]!) }));
        const after = new Set(planPlacement(inputOf(request, lighter, live)).candidates.map((c) => c.siteId));
        for (const c of before.candidates) expect(after.has(c.siteId), c.siteId).toBe(true);
      }),
    );
  });

  it('gives the same plan for the same input, even rebuilt from scratch', () => {
    fc.assert(
      fc.property(requestArb, loadArb, liveArb, (request, load, live) => {
        const first = planPlacement(inputOf(request, load, live));
        const again = planPlacement({ ...inputOf(structuredClone(request), load, live), fleet: structuredClone(fleet), policy: structuredClone(policy) });
        expect(again).toEqual(first);
      }),
    );
  });
});
