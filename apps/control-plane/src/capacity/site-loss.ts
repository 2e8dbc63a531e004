import { REASON_CODES, roundMw, type DemandClass, type GpuModel, type ReasonCode, type RejectedSite, type SiteLoss, type Workload } from '@corridor/shared';
import { planDrain } from '../drain/drain-planner.ts';
import type { SiteUsage } from '../placement/plan-input.ts';
import { siteFacts, type SiteFacts } from '../placement/site-facts.ts';
import { freeMw, freePools, lawfulSites, ledgerView, type FreeView, type SovereignInput } from './headroom.ts';

/*
 * N-1, pure: what losing one site would do. The re-placement is the drain's dry run (planDrain: the
 * engine with the site left out, each move counted on its destination before the next is planned) —
 * the same answer an operator's drain of that site would give now. Nothing is reserved.
 */

const POLICY_CODES: ReadonlySet<ReasonCode> = new Set(['JURISDICTION_NOT_ALLOWED', 'OPERATOR_CONTROL', 'CERTIFICATION_MISSING']);

/** Room a rejected site has for the request, in its INSUFFICIENT_GPUS margin (0 without one). */
const roomOf = (r: RejectedSite) => r.reasons.find((x) => x.code === 'INSUFFICIENT_GPUS')?.margin?.available ?? 0;
/** Fewer reasons first, then more room (the plan's order breaks the last ties). */
const closer = (a: RejectedSite, b: RejectedSite) => a.reasons.length < b.reasons.length || (a.reasons.length === b.reasons.length && roomOf(a) > roomOf(b));

/** The largest installed site: IT MW, then GPUs, then id (the console's default pick). */
export function largestSite(facts: readonly SiteFacts[]): SiteFacts | undefined {
  const gpus = (f: SiteFacts) => f.pools.reduce((n, p) => n + p.installed, 0);
  return facts
    .filter((f) => f.status !== 'planned' && f.status !== 'construction')
    .reduce<SiteFacts | undefined>(
      (best, f) => (!best || f.itCapacityKw > best.itCapacityKw || (f.itCapacityKw === best.itCapacityKw && (gpus(f) > gpus(best) || (gpus(f) === gpus(best) && f.id < best.id))) ? f : best),
      undefined,
    );
}

export interface SiteLossInput extends SovereignInput {
  siteId: string;
  /** The workloads holding capacity on the site (placed, running, migrating). */
  onSite: readonly Workload[];
  classes: readonly DemandClass[];
  classIdsOf: (w: Workload) => string[];
}

type Body = Omit<SiteLoss, 'asOf' | 'fleetVersion' | 'policyVersion' | 'audience' | 'tenant' | 'dryRun'>;

