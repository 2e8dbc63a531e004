import type { PolicyPackFile, ScorePart, Site, WorkloadRequest } from '@corridor/shared';
import { demandClasses } from '../capacity/headroom-classes.ts';
import type { SiteUsage } from './plan-input.ts';
import { matchingRules, policyCheck } from './policy-eval.ts';
import type { SiteFacts } from './site-facts.ts';

/*
 * Scarcity: what placing a workload on a site costs the regulated demand that can only go there
 * (issue 15). Without it, workloads free to run anywhere chase the cleanest grid and fill the
 * capacity that workloads bound to that jurisdiction, arriving later, cannot do without.
 *
 * For a site s in jurisdiction J (its country):
 *   dependence  d_c(J) = installed GPUs lawful for class c in J / installed GPUs lawful for c anywhere,
 *               for each regulated demand class c of the pack (capacity/headroom-classes) lawful at s;
 *   pressure    P(s)   = Σ_c d_c(J) / P_max — the number of classes that lean on J, each counted by how
 *               much of its lawful supply J holds, relative to the most pressed jurisdiction of the fleet;
 *   committed   u(J)   = GPUs committed in J / GPUs installed in J;
 *   freedom     f(r,J) = 1 − (installed GPUs the request r can reach in J / installed GPUs r can reach
 *               anywhere), reach being where policy and r's latency objective let it run (GPUs of the
 *               model it asks for, if any): 0 when r may only run in J, so a workload bound to J pays
 *               nothing there;
 *   scarcity    1 − f · P · (1 + u) / 2        (0–1, higher is better).
 *
 * Installed GPUs are the fleet file's (sites past construction), lawfulness is the pack's (jurisdiction,
 * operator control, certifications), and u(J) reads only the commitments of J's own sites: a control
 * plane that serves J alone (issue 13, federation) computes the same figure as one serving everything.
 */

/** The fleet file's lawful-supply figures for one pack: computed once per fleet snapshot and pack. */
interface SupplyFacts {
  /** P(s) per site id, 0–1. */
  pressure: ReadonlyMap<string, number>;
  /** Installed GPUs per policy key (country, operator, certifications), with one site of that key to check. */
  byKey: readonly { key: string; site: Site; country: string; installed: number }[];
  /** Installed GPUs per country. */
  installedIn: ReadonlyMap<string, number>;
  countryOf: ReadonlyMap<string, string>;
  /** The request's reach by country, per link graph and request shape (see scarcityScorer). */
  reach: WeakMap<object, Map<string, { reachIn: ReadonlyMap<string, number>; reachTotal: number }>>;
}

/** Request shapes whose reach is kept per fleet and pack before the memo starts over. */
const MAX_SHAPES = 256;

/** What a request's reach depends on: its policy shape, affirmed conditions, GPU model and latency objective. */
function reachShape(request: WorkloadRequest): string {
  const { sector, dataClass, dataOrigin, conditions, gpus, latency } = request;
  return JSON.stringify([sector, dataClass, dataOrigin, [...conditions].sort(), gpus.model ?? '', latency ?? null]);
}

const supplyCache = new WeakMap<readonly SiteFacts[], WeakMap<PolicyPackFile, SupplyFacts>>();

/** Capacity that exists: the fleet file's planned and under-construction sites hold nothing yet. */
const hasCapacity = (facts: SiteFacts) => facts.status !== 'planned' && facts.status !== 'construction';
const installedOf = (facts: SiteFacts) => facts.pools.reduce((n, p) => n + p.installed, 0);

function supplyFacts(sites: readonly SiteFacts[], pack: PolicyPackFile): SupplyFacts {
  let perPack = supplyCache.get(sites);
  if (!perPack) supplyCache.set(sites, (perPack = new WeakMap()));
  const cached = perPack.get(pack);
  if (cached) return cached;

  const keys = new Map<string, { key: string; site: Site; country: string; installed: number }>();
  const installedIn = new Map<string, number>();
  const countryOf = new Map<string, string>();
  for (const facts of sites) {
    countryOf.set(facts.id, facts.site.country);
    const entry = keys.get(facts.policyKey) ?? { key: facts.policyKey, site: facts.site, country: facts.site.country, installed: 0 };
    keys.set(facts.policyKey, entry);
    if (!hasCapacity(facts)) continue;
    const installed = installedOf(facts);
    entry.installed += installed;
    installedIn.set(facts.site.country, (installedIn.get(facts.site.country) ?? 0) + installed);
  }
  const byKey = [...keys.values()];

  // Σ_c d_c(J) per policy key: each class's lawful supply, by country, over its lawful supply anywhere.
  const pressed = new Map<string, number>(byKey.map((k) => [k.key, 0]));
  for (const c of demandClasses(pack)) {
    const lawful = lawfulKeys(pack, c.shape, c.shape.dataOrigin, byKey);
    const total = lawful.reduce((n, k) => n + k.installed, 0);
    if (total === 0) continue;
    const inCountry = new Map<string, number>();
    for (const k of lawful) inCountry.set(k.country, (inCountry.get(k.country) ?? 0) + k.installed);
    for (const k of lawful) pressed.set(k.key, pressed.get(k.key)! + inCountry.get(k.country)! / total);
  }
  const max = Math.max(0, ...pressed.values());
  const pressure = new Map(sites.map((f) => [f.id, max > 0 ? pressed.get(f.policyKey)! / max : 0]));
  const supply = { pressure, byKey, installedIn, countryOf, reach: new WeakMap() };
  perPack.set(pack, supply);
  return supply;
}

