import {
  GPU_MODELS,
  roundMw,
  type CapacityLedgerRow,
  type ClassHeadroom,
  type DemandClass,
  type GpuModel,
  type HeadroomAnswer,
  type HeadroomModel,
  type HeadroomPipelineQuarter,
  type HeadroomQuery,
  type Site,
  type WorkloadRequest,
} from '@corridor/shared';
import { matchingRules, policyCheck } from '../placement/policy-eval.ts';
import type { PlanInput, SiteUsage } from '../placement/plan-input.ts';
import { siteFacts, type InstalledPool, type SiteFacts } from '../placement/site-facts.ts';
import { isPipeline } from './ledger.ts';

/*
 * Sovereign headroom, pure: for a demand class, the sites the placement engine's own policy check
 * accepts (no hand list), and on them the ledger's free GPUs capped by what the engine would offer
 * (its free GPUs of the model and the GPUs its power check lets through). So every GPU counted free for
 * a class is one a plan for the class would offer now (the property test holds this).
 */

/** What headroom is read from: a plan's input without the request, and the ledger's site rows. */
export interface SovereignInput extends Omit<PlanInput, 'request' | 'exclude'> {
  /** The ledger's site rows by site id (free per model and MW: installed − committed − out of service). */
  ledger: ReadonlyMap<string, CapacityLedgerRow>;
}

/** A workload holding capacity now, as headroom reads it. */
export interface CommittedWorkload {
  id: string;
  tenant: string;
  request: Pick<WorkloadRequest, 'sector' | 'dataClass' | 'dataOrigin'>;
  siteId?: string;
  gpuModel?: GpuModel;
  gpuCount: number;
  powerKw: number;
  /** The classes whose rule applies to it. */
  classIds: readonly string[];
}

/**
 * Free capacity as a what-if sees it: reservations (what the engine reads), the ledger's free (less
 * anything the what-if moved there), and a site taken away.
 */
export interface FreeView {
  usage: ReadonlyMap<string, SiteUsage>;
  ledgerGpus(siteId: string, model: GpuModel): number;
  ledgerMw(siteId: string): number;
  lost?: string;
}

export function ledgerView(input: SovereignInput): FreeView {
  return {
    usage: input.usage,
    ledgerGpus: (id, model) => input.ledger.get(id)?.gpusByModel.find((m) => m.model === model)?.free ?? 0,
    ledgerMw: (id) => input.ledger.get(id)?.mw.free ?? 0,
  };
}

/** Per pack and fleet snapshot (both never changed in place, as the engine's own caches assume): the lawful sites per shape. */
const lawfulCache = new WeakMap<object, WeakMap<readonly Site[], Map<string, readonly SiteFacts[]>>>();

/** The sites the engine accepts for the class on policy alone (jurisdiction, operator control, certifications). */
export function lawfulSites(input: Pick<SovereignInput, 'fleet' | 'policy'>, cls: DemandClass): readonly SiteFacts[] {
  const { pack } = input.policy;
  const bySites = lawfulCache.get(pack) ?? lawfulCache.set(pack, new WeakMap()).get(pack)!;
  const byShape = bySites.get(input.fleet.sites) ?? bySites.set(input.fleet.sites, new Map()).get(input.fleet.sites)!;
  const key = JSON.stringify(cls.shape);
  let lawful = byShape.get(key);
  if (!lawful) {
    const check = policyCheck(matchingRules(pack, cls.shape), cls.shape.dataOrigin, new Set(cls.shape.conditions));
    byShape.set(key, (lawful = siteFacts(input.fleet.sites).filter((f) => check(f.site, f.policyKey).length === 0)));
  }
  return lawful;
}

/** GPUs the engine's power check lets through for `count × kwPerGpu` on this headroom (the same float arithmetic). */
function powerable(headroomKw: number, kwPerGpu: number): number {
  if (kwPerGpu <= 0) return Number.POSITIVE_INFINITY;
  let n = Math.floor(headroomKw / kwPerGpu + 1e-9);
  while (n > 0 && n * kwPerGpu > headroomKw) n--;
  return n;
}

/** Lawful ∩ free GPUs of one pool: the ledger's free, no more than the engine's free GPUs and power allow; 0 unless operational. */
export function poolFree(facts: SiteFacts, pool: InstalledPool, input: Pick<SovereignInput, 'live'>, view: FreeView): number {
  if (facts.id === view.lost) return 0;
  if ((input.live.get(facts.id)?.status ?? facts.status) !== 'operational') return 0;
  const used = view.usage.get(facts.id);
  const engineFree = pool.installed - (used?.gpus[pool.model] ?? 0);
  const headroomKw = Math.max(0, facts.itCapacityKw - (used?.powerKw ?? 0));
  return Math.max(0, Math.min(view.ledgerGpus(facts.id, pool.model), engineFree, powerable(headroomKw, pool.kwPerGpu)));
}

export interface FreePool {
  facts: SiteFacts;
  model: GpuModel;
  free: number;
}

/** Every lawful pool with free GPUs for the class, largest first (then site id, then model order). */
export function freePools(lawful: readonly SiteFacts[], input: Pick<SovereignInput, 'live'>, view: FreeView): FreePool[] {
  const pools: FreePool[] = [];
  for (const facts of lawful) {
    if (isPipeline(facts)) continue;
    for (const pool of facts.pools) {
      const free = poolFree(facts, pool, input, view);
      if (free > 0) pools.push({ facts, model: pool.model, free });
    }
  }
  return pools.sort((a, b) => b.free - a.free || (a.facts.id < b.facts.id ? -1 : a.facts.id > b.facts.id ? 1 : 0) || GPU_MODELS.indexOf(a.model) - GPU_MODELS.indexOf(b.model));
}

