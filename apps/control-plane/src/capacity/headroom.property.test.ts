import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CLASSES, GPU_MODELS, JURISDICTION_CODES, SECTORS, SITE_STATUSES, type Bloc, type DemandClass, type Site } from '@corridor/shared';
import { planPlacement } from '../placement/engine.ts';
import { buildRequest, defaultFleet, defaultPolicy } from '../placement/fixtures.ts';
import type { SiteLive, SiteUsage } from '../placement/plan-input.ts';
import { demandClasses } from './headroom-classes.ts';
import { freePools, lawfulSites, ledgerView, type SovereignInput } from './headroom.ts';
import { ledgerRows } from './ledger.ts';

const { file, fleet } = defaultFleet();
const policy = defaultPolicy();
const PACK_CLASSES = demandClasses(policy.pack);
const AT = new Date('2026-06-21T12:00:00Z');
const blocsOf = new Map<string, Bloc[]>(file.jurisdictions.map((j) => [j.code, j.blocs]));
const operators = [...new Map(fleet.sites.map((s) => [s.operator.id, s.operator])).values()];
const certifications = [...new Set(fleet.sites.flatMap((s) => s.certifications))];

/** A class of the pack, or any request shape at all (named as if it were a rule). */
const classArb: fc.Arbitrary<DemandClass> = fc.oneof(
  fc.constantFrom(...PACK_CLASSES),
  fc.record({ sector: fc.constantFrom(...SECTORS), dataClass: fc.constantFrom(...DATA_CLASSES), dataOrigin: fc.constantFrom(...JURISDICTION_CODES) }).map((shape) => ({
    id: 'random',
    title: 'random shape',
    shape: { ...shape, conditions: [] },
    ruleIds: ['random'],
  })),
);

/** Per site: a changed country, operator, certifications, status, GPUs and MW; what is held; live status; availability. */
const siteArb = fc.record({
  country: fc.option(fc.constantFrom(...JURISDICTION_CODES), { nil: undefined }),
  operator: fc.option(fc.constantFrom(...operators), { nil: undefined }),
  certifications: fc.option(fc.subarray(certifications), { nil: undefined }),
  status: fc.option(fc.constantFrom(...SITE_STATUSES), { nil: undefined }),
  gpuScale: fc.double({ min: 0.05, max: 2, noNaN: true }),
  mwScale: fc.double({ min: 0.05, max: 2, noNaN: true }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  powerShare: fc.double({ min: 0, max: 1.1, noNaN: true }),
  live: fc.option(fc.constantFrom(...SITE_STATUSES), { nil: undefined }),
  availability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
const fleetArb = fc.array(siteArb, { minLength: fleet.sites.length, maxLength: fleet.sites.length });

type SiteChanges = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(changes: SiteChanges): SovereignInput {
  const sites: Site[] = fleet.sites.map((s, i) => {
    const c = changes[i]!;
    const clusters = s.clusters.map((cl) => ({ ...cl, gpuCount: Math.max(1, Math.round(cl.gpuCount * c.gpuScale)) }));
    return {
      ...s,
      ...(c.country ? { country: c.country } : {}),
      ...(c.operator ? { operator: c.operator } : {}),
      ...(c.certifications ? { certifications: c.certifications } : {}),
      ...(c.status ? { status: c.status } : {}),
      itCapacityMw: Math.round(s.itCapacityMw * c.mwScale * 1000) / 1000,
      clusters,
      gpuCount: clusters.reduce((n, cl) => n + cl.gpuCount, 0),
    };
  });
  const usage = new Map<string, SiteUsage>(
    sites.map((site, i) => {
      const gpus: SiteUsage['gpus'] = {};
      for (const cl of site.clusters) gpus[cl.gpuModel] = (gpus[cl.gpuModel] ?? 0) + Math.floor(cl.gpuCount * changes[i]!.share);
      return [site.id, { gpus, powerKw: Math.round(site.itCapacityMw * 1000 * changes[i]!.powerShare) }];
    }),
  );
  const live = new Map<string, SiteLive>(sites.flatMap((s, i) => (changes[i]!.live ? [[s.id, { status: changes[i]!.live! }] as const] : [])));
  const rows = ledgerRows({
    sites,
    blocsOf,
    usage,
    liveStatus: (id) => live.get(id)?.status,
    measures: (id) => {
      const a = changes[sites.findIndex((s) => s.id === id)]!.availability;
      return a === undefined ? {} : { availability: a };
    },
    typicalGpus: 8,
    now: AT,
  });
  return { fleet: { ...fleet, sites }, usage, live, policy, ledger: new Map(rows.map((r) => [r.key, r])), at: AT };
}

const planFor = (input: SovereignInput, cls: DemandClass, count: number, model: (typeof GPU_MODELS)[number]) =>
  planPlacement({ ...input, request: buildRequest({ ...cls.shape, gpus: { count, model } }) });

describe('sovereign headroom against the placement engine (property)', () => {
  it('every GPU counted lawful and free for a class would be offered by a plan for that class, at that site', () => {
    fc.assert(
      fc.property(classArb, fleetArb, (cls, changes) => {
        const input = inputOf(changes);
        for (const pool of freePools(lawfulSites(input, cls), input, ledgerView(input))) {
          const plan = planFor(input, cls, pool.free, pool.model);
          const offered = plan.candidates.find((c) => c.siteId === pool.facts.id);
          expect(offered, `${cls.id} ${pool.free} ${pool.model} at ${pool.facts.id}: ${JSON.stringify(plan.rejected.find((r) => r.siteId === pool.facts.id))}`).toBeDefined();
          expect(offered!.gpuModel).toBe(pool.model);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('no site a plan for the class rejects outright has a GPU counted free for it', () => {
    fc.assert(
      fc.property(classArb, fleetArb, (cls, changes) => {
        const input = inputOf(changes);
        const counted = new Map(freePools(lawfulSites(input, cls), input, ledgerView(input)).map((p) => [`${p.facts.id}|${p.model}`, p.free]));
        for (const model of GPU_MODELS) {
          const plan = planFor(input, cls, 1, model);
          for (const r of plan.rejected) expect(counted.get(`${r.siteId}|${model}`) ?? 0, `${r.siteId} ${model}: ${r.reasons.map((x) => x.code).join(',')}`).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with every GPU in service, counts exactly what a plan would take: one GPU more and the plan refuses the site', () => {
    fc.assert(
      fc.property(classArb, fleetArb, (cls, changes) => {
        const input = inputOf(changes.map((c) => ({ ...c, availability: undefined })));
        for (const pool of freePools(lawfulSites(input, cls), input, ledgerView(input))) {
          const plan = planFor(input, cls, pool.free + 1, pool.model);
          expect(
            plan.candidates.some((c) => c.siteId === pool.facts.id),
            `${pool.free + 1} ${pool.model} at ${pool.facts.id}`,
          ).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});
