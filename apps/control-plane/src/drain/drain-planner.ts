import type { z } from 'zod';
import { GPU_MODELS, type Candidate, type CapacityEffectSchema, type DrainMove, type GpuModel, type Plan, type RejectedSite, type Workload, type WorkloadRequest } from '@corridor/shared';
import { planPlacement } from '../placement/engine.ts';
import type { PlanInput, SiteUsage } from '../placement/plan-input.ts';

// The drain's dry run: where each workload of a site would lawfully go, as one batch. Pure: the
// placement engine over one fleet snapshot, with each move's GPUs and power counted on its destination
// before the next workload is planned, so the plan never piles two moves past a destination's capacity.

/** Free GPUs of one model at a destination, before and after the plan's moves. */
export type CapacityEffect = z.infer<typeof CapacityEffectSchema>;

/** Lawful destinations kept per move besides the chosen one (the rest are in the count of candidates). */
export const MAX_ALTERNATIVES = 5;

/** What the planner needs: a plan's input without the request, and the site being drained. */
export type DrainInput = Omit<PlanInput, 'request' | 'exclude'> & { siteId: string };

/** A move as the executor needs it: the public move plus the pool and power it would hold at the destination. */
export interface PlannedMove extends DrainMove {
  from: string;
  /** Set when `to` is: the model the destination gives it and the IT power it holds there. */
  reservation?: { gpuModel: GpuModel; powerKw: number };
  /** The policy version the move was planned under (re-planned at execution if it changed). */
  policyVersion: string;
}

export interface DrainDryRun {
  moves: PlannedMove[];
  capacityEffect: CapacityEffect[];
}

/** Largest first (they have the fewest places to go), then oldest, then id: the same order every time. */
function drainOrder(a: Workload, b: Workload): number {
  return b.gpuCount - a.gpuCount || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What makes two workloads plan alike: the request without its name and tenant (which no rule reads). */
function shapeOf(request: WorkloadRequest): string {
  const { name: _name, tenant: _tenant, ...rest } = request;
  return JSON.stringify(rest);
}

/**
 * Plans a request with the plan of an earlier workload of the same shape, re-planning only the sites
 * a move since may have changed: the destinations themselves, and the earlier candidates of their
 * countries (the scarcity part reads what a country has committed; a rejected site's reasons are its
 * own). The engine still sees the whole fleet (`only`), since the scarcity part reads the fleet's
 * lawful supply and the latency origin is resolved from it.
 */
function replanChanged(input: PlanInput, earlier: Plan, changed: ReadonlySet<string>, fleet: FleetIndex): Plan {
  const { siteOrder, countryOf } = fleet;
  const countries = new Set([...changed].map((id) => countryOf.get(id)));
  const again = new Set(changed);
  for (const c of earlier.candidates) if (countries.has(countryOf.get(c.siteId))) again.add(c.siteId);
  const part = planPlacement({ ...input, only: again });
  const byScore = (a: Candidate, b: Candidate) => b.score - a.score || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0);
  const inFleetOrder = (a: RejectedSite, b: RejectedSite) => siteOrder.get(a.siteId)! - siteOrder.get(b.siteId)!;
  // Both lists are already in order: merged in one pass (ranks are left as they were: only the order is read).
  const candidates = merge(
    earlier.candidates.filter((c) => !again.has(c.siteId)),
    part.candidates,
    byScore,
  );
  const rejected = merge(
    earlier.rejected.filter((r) => !again.has(r.siteId)),
    part.rejected,
    inFleetOrder,
  );
  return { ...earlier, candidates, rejected };
}

/** Where each site stands in the fleet's order, and its country. */
interface FleetIndex {
  siteOrder: ReadonlyMap<string, number>;
  countryOf: ReadonlyMap<string, string>;
}

/** Two sorted lists as one sorted list. */
function merge<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * Plans every given workload off `input.siteId`: the engine with the site excluded, on the usage as it
 * stands plus the moves planned before it. A workload with no candidate keeps every site's reasons.
 * Workloads of the same shape share one full plan: each later one re-plans only the destinations the
 * moves in between changed (`reuse: false` plans each in full — the same answer, for tests).
 */
