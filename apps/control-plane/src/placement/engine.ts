import {
  DEFAULT_WEIGHTS,
  GPU_MODELS,
  type Candidate,
  type GpuModel,
  type Plan,
  type RejectedSite,
  type RejectionReason,
  type ScorePart,
  type SiteStatus,
  type WorkloadRequest,
} from '@corridor/shared';
import { resolveLatencyFrom, rttFrom } from './latency.ts';
import type { PlanInput, SiteLive, SiteUsage } from './plan-input.ts';
import { matchingRules, policyCheck } from './policy-eval.ts';
import { scarcityScorer } from './scarcity.ts';
import { siteFacts, type InstalledPool, type SiteFacts } from './site-facts.ts';

/**
 * Carbon intensity that scores 0, gCO2/kWh: a coal-heavy grid. France (~21) scores ≈ 0.97, Spain
 * (~125) ≈ 0.84, the US (~345) ≈ 0.57, Morocco (~551) ≈ 0.31 (FACTS.md energy table).
 */
export const CARBON_REFERENCE_G_PER_KWH = 800;
/** Energy price that scores 0, USD/kWh: above every industrial price in FACTS.md (Côte d'Ivoire ~0.23). */
export const COST_REFERENCE_USD_PER_KWH = 0.3;

type PartName = keyof typeof DEFAULT_WEIGHTS;
type Weights = Record<PartName, number>;
const PART_NAMES = Object.keys(DEFAULT_WEIGHTS) as PartName[];

/** GPUs of one model at a site: installed, still free, and kW each (the highest of its clusters). */
interface GpuPool {
  model: GpuModel;
  free: number;
  kwPerGpu: number;
}

/**
 * Where a workload may lawfully run, and where it is best: every site of the fleet is either a
 * candidate with a score and its parts, or rejected with all of its reasons.
 *
 * Pure and deterministic: the same input gives the same plan (numbers are rounded so that it stays
 * stable). Every matching policy rule applies; then status, GPUs, power and the latency objective.
 * Candidates rank by score (weighted sum of latency, carbon, cost, capacity and scarcity parts, each 0–1),
 * ties by site id; rejected sites keep the fleet's order.
 *
 * What it derives from a fleet snapshot (site records, the link graph) is cached per snapshot
 * array, so a snapshot must never be changed in place: a changed fleet is a new snapshot.
 */
