import type { BatchPlan, BatchPlanRemaining, BatchPlanRequest, BatchPlanResult, BatchPlanWorkload, BatchUnplacedReason, JurisdictionCode, RejectedSite, Site, WorkloadRequest } from '@corridor/shared';
import { REASON_CODES } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import type { PlanInput, SiteUsage } from './plan-input.ts';

/** One read of everything a plan reads (fleet, committed usage, telemetry, policy, time): every row of a batch is planned on it. */
export type BatchSnapshot = Omit<PlanInput, 'request' | 'exclude'>;

/** Thrown when the caller went away in the middle of a batch: the rest is not planned. */
export class BatchAbandonedError extends Error {
  constructor() {
    super('the client went away before the batch was planned');
  }
}

/**
 * Rows planned between two looks at the signal. Each look gives the event loop a turn, so a closed
 * connection is noticed and other requests are served while a batch of 1,000 runs (~2 ms per 25 rows).
 */
const ROWS_PER_TURN = 25;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The batch what-if: each row planned by the engine as a single plan would be, then its rank-1 candidate
 * takes its GPUs and power in a copy of the committed usage before the next row is planned — exactly what
 * a commit of each row in turn would hold (bench/placement-batch.mjs does the same). Deterministic: the
 * same snapshot and rows give the same answer. Nothing is written anywhere.
 */
export async function planBatch(snapshot: BatchSnapshot, batch: BatchPlanRequest, signal?: AbortSignal): Promise<BatchPlan> {
  const usage = copyUsage(snapshot.usage);
  const results: BatchPlanResult[] = [];
  const countryOf = new Map(snapshot.fleet.sites.map((s) => [s.id, s.country]));
  for (const [index, row] of batch.workloads.entries()) {
    if (index % ROWS_PER_TURN === 0) {
      await nextTurn();
      if (signal?.aborted) throw new BatchAbandonedError();
    }
    const request = asRequest(row, batch);
    const plan = planPlacement({ ...snapshot, request, usage });
    const identity = { index, ...(row.ref !== undefined ? { ref: row.ref } : {}), name: row.name };
    const best = plan.candidates[0];
    if (!best) {
      results.push({ ...identity, outcome: 'unplaced', reasons: summariseReasons(plan.rejected) });
      continue;
    }
    hold(usage, best.siteId, best.gpuModel, row.gpus.count, best.powerKw);
    results.push({
      ...identity,
      outcome: 'placed',
      siteId: best.siteId,
      jurisdiction: countryOf.get(best.siteId)!,
      gpuModel: best.gpuModel,
      gpuCount: row.gpus.count,
      powerKw: best.powerKw,
      score: best.score,
      rank1Of: plan.candidates.length,
    });
  }
  return {
    policyVersion: snapshot.policy.version,
    fleetVersion: snapshot.fleet.version,
    at: snapshot.at.toISOString(),
    results,
    totals: totalsOf(batch.workloads, results),
    remaining: remainingByJurisdiction(snapshot, usage),
  };
}

/** The row as the engine reads a request: without the caller's ref, with the batch's weights when it brings none. */
function asRequest({ ref: _ref, ...row }: BatchPlanWorkload, batch: BatchPlanRequest): WorkloadRequest {
  return row.weights === undefined && batch.weights !== undefined ? { ...row, weights: batch.weights } : row;
}

function copyUsage(usage: ReadonlyMap<string, SiteUsage>): Map<string, SiteUsage> {
  return new Map([...usage].map(([siteId, held]) => [siteId, { gpus: { ...held.gpus }, powerKw: held.powerKw }]));
}

function hold(usage: Map<string, SiteUsage>, siteId: string, model: keyof SiteUsage['gpus'], gpus: number, powerKw: number): void {
  const held = usage.get(siteId) ?? usage.set(siteId, { gpus: {}, powerKw: 0 }).get(siteId)!;
  held.gpus[model] = (held.gpus[model] ?? 0) + gpus;
  held.powerKw += powerKw;
}

