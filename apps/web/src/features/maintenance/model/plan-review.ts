import type { DrainPlan, Margin, RejectionReason } from '@corridor/shared';
import { formatCount, formatGpus, formatNumber } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

/** What a drain's review shows of one workload: where it goes and how good that is, its other options, or why it cannot go anywhere. */
export interface ReviewMove {
  workloadId: string;
  workloadName: string;
  tenant: string;
  /** "8 × H100", or "8 GPUs" when the model is not fixed. */
  gpus: string;
  destination?: { siteId: string; name: string; score: string };
  alternatives: { siteId: string; name: string; score: string }[];
  /** Every site's refusal, with the margins, when there is no destination. */
  refusals: { siteId: string; name: string; reasons: { code: string; text: string }[] }[];
}

/** The effect on one destination: free GPUs of one model before and after the moves, with the change. */
export interface CapacityChange {
  siteId: string;
  name: string;
  /** "24 → 16 H100 free (−8 GPUs)". */
  text: string;
  freeBefore: number;
  freeAfter: number;
  /** Would the moves use more than the destination has free (the server must never plan that). */
  overbooked: boolean;
}

export interface PlanReview {
  /** "3 workloads on Benguerir 1: 2 can move, 1 has no lawful destination." */
  headline: string;
  moves: ReviewMove[];
  capacity: CapacityChange[];
  movable: number;
  blocked: number;
  /** Executing moves what can move; the blocked stay (and raise an alert), so there must be something to move. */
  canExecute: boolean;
}

/** Placement scores run 0–1, higher is better: two decimals in the language in force. */
export const formatScore = (score: number | undefined): string =>
  score === undefined ? translate('maintenance.plan.scoreUnknown') : translate('maintenance.plan.score', { score: formatNumber(score, 2, 2) });

/** "8 × H100", or "8 GPUs" (the language's plural) when the model is not fixed. */
export const gpusText = (count: number, model: string | undefined): string => (model ? translate('maintenance.gpus.ofModel', { count, model }) : formatGpus(count));

/** "needs 8 H100, 4 H100 available"; "needs ≤ 40 ms, 52 ms here" for latency. */
export function marginText(margin: Margin): string {
  const n = (v: number) => formatNumber(Math.round(v * 100) / 100, 2);
  if (margin.unit === 'ms') return translate('maintenance.margin.latency', { needed: n(margin.needed), available: n(margin.available) });
  return translate('maintenance.margin.other', { needed: n(margin.needed), available: n(margin.available), unit: margin.unit });
}

// The placement engine's sentence is the server's (English, like every API message); its margin is said in the language in force.
const reasonText = (r: RejectionReason): string => (r.margin ? translate('maintenance.plan.reasonWithMargin', { message: r.message, margin: marginText(r.margin) }) : r.message);

function capacityChange(delta: number): string {
  if (delta === 0) return translate('maintenance.capacity.noChange');
  return translate(delta < 0 ? 'maintenance.capacity.less' : 'maintenance.capacity.more', { count: Math.abs(delta) });
}

/** A drain plan as its review page shows it, with sites by name. */
export function reviewOf(plan: DrainPlan, siteName: (id: string) => string): PlanReview {
  const moves: ReviewMove[] = plan.moves.map((m) => ({
    workloadId: m.workloadId,
    workloadName: m.workloadName,
    tenant: m.tenant,
    gpus: gpusText(m.gpuCount, m.gpuModel),
    destination: m.to ? { siteId: m.to, name: siteName(m.to), score: formatScore(m.score) } : undefined,
    alternatives: m.alternatives.map((a) => ({ siteId: a.siteId, name: siteName(a.siteId), score: formatScore(a.score) })),
    refusals: m.to ? [] : m.reasons.map((r) => ({ siteId: r.siteId, name: siteName(r.siteId), reasons: r.reasons.map((x) => ({ code: x.code, text: reasonText(x) })) })),
  }));
  const capacity: CapacityChange[] = plan.capacityEffect.map((c) => {
    return {
      siteId: c.siteId,
      name: siteName(c.siteId),
      freeBefore: c.freeBefore,
      freeAfter: c.freeAfter,
      text: translate('maintenance.capacity.text', { before: formatCount(c.freeBefore), after: formatCount(c.freeAfter), model: c.gpuModel, change: capacityChange(c.freeAfter - c.freeBefore) }),
      overbooked: c.freeAfter < 0,
    };
  });
  const blocked = moves.filter((m) => !m.destination).length;
  const movable = moves.length - blocked;
  const where = siteName(plan.siteId);
  const headline = moves.length === 0 ? translate('maintenance.plan.headlineEmpty', { site: where }) : translate('maintenance.plan.headline', { count: moves.length, site: where, movable, blocked });
  return { headline, moves, capacity, movable, blocked, canExecute: movable > 0 };
}

/** Time left before a deadline, in words with units (h, min and s are symbols in every language): "4 min 20 s left", "12 s overdue". */
export function timeLeft(deadlineIso: string, nowMs: number): string {
  const ms = Date.parse(deadlineIso) - nowMs;
  const s = Math.round(Math.abs(ms) / 1000);
  const time =
    s >= 3600
      ? translate('maintenance.time.hoursMinutes', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) })
      : s >= 60
        ? translate('maintenance.time.minutesSeconds', { minutes: Math.floor(s / 60), seconds: s % 60 })
        : translate('maintenance.time.seconds', { seconds: s });
  return translate(ms >= 0 ? 'maintenance.time.left' : 'maintenance.time.overdue', { time });
}

const ITEM_STATE_ORDER = ['moved', 'migrating', 'pending', 'blocked', 'failed'] as const;

/** A drain's progress in words: "3 of 5 workloads moved · 1 migrating · 1 blocked". */
export function progressText(items: readonly { state: (typeof ITEM_STATE_ORDER)[number] }[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  const moved = counts.get('moved') ?? 0;
  const rest = ITEM_STATE_ORDER.filter((s) => s !== 'moved' && counts.get(s)).map((state) => translate('maintenance.progress.state', { count: counts.get(state)!, state }));
  return [translate('maintenance.progress.moved', { moved, total: items.length }), ...rest].join(translate('maintenance.progress.separator'));
}