export function planDrain(input: DrainInput, workloads: readonly Workload[], options: { reuse?: boolean } = {}): DrainDryRun {
  const reuse = options.reuse ?? true;
  const fleetIndex: FleetIndex = { siteOrder: new Map(input.fleet.sites.map((s, i) => [s.id, i])), countryOf: new Map(input.fleet.sites.map((s) => [s.id, s.country])) };
  /** Per shape: its last plan and the move count when it was made; per site: the move count at its last change. */
  const byShape = new Map<string, { plan: Plan; at: number }>();
  const changedAt = new Map<string, number>();
  let movesMade = 0;
  const { siteId, ...base } = input;
  const exclude = new Set([siteId]);
  const usage = new Map<string, SiteUsage>();
  for (const [id, u] of input.usage) usage.set(id, { gpus: { ...u.gpus }, powerKw: u.powerKw });
  const before = new Map<string, SiteUsage>(input.usage);
  const touched = new Map<string, Set<GpuModel>>();

  const moves: PlannedMove[] = [];
  for (const w of [...workloads].sort(drainOrder)) {
    const planInput: PlanInput = { ...base, usage, request: w.request, exclude };
    const shape = reuse ? shapeOf(w.request) : '';
    const earlier = reuse ? byShape.get(shape) : undefined;
    let plan: Plan;
    if (!earlier) plan = planPlacement(planInput);
    else {
      const changed = new Set([...changedAt].filter(([, at]) => at > earlier.at).map(([id]) => id));
      plan = changed.size === 0 ? earlier.plan : replanChanged(planInput, earlier.plan, changed, fleetIndex);
    }
    if (reuse) byShape.set(shape, { plan, at: movesMade });
    const [best, ...others] = plan.candidates;
    const common = {
      workloadId: w.id,
      workloadName: w.name,
      tenant: w.tenant,
      ...(w.gpuModel ? { gpuModel: w.gpuModel } : {}),
      gpuCount: w.gpuCount,
      from: siteId,
      policyVersion: plan.policyVersion,
      alternatives: others.slice(0, MAX_ALTERNATIVES).map((c) => ({ siteId: c.siteId, score: c.score })),
    };
    if (!best) {
      moves.push({ ...common, to: null, reasons: plan.rejected });
      continue;
    }
    const held = usage.get(best.siteId) ?? { gpus: {}, powerKw: 0 };
    held.gpus[best.gpuModel] = (held.gpus[best.gpuModel] ?? 0) + w.gpuCount;
    held.powerKw += best.powerKw;
    usage.set(best.siteId, held);
    touched.set(best.siteId, (touched.get(best.siteId) ?? new Set()).add(best.gpuModel));
    changedAt.set(best.siteId, ++movesMade);
    moves.push({ ...common, to: best.siteId, score: best.score, reasons: [], reservation: { gpuModel: best.gpuModel, powerKw: best.powerKw } });
  }
  return { moves, capacityEffect: capacityEffect(input, touched, before, usage) };
}

/** Free GPUs before and after the plan's moves, per destination × model the plan uses (sites in id order). */
function capacityEffect(input: DrainInput, touched: Map<string, Set<GpuModel>>, before: ReadonlyMap<string, SiteUsage>, after: ReadonlyMap<string, SiteUsage>): CapacityEffect[] {
  const effect: CapacityEffect[] = [];
  for (const siteId of [...touched.keys()].sort()) {
    const site = input.fleet.sites.find((s) => s.id === siteId);
    if (!site) continue;
    for (const gpuModel of GPU_MODELS.filter((m) => touched.get(siteId)!.has(m))) {
      const installed = site.clusters.filter((c) => c.gpuModel === gpuModel).reduce((n, c) => n + c.gpuCount, 0);
      const freeBefore = installed - (before.get(siteId)?.gpus[gpuModel] ?? 0);
      const freeAfter = installed - (after.get(siteId)?.gpus[gpuModel] ?? 0);
      effect.push({ siteId, gpuModel, freeBefore, freeAfter });
    }
  }
  return effect;
}
