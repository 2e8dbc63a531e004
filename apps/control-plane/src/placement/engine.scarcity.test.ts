import { describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import type { SiteInput, WorkloadRequestInput } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import { buildRequest, defaultPolicy, fleetSnapshot } from './fixtures.ts';
import type { PlanInput, SiteUsage } from './plan-input.ts';

// The scarcity part (issue 15): a workload free to run anywhere leaves the capacity of a jurisdiction
// that regulated demand can only use there to that demand.

const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');

/** Sites alike in everything the other parts score (grid, price, GPUs), each run by an operator of its own country. */
const alike = { gridCarbonGPerKwh: 300, energyPriceUsdPerKwh: 0.1, certifications: [], clusters: [buildCluster({ gpuModel: 'H200', gpuCount: 512, kwPerGpu: 1.2 })] };
const SITES: Record<string, Partial<SiteInput>> = {
  // Moroccan personal data may only run in Morocco (data/policy/10-morocco.yaml): MA is that class's only jurisdiction.
  'a-casablanca': { country: 'MA', city: 'Casablanca', lat: 33.57, lon: -7.59 },
  'c-accra': { country: 'GH', city: 'Accra', lat: 5.6, lon: -0.19 },
  'e-abidjan': { country: 'CI', city: 'Abidjan', lat: 5.36, lon: -4.01 },
};

function fleetOf(...ids: string[]): PlanInput['fleet'] {
  const countries = [...new Set(ids.map((id) => SITES[id]!.country!))];
  const operators = countries.map((c) => buildOperator({ id: `operator-${c.toLowerCase()}`, name: `Operator ${c}`, controlledBy: c }));
  const sites = ids.map((id) => buildSite({ id, operatorId: `operator-${SITES[id]!.country!.toLowerCase()}`, ...SITES[id], ...alike }));
  return fleetSnapshot(buildFleetFile({ operators, sites, links: [] }), 'scarcity-test');
}

function plan(fleet: PlanInput['fleet'], request: Partial<WorkloadRequestInput> = {}, usage: Record<string, SiteUsage> = {}) {
  return planPlacement({ request: buildRequest(request), fleet, usage: new Map(Object.entries(usage)), live: new Map(), policy, at: AT });
}
const scarcityAt = (p: ReturnType<typeof plan>, siteId: string) => p.candidates.find((c) => c.siteId === siteId)!.parts.scarcity;

const free = { sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 64 } } as const;
const moroccanHealth = { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 64 } } as const;

describe('planPlacement: scarcity', () => {
  const fleet = fleetOf('a-casablanca', 'c-accra');

  it('steers a workload free to go anywhere away from the only jurisdiction of a regulated class', () => {
    const p = plan(fleet, free);
    // Everything else is equal, and without scarcity the tie goes to the first site id, Casablanca.
    expect(p.candidates.map((c) => c.siteId)).toEqual(['c-accra', 'a-casablanca']);
    expect(scarcityAt(p, 'a-casablanca').score).toBeLessThan(scarcityAt(p, 'c-accra').score);
    expect(scarcityAt(p, 'a-casablanca').basis).toMatch(/^1 − freedom 0\.5 × pressure 1 × \(1 \+ committed 0\) \/ 2/);
  });

  it('charges a regulated workload nothing where it alone may run', () => {
    const p = plan(fleet, moroccanHealth);
    expect(p.candidates.map((c) => c.siteId)).toEqual(['a-casablanca']);
    expect(scarcityAt(p, 'a-casablanca')).toMatchObject({ score: 1, value: 1 });
    expect(scarcityAt(p, 'a-casablanca').basis).toMatch(/^1 − freedom 0 × /);
  });

  it('weighs what is already committed in the jurisdiction', () => {
    const empty = scarcityAt(plan(fleet, free), 'a-casablanca').score;
    const half = scarcityAt(plan(fleet, free, { 'a-casablanca': { gpus: { H200: 256 }, powerKw: 300 } }), 'a-casablanca').score;
    expect(half).toBeLessThan(empty);
  });

  it('reads only the commitments of the site’s own jurisdiction (a federated plane computes the same part)', () => {
    const alone = scarcityAt(plan(fleet, free), 'a-casablanca');
    const ghanaBusy = scarcityAt(plan(fleet, free, { 'c-accra': { gpus: { H200: 500 }, powerKw: 600 } }), 'a-casablanca');
    expect(ghanaBusy).toEqual(alone);
  });

  it('is deterministic: the same input, and the same fleet read afresh, give the same plan', () => {
    const usage = { 'a-casablanca': { gpus: { H200: 100 }, powerKw: 120 } };
    const first = plan(fleet, free, usage);
    expect(plan(fleet, free, usage)).toEqual(first);
    expect(plan(fleetOf('a-casablanca', 'c-accra'), free, usage)).toEqual(first);
  });

  it('follows the request’s weights: with scarcity at 0 the tie goes back to the site id', () => {
    const p = plan(fleet, { ...free, weights: { scarcity: 0, carbon: 0.1 } });
    expect(p.candidates.map((c) => c.siteId)).toEqual(['a-casablanca', 'c-accra']);
    expect(scarcityAt(p, 'a-casablanca').weight).toBe(0);
  });

  it('spreads pressure by how much of a class’s lawful supply a jurisdiction holds', () => {
    // ECOWAS personal data may run in Ghana or Côte d'Ivoire: each holds half of that class's supply.
    const p = plan(fleetOf('a-casablanca', 'c-accra', 'e-abidjan'), free);
    expect(scarcityAt(p, 'c-accra').value).toBeLessThan(scarcityAt(p, 'a-casablanca').value);
    expect(scarcityAt(p, 'c-accra').value).toBe(scarcityAt(p, 'e-abidjan').value);
  });

  it('judges only the sites asked for with `only`, as the whole plan judges them (the drain’s re-plans)', () => {
    const three = fleetOf('a-casablanca', 'c-accra', 'e-abidjan');
    const usage = new Map(Object.entries({ 'c-accra': { gpus: { H200: 100 }, powerKw: 120 } }));
    const input = { request: buildRequest(free), fleet: three, usage, live: new Map(), policy, at: AT };
    const whole = planPlacement(input);
    const part = planPlacement({ ...input, only: new Set(['a-casablanca']) });
    expect(part.candidates.map((c) => c.siteId)).toEqual(['a-casablanca']);
    expect(part.candidates[0]).toEqual({ ...whole.candidates.find((c) => c.siteId === 'a-casablanca'), rank: 1 });
  });
});