/** Free IT MW of the lawful installed sites (the ledger's, never below 0 per site). */
export function freeMw(lawful: readonly SiteFacts[], view: FreeView): number {
  return roundMw(lawful.reduce((sum, f) => (isPipeline(f) || f.id === view.lost ? sum : sum + Math.max(0, view.ledgerMw(f.id))), 0));
}

/** `2027-Q2` for a calendar date (UTC quarters). */
export function quarterOf(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

function pipelineByQuarter(lawful: readonly SiteFacts[], ledger: SovereignInput['ledger']): HeadroomPipelineQuarter[] {
  const quarters = new Map<string, HeadroomPipelineQuarter>();
  for (const f of lawful) {
    if (!isPipeline(f)) continue;
    const quarter = f.commissioningDate ? quarterOf(f.commissioningDate) : 'undated';
    const q = quarters.get(quarter) ?? quarters.set(quarter, { quarter, mw: 0, gpus: 0, sites: [] }).get(quarter)!;
    const gpus = f.pools.reduce((n, p) => n + p.installed, 0);
    const mw = roundMw(f.site.itCapacityMw);
    q.mw = roundMw(q.mw + mw);
    q.gpus += gpus;
    q.sites.push({
      siteId: f.id,
      name: f.site.name,
      country: f.site.country,
      stage: ledger.get(f.id)?.site?.stage ?? (f.status === 'planned' ? 'announced' : 'under-construction'),
      ...(f.commissioningDate ? { commissioningDate: f.commissioningDate } : {}),
      mw,
      gpus,
    });
  }
  // Dated quarters in time order, undated last.
  return [...quarters.values()].sort((a, b) => (a.quarter === 'undated' ? 1 : b.quarter === 'undated' ? -1 : a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
}

/** "Can we serve N GPUs (of this model) of this class now, and where?" from the class's free pools. */
export function answer(cls: DemandClass, pools: readonly FreePool[], query: HeadroomQuery): HeadroomAnswer {
  const fitting = pools.filter((p) => query.model === undefined || p.model === query.model);
  const lawfulFree = fitting.reduce((n, p) => n + p.free, 0);
  const yes = lawfulFree >= query.gpus;
  const at: HeadroomAnswer['at'] = [];
  let left = query.gpus;
  for (const p of yes ? fitting : []) {
    if (left <= 0) break;
    const gpus = Math.min(left, p.free);
    at.push({ siteId: p.facts.id, name: p.facts.site.name, country: p.facts.site.country, model: p.model, gpus });
    left -= gpus;
  }
  return {
    gpus: query.gpus,
    ...(query.model ? { model: query.model } : {}),
    lawfulFree,
    yes,
    at,
    oneSite: [...new Set(fitting.filter((p) => p.free >= query.gpus).map((p) => p.facts.id))],
    prefill: { ...cls.shape, conditions: [...cls.shape.conditions], kind: 'training', gpus: { count: query.gpus, ...(query.model ? { model: query.model } : {}) } },
  };
}

/** One class's headroom: lawful, committed (the given workloads that are of the class), free, pipeline, and the answer. */
export function classHeadroom(input: SovereignInput, cls: DemandClass, workloads: readonly CommittedWorkload[], query: HeadroomQuery): ClassHeadroom {
  const lawful = lawfulSites(input, cls);
  const installed = lawful.filter((f) => !isPipeline(f));
  const pools = freePools(lawful, input, ledgerView(input));
  const mine = workloads.filter((w) => w.classIds.includes(cls.id));
  const pipeline = pipelineByQuarter(lawful, input.ledger);

  const byModel = new Map<GpuModel, HeadroomModel>(GPU_MODELS.map((model) => [model, { model, lawful: 0, committed: 0, free: 0, pipeline: 0 }]));
  for (const f of lawful) for (const p of f.pools) byModel.get(p.model)![isPipeline(f) ? 'pipeline' : 'lawful'] += p.installed;
  for (const p of pools) byModel.get(p.model)!.free += p.free;
  for (const w of mine) if (w.gpuModel) byModel.get(w.gpuModel)!.committed += w.gpuCount;
  const gpusByModel = [...byModel.values()].filter((m) => m.lawful + m.committed + m.free + m.pipeline > 0);
  const total = (key: 'lawful' | 'committed' | 'free' | 'pipeline') => gpusByModel.reduce((n, m) => n + m[key], 0);

  return {
    class: cls,
    lawfulSites: { installed: installed.length, pipeline: lawful.length - installed.length },
    gpus: { lawful: total('lawful'), committed: mine.reduce((n, w) => n + w.gpuCount, 0), free: total('free'), pipeline: total('pipeline') },
    gpusByModel,
    mw: {
      lawful: roundMw(installed.reduce((n, f) => n + f.site.itCapacityMw, 0)),
      committed: roundMw(mine.reduce((n, w) => n + w.powerKw, 0) / 1000),
      free: freeMw(lawful, ledgerView(input)),
      pipeline: roundMw(pipeline.reduce((n, q) => n + q.mw, 0)),
    },
    workloads: mine.length,
    pipelineByQuarter: pipeline,
    answer: answer(cls, pools, query),
  };
}