/** The loss of `siteId`: each workload re-placed (where) or stranded (why), and each class's lawful free before and after. */
export function siteLoss(input: SiteLossInput): Body {
  const facts = siteFacts(input.fleet.sites);
  const lost = facts.find((f) => f.id === input.siteId)!;
  const { moves } = planDrain({ siteId: input.siteId, fleet: input.fleet, usage: input.usage, live: input.live, policy: input.policy, at: input.at }, input.onSite);
  const byId = new Map(input.onSite.map((w) => [w.id, w]));
  const siteById = new Map(facts.map((f) => [f.id, f]));

  // After: the moves held on their destinations (as the engine and the ledger would then count them), the site gone.
  const usage = new Map<string, SiteUsage>();
  for (const [id, u] of input.usage) usage.set(id, { gpus: { ...u.gpus }, powerKw: u.powerKw });
  const moved = new Map<string, { gpus: Map<GpuModel, number>; kw: number }>();
  for (const m of moves) {
    if (!m.to || !m.reservation) continue;
    const held = usage.get(m.to) ?? usage.set(m.to, { gpus: {}, powerKw: 0 }).get(m.to)!;
    held.gpus[m.reservation.gpuModel] = (held.gpus[m.reservation.gpuModel] ?? 0) + m.gpuCount;
    held.powerKw += m.reservation.powerKw;
    const into = moved.get(m.to) ?? moved.set(m.to, { gpus: new Map(), kw: 0 }).get(m.to)!;
    into.gpus.set(m.reservation.gpuModel, (into.gpus.get(m.reservation.gpuModel) ?? 0) + m.gpuCount);
    into.kw += m.reservation.powerKw;
  }
  const before = ledgerView(input);
  const after: FreeView = {
    usage,
    lost: input.siteId,
    ledgerGpus: (id, model) => before.ledgerGpus(id, model) - (moved.get(id)?.gpus.get(model) ?? 0),
    ledgerMw: (id) => before.ledgerMw(id) - (moved.get(id)?.kw ?? 0) / 1000,
  };

  const workloads: Body['workloads'] = moves.map((m) => {
    const w = byId.get(m.workloadId)!;
    const common = {
      workloadId: m.workloadId,
      name: m.workloadName,
      tenant: m.tenant,
      classIds: input.classIdsOf(w),
      ...(m.gpuModel ? { gpuModel: m.gpuModel } : {}),
      gpuCount: m.gpuCount,
      alternatives: m.alternatives.length,
    };
    if (m.to && m.reservation) {
      const to = siteById.get(m.to)!.site;
      return { ...common, outcome: 're-placed' as const, to: { siteId: to.id, name: to.name, country: to.country, gpuModel: m.reservation.gpuModel }, reasons: [], lawfulSitesLeft: 0 };
    }
    const codes = new Map<ReasonCode, { sites: number; ruleIds: Set<string> }>();
    let lawfulLeft = 0;
    let closest: RejectedSite | undefined;
    for (const r of m.reasons) {
      if (r.siteId === input.siteId) continue;
      if (!r.reasons.some((x) => POLICY_CODES.has(x.code))) {
        lawfulLeft++;
        if (!closest || closer(r, closest)) closest = r;
      }
      for (const code of new Set(r.reasons.map((x) => x.code))) {
        const entry = codes.get(code) ?? codes.set(code, { sites: 0, ruleIds: new Set() }).get(code)!;
        entry.sites++;
        for (const x of r.reasons) if (x.code === code && x.ruleId) entry.ruleIds.add(x.ruleId);
      }
    }
    const reasons = REASON_CODES.filter((c) => codes.has(c)).map((code) => ({ code, sites: codes.get(code)!.sites, ruleIds: [...codes.get(code)!.ruleIds].sort() }));
    const closestLawful = closest && {
      siteId: closest.siteId,
      name: siteById.get(closest.siteId)?.site.name ?? closest.siteId,
      reasons: closest.reasons.map((x) => ({ code: x.code, ...(x.margin ? { margin: x.margin } : {}) })),
    };
    return { ...common, outcome: 'stranded' as const, reasons, lawfulSitesLeft: lawfulLeft, ...(closestLawful ? { closestLawful } : {}) };
  });

  const headroom = input.classes.map((cls) => {
    const lawful = lawfulSites(input, cls);
    const free = (view: FreeView) => freePools(lawful, input, view).reduce((n, p) => n + p.free, 0);
    return { classId: cls.id, title: cls.title, before: { gpus: free(before), mw: freeMw(lawful, before) }, after: { gpus: free(after), mw: freeMw(lawful, after) } };
  });

  const rePlaced = workloads.filter((w) => w.outcome === 're-placed');
  const stranded = workloads.filter((w) => w.outcome === 'stranded');
  const count = (list: typeof workloads) => list.reduce((n, w) => n + w.gpuCount, 0);
  return {
    site: {
      id: lost.id,
      name: lost.site.name,
      country: lost.site.country,
      mw: roundMw(lost.site.itCapacityMw),
      gpus: lost.pools.reduce((n, p) => n + p.installed, 0),
      committedGpus: Object.values(input.usage.get(lost.id)?.gpus ?? {}).reduce((n, g) => n + (g ?? 0), 0),
    },
    largestSiteId: largestSite(facts)?.id ?? lost.id,
    summary: { workloads: workloads.length, rePlaced: rePlaced.length, stranded: stranded.length, gpusRePlaced: count(rePlaced), gpusStranded: count(stranded) },
    workloads,
    headroom,
  };
}