export function planPlacement(input: PlanInput): Plan {
  const { request, fleet, usage, live, policy } = input;
  const rules = matchingRules(policy.pack, request);
  const policyReasons = policyCheck(rules, request.dataOrigin, new Set(request.conditions));
  const objective = request.latency;
  const origin = objective ? resolveLatencyFrom(objective.from, fleet.sites) : undefined;
  const rtt = origin ? rttFrom(origin, fleet.links) : undefined;
  const latencyReason = objective && origin ? latencyCheck(objective.maxRttMs, origin.name) : undefined;
  const weights = normaliseWeights(request, objective !== undefined);
  const statusReason = statusCheck(input.exclude);

  const sites = siteFacts(fleet.sites);
  const scarcity = scarcityScorer(sites, policy.pack, fleet.links, usage, request);

  // Two passes: the scarcity part needs the request's whole reach (where policy and latency let it
  // go) before any candidate is scored.
  const fitting: { facts: SiteFacts; siteLive: SiteLive | undefined; pool: GpuPool; powerKw: number; rttMs: number | undefined }[] = [];
  const rejected: RejectedSite[] = [];
  for (const facts of sites) {
    const judged = !input.only || input.only.has(facts.id);
    if (!judged && !scarcity.needsReach) continue;
    const { site } = facts;
    const policyAnswer = policyReasons(site, facts.policyKey);
    const rttMs = rtt ? round(rtt.rttMs(facts), 1) : undefined;
    const tooFar = rttMs === undefined ? undefined : latencyReason?.(rttMs);
    if (policyAnswer.length === 0 && !tooFar) scarcity.reaches(facts);
    if (!judged) continue;
    const siteLive = live.get(facts.id);
    const siteUsage = usage.get(facts.id);
    const reasons = policyAnswer.slice();
    const notOperational = statusReason(facts, siteLive);
    if (notOperational) reasons.push(notOperational);
    const { pool, reason: gpuReason } = fitGpus(facts.pools, request, siteUsage);
    if (gpuReason) reasons.push(gpuReason);
    const powerKw = request.powerKw ?? (pool ? request.gpus.count * pool.kwPerGpu : undefined);
    const powerReason = powerKw === undefined ? undefined : checkPower(facts.itCapacityKw, powerKw, siteUsage);
    if (powerReason) reasons.push(powerReason);
    if (tooFar) reasons.push(tooFar);

    if (reasons.length > 0 || !pool || powerKw === undefined) rejected.push({ siteId: facts.id, reasons });
    else fitting.push({ facts, siteLive, pool, powerKw, rttMs });
  }

  const candidates: Candidate[] = fitting.map(({ facts, siteLive, pool, powerKw, rttMs }) => {
    const parts = {
      latency: latencyPart(rtt && rttMs !== undefined && objective ? { rttMs, maxRttMs: objective.maxRttMs, basis: rtt.basis(facts) } : undefined, weights.latency),
      carbon: carbonPart(facts, siteLive, weights.carbon),
      cost: costPart(facts, weights.cost),
      capacity: capacityPart(request.gpus.count, pool, weights.capacity),
      scarcity: scarcity.part(facts, weights.scarcity),
    };
    const score = Math.min(
      1,
      round(
        PART_NAMES.reduce((sum, name) => sum + parts[name].score * parts[name].weight, 0),
        4,
      ),
    );
    return {
      siteId: facts.id,
      rank: 0,
      score,
      parts,
      gpuModel: pool.model,
      freeGpus: pool.free,
      powerKw: round(powerKw, 1),
      ...(rttMs !== undefined ? { rttMs } : {}),
    };
  });

  candidates.sort((a, b) => b.score - a.score || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));
  candidates.forEach((c, i) => (c.rank = i + 1));
  return {
    policyVersion: policy.version,
    fleetVersion: fleet.version,
    at: input.at.toISOString(),
    matchedRules: rules.map(({ rule }) => ({ id: rule.id, title: rule.title })),
    notes: planNotes(input, rules.length, candidates.length, weights),
    candidates,
    rejected,
  };
}

/** Request weights over the defaults, latency 0 without an objective, normalised to sum 1. */
function normaliseWeights(request: WorkloadRequest, hasObjective: boolean): Weights {
  const given = Object.fromEntries(Object.entries(request.weights ?? {}).filter(([, v]) => v !== undefined));
  const w: Weights = { ...DEFAULT_WEIGHTS, ...given };
  if (!hasObjective) w.latency = 0;
  const total = PART_NAMES.reduce((sum, name) => sum + w[name], 0);
  return Object.fromEntries(PART_NAMES.map((name) => [name, total > 0 ? round(w[name] / total, 4) : 0])) as Weights;
}

const STATUS_WORDS: Record<SiteStatus, string> = {
  planned: 'planned',
  construction: 'under construction',
  operational: 'operational',
  maintenance: 'in maintenance',
  degraded: 'degraded',
  offline: 'offline',
};

const EXCLUDED: RejectionReason = { code: 'SITE_NOT_OPERATIONAL', message: 'Left out of this plan (the workload is moving off this site).' };