const CODE_ORDER = new Map(REASON_CODES.map((code, i) => [code, i]));

/**
 * Why no site took the row: each reason (code and rule) with how many sites gave it, most frequent first,
 * with one site's sentence. A fleet without sites still says why.
 */
function summariseReasons(rejected: readonly RejectedSite[]): BatchUnplacedReason[] {
  const byKey = new Map<string, BatchUnplacedReason>();
  for (const site of rejected) {
    const seen = new Set<string>();
    for (const reason of site.reasons) {
      const key = `${reason.code}|${reason.ruleId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const found = byKey.get(key);
      if (found) found.count++;
      else byKey.set(key, { code: reason.code, count: 1, message: reason.message, ...(reason.ruleId !== undefined ? { ruleId: reason.ruleId } : {}) });
    }
  }
  if (byKey.size === 0) return [{ code: 'SITE_NOT_OPERATIONAL', count: 0, message: 'The fleet has no site.' }];
  return [...byKey.values()].sort((a, b) => b.count - a.count || CODE_ORDER.get(a.code)! - CODE_ORDER.get(b.code)! || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
}

function totalsOf(rows: readonly BatchPlanWorkload[], results: readonly BatchPlanResult[]): BatchPlan['totals'] {
  let placed = 0;
  let gpusPlaced = 0;
  let powerKwPlaced = 0;
  for (const r of results) {
    if (r.outcome !== 'placed') continue;
    placed++;
    gpusPlaced += r.gpuCount;
    powerKwPlaced += r.powerKw;
  }
  return {
    requested: rows.length,
    placed,
    unplaced: rows.length - placed,
    gpusRequested: rows.reduce((sum, r) => sum + r.gpus.count, 0),
    gpusPlaced,
    powerKwPlaced: round1(powerKwPlaced),
  };
}

/** Free GPUs and kW of one site under a usage; a site that takes no workload now has nothing free. */
function freeOf(site: Site, held: SiteUsage | undefined, operational: boolean): { gpus: number; powerKw: number } {
  if (!operational) return { gpus: 0, powerKw: 0 };
  const installed = new Map<string, number>();
  for (const c of site.clusters) installed.set(c.gpuModel, (installed.get(c.gpuModel) ?? 0) + c.gpuCount);
  let gpus = 0;
  for (const [model, count] of installed) gpus += Math.max(0, count - (held?.gpus[model as keyof SiteUsage['gpus']] ?? 0));
  return { gpus, powerKw: Math.max(0, site.itCapacityMw * 1000 - (held?.powerKw ?? 0)) };
}

function remainingByJurisdiction(snapshot: BatchSnapshot, after: ReadonlyMap<string, SiteUsage>): BatchPlanRemaining[] {
  const rows = new Map<JurisdictionCode, BatchPlanRemaining>();
  for (const site of snapshot.fleet.sites) {
    const operational = (snapshot.live.get(site.id)?.status ?? site.status) === 'operational';
    const before = freeOf(site, snapshot.usage.get(site.id), operational);
    const left = freeOf(site, after.get(site.id), operational);
    const row =
      rows.get(site.country) ?? rows.set(site.country, { jurisdiction: site.country, sites: 0, gpusFreeBefore: 0, gpusFreeAfter: 0, powerKwFreeBefore: 0, powerKwFreeAfter: 0 }).get(site.country)!;
    row.sites++;
    row.gpusFreeBefore += before.gpus;
    row.gpusFreeAfter += left.gpus;
    row.powerKwFreeBefore += before.powerKw;
    row.powerKwFreeAfter += left.powerKw;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, powerKwFreeBefore: round1(r.powerKwFreeBefore), powerKwFreeAfter: round1(r.powerKwFreeAfter) }))
    .sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : a.jurisdiction > b.jurisdiction ? 1 : 0));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