/** The policy keys where a request of this shape is lawful (no condition affirmed). */
function lawfulKeys(pack: PolicyPackFile, shape: Parameters<typeof matchingRules>[1], origin: string, byKey: SupplyFacts['byKey']) {
  const check = policyCheck(matchingRules(pack, shape), origin, new Set());
  return byKey.filter((k) => check(k.site, k.key).length === 0);
}

/** The scarcity part of one plan: `reaches` each site the request may use, then `part` per candidate. */
export interface ScarcityScorer {
  /** False when the request's reach is already known (same fleet, pack and request shape): `reaches` is then not needed. */
  readonly needsReach: boolean;
  /** A site where policy and the latency objective let the request run (whatever it holds now); call it for the whole fleet. */
  reaches(facts: SiteFacts): void;
  part(facts: SiteFacts, weight: number): ScorePart;
}

/**
 * The per-plan figures (the request's reach by country, what is committed in each country) are
 * gathered once, then each candidate is a few lookups. The request's reach counts installed GPUs (of
 * the model it asks for, if any) of sites past construction where policy and its latency objective
 * let it run: the fleet file and the request, nothing another jurisdiction has committed.
 */
export function scarcityScorer(sites: readonly SiteFacts[], pack: PolicyPackFile, links: object, usage: ReadonlyMap<string, SiteUsage>, request: WorkloadRequest): ScarcityScorer {
  const supply = supplyFacts(sites, pack);
  const model = request.gpus.model;
  // The reach depends on the fleet (sites and links), the pack and the request's shape only: a drain's
  // or a batch's many plans of one shape gather it once.
  let byShape = supply.reach.get(links);
  if (!byShape) supply.reach.set(links, (byShape = new Map()));
  const shape = reachShape(request);
  const known = byShape.get(shape);
  const reachIn = new Map<string, number>(known?.reachIn);
  let reachTotal = known?.reachTotal ?? 0;
  let stored = known !== undefined;
  let committedIn: Map<string, number> | undefined;
  const parts = new Map<string, ScorePart>();

  /** GPUs committed per country, from the usage of each country's own sites. */
  const committed = () => {
    const byCountry = new Map<string, number>();
    for (const [siteId, held] of usage) {
      const country = supply.countryOf.get(siteId);
      if (country === undefined) continue;
      let gpus = 0;
      for (const n of Object.values(held.gpus)) gpus += n ?? 0;
      byCountry.set(country, (byCountry.get(country) ?? 0) + gpus);
    }
    return byCountry;
  };

  return {
    needsReach: !stored,
    reaches(facts) {
      if (stored) return;
      if (!hasCapacity(facts)) return;
      const installed = model ? (facts.pools.find((p) => p.model === model)?.installed ?? 0) : installedOf(facts);
      if (installed === 0) return;
      reachIn.set(facts.site.country, (reachIn.get(facts.site.country) ?? 0) + installed);
      reachTotal += installed;
    },
    part(facts, weight) {
      const country = facts.site.country;
      const pressure = supply.pressure.get(facts.id) ?? 0;
      const memoKey = `${country}|${pressure}|${weight}`;
      let part = parts.get(memoKey);
      if (part) return part;
      if (!stored) {
        // The engine has passed every site of the fleet through `reaches` before the first part.
        if (byShape.size >= MAX_SHAPES) byShape.clear();
        byShape.set(shape, { reachIn, reachTotal });
        stored = true;
      }
      committedIn ??= committed();
      const installed = supply.installedIn.get(country) ?? 0;
      const share = installed > 0 ? Math.min(1, (committedIn.get(country) ?? 0) / installed) : 0;
      const freedom = reachTotal > 0 ? 1 - (reachIn.get(country) ?? 0) / reachTotal : 0;
      const cost = freedom * pressure * ((1 + share) / 2);
      part = {
        score: clamp01(round(1 - cost, 4)),
        weight,
        value: round(pressure, 4),
        unit: 'regulated-demand pressure',
        basis:
          `1 − freedom ${round(freedom, 2)} × pressure ${round(pressure, 2)} × (1 + committed ${round(share, 2)}) / 2: ` +
          `how much the regulated demand that can run in ${country} depends on it, and how much of ${country} is committed; ` +
          `a workload that can only run here pays nothing`,
      };
      parts.set(memoKey, part);
      return part;
    },
  };
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