/** Why a site cannot take work now (live status over the fleet's), memoised per plan: sites share a few answers. */
function statusCheck(exclude: ReadonlySet<string> | undefined): (site: SiteFacts, live: SiteLive | undefined) => RejectionReason | undefined {
  const reasonFor = perPlan((key: string): RejectionReason => {
    const [status, since, observed] = key.split('|') as [SiteStatus, string, string];
    return { code: 'SITE_NOT_OPERATIONAL', message: `The site is ${STATUS_WORDS[status]}${observed}${since ? `, commissioning ${since}` : ''}; only operational sites take workloads.` };
  });
  return (site, live) => {
    if (exclude?.has(site.id)) return EXCLUDED;
    const status = live?.status ?? site.status;
    if (status === 'operational') return undefined;
    const since = status === 'planned' || status === 'construction' ? site.commissioningDate : '';
    const until = status === 'maintenance' && live?.maintenanceUntil ? ` until ${utcMinute(live.maintenanceUntil)}` : '';
    return reasonFor(`${status}|${since}|${until || (live?.status ? ' (observed live)' : '')}`);
  };
}

/** `2026-12-03 14:00 UTC` from an ISO 8601 instant (the reason's words; the API's times stay ISO). */
function utcMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The LATENCY_OBJECTIVE reason for an RTT over the objective; sites with the same rounded RTT share it. */
function latencyCheck(maxRttMs: number, from: string): (rttMs: number) => RejectionReason | undefined {
  const reasonFor = perPlan((rttMs: number): RejectionReason => ({
    code: 'LATENCY_OBJECTIVE',
    message: `About ${rttMs} ms round trip from ${from}; the objective is ${maxRttMs} ms.`,
    margin: { needed: maxRttMs, available: rttMs, unit: 'ms' },
  }));
  return (rttMs) => (rttMs > maxRttMs ? reasonFor(rttMs) : undefined);
}

/**
 * One value per key for the length of a plan: sites with the same answer share one reason object
 * (a 10,000-site plan allocates less, so it spends less time collecting garbage). Read-only.
 */
function perPlan<K, V>(make: (key: K) => V): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = make(key)));
    return value;
  };
}

const freeOf = (pool: InstalledPool, usage: SiteUsage | undefined) => Math.max(0, pool.installed - (usage?.gpus[pool.model] ?? 0));
const withFree = (pool: InstalledPool, free: number): GpuPool => ({ model: pool.model, free, kwPerGpu: pool.kwPerGpu });

/**
 * The GPUs the workload would get: the model asked for, or — with no model asked — the model whose
 * free GPUs fit it most snugly (best fit, so large blocks stay whole for large jobs). Without a fit,
 * the reason, and the pool the power check should assume.
 */
function fitGpus(pools: readonly InstalledPool[], request: WorkloadRequest, usage: SiteUsage | undefined): { pool?: GpuPool; reason?: RejectionReason } {
  const { count, model } = request.gpus;
  if (model) {
    const installed = pools.find((p) => p.model === model);
    if (!installed) {
      const has = pools.length ? `it has ${pools.map((p) => p.model).join(', ')}` : 'it has no GPUs installed';
      return { reason: { code: 'GPU_MODEL_UNAVAILABLE', message: `No ${model} here; ${has}.` } };
    }
    const pool = withFree(installed, freeOf(installed, usage));
    if (pool.free < count) {
      return { pool, reason: { code: 'INSUFFICIENT_GPUS', message: `Needs ${count} ${model}, ${pool.free} free.`, margin: { needed: count, available: pool.free, unit: model } } };
    }
    return { pool };
  }
  let snuggest: InstalledPool | undefined;
  let snuggestFree = Infinity;
  let largest: InstalledPool | undefined;
  let largestFree = -1;
  for (const p of pools) {
    const free = freeOf(p, usage);
    if (free >= count && free < snuggestFree) {
      snuggest = p;
      snuggestFree = free;
    }
    if (free > largestFree) {
      largest = p;
      largestFree = free;
    }
  }
  if (snuggest) return { pool: withFree(snuggest, snuggestFree) };
  if (!largest) return { reason: { code: 'INSUFFICIENT_GPUS', message: `Needs ${count} GPUs; none are installed.`, margin: { needed: count, available: 0, unit: 'GPUs' } } };
  return {
    pool: withFree(largest, largestFree),
    reason: {
      code: 'INSUFFICIENT_GPUS',
      message: `Needs ${count} GPUs of one model, ${largestFree} free at most (${largest.model}).`,
      margin: { needed: count, available: largestFree, unit: 'GPUs' },
    },
  };
}

function checkPower(itCapacityKw: number, powerKw: number, usage: SiteUsage | undefined): RejectionReason | undefined {
  const headroomKw = Math.max(0, itCapacityKw - (usage?.powerKw ?? 0));
  if (powerKw <= headroomKw) return undefined;
  return {
    code: 'POWER_HEADROOM',
    message: `Needs ${round(powerKw, 1)} kW of IT power, ${round(headroomKw, 1)} kW free.`,
    margin: { needed: round(powerKw, 1), available: round(headroomKw, 1), unit: 'kW' },
  };
}

/** Share of the latency budget left: 1 at 0 ms, 0 at the objective. */
function latencyPart(rtt: { rttMs: number; maxRttMs: number; basis: string } | undefined, weight: number): ScorePart {
  if (!rtt) return { score: 0, weight, value: 0, unit: 'ms', basis: 'No latency objective in the request: latency is not scored (weight 0).' };
  return { score: clamp01(round(1 - rtt.rttMs / rtt.maxRttMs, 4)), weight, value: rtt.rttMs, unit: 'ms', basis: rtt.basis };
}

/** Linear from 0 g (1) to CARBON_REFERENCE_G_PER_KWH (0); live intensity when telemetry has one. */
function carbonPart(site: SiteFacts, live: SiteLive | undefined, weight: number): ScorePart {
  const isLive = live?.carbonGPerKwh !== undefined;
  const g = round(live?.carbonGPerKwh ?? site.gridCarbonGPerKwh, 1);
  return {
    score: clamp01(round(1 - g / CARBON_REFERENCE_G_PER_KWH, 4)),
    weight,
    value: g,
    unit: 'gCO2/kWh',
    basis: isLive ? 'live telemetry: grid less on-site solar, now' : 'fleet file: grid average (no live figure)',
  };
}

/** Linear from 0 USD/kWh (1) to COST_REFERENCE_USD_PER_KWH (0). */
function costPart(site: SiteFacts, weight: number): ScorePart {
  const price = site.energyPriceUsdPerKwh;
  return { score: clamp01(round(1 - price / COST_REFERENCE_USD_PER_KWH, 4)), weight, value: price, unit: 'USD/kWh', basis: 'fleet file: industrial energy price' };
}

/**
 * Best fit: the share of the model's free GPUs the workload would take (1 = it fills them exactly).
 * Preferring the snuggest site leaves the large free blocks elsewhere whole, so a later large
 * training job still finds room instead of GPUs stranded in fragments across many sites.
 */
const CAPACITY_UNITS = Object.fromEntries(GPU_MODELS.map((m) => [m, `share of free ${m}`])) as Record<GpuModel, string>;

function capacityPart(count: number, pool: GpuPool, weight: number): ScorePart {
  return {
    score: clamp01(round(count / pool.free, 4)),
    weight,
    value: round(count / pool.free, 4),
    unit: CAPACITY_UNITS[pool.model],
    basis: `${count} of ${pool.free} free ${pool.model}: best fit keeps large blocks free elsewhere`,
  };
}

function planNotes(input: PlanInput, matched: number, candidates: number, weights: Weights): string[] {
  const notes: string[] = [];
  if (matched === 0) notes.push('No policy rule matched this request: every jurisdiction is allowed.');
  else notes.push('Policy rules are illustrative, not legal advice.');
  const defined = new Set(input.policy.pack.conditions.map((c) => c.id));
  for (const c of input.request.conditions) if (!defined.has(c)) notes.push(`The policy pack defines no condition “${c}”; it changes nothing.`);
  if (!input.request.latency) notes.push('No latency objective: latency is not scored.');
  if (PART_NAMES.every((name) => weights[name] === 0)) notes.push('Every weight is 0: candidates are ranked by site id.');
  if (candidates === 0) notes.push('No site can take this workload now: see each site’s reasons.');
  return notes;
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
