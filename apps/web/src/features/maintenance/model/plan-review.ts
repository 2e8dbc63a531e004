import type { DrainPlan, Margin, RejectionReason } from '@corridor/shared';

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

const scoreFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('en-US');
/** Placement scores run 0–1, higher is better. */
export const formatScore = (score: number | undefined): string => (score === undefined ? 'score —' : `score ${scoreFormat.format(score)} / 1`);

const plural = (n: number, one: string, many = `${one}s`) => `${countFormat.format(n)} ${n === 1 ? one : many}`;

/** "needs 8 H100, 4 available"; "needs ≤ 40 ms, 52 ms here" for latency. */
export function marginText(margin: Margin): string {
  const n = (v: number) => countFormat.format(Math.round(v * 100) / 100);
  if (margin.unit === 'ms') return `needs ≤ ${n(margin.needed)} ms, ${n(margin.available)} ms here`;
  return `needs ${n(margin.needed)} ${margin.unit}, ${n(margin.available)} ${margin.unit} available`;
}

const reasonText = (r: RejectionReason): string => (r.margin ? `${r.message} (${marginText(r.margin)})` : r.message);

/** A drain plan as its review page shows it, with sites by name. */
export function reviewOf(plan: DrainPlan, siteName: (id: string) => string): PlanReview {
  const moves: ReviewMove[] = plan.moves.map((m) => ({
    workloadId: m.workloadId,
    workloadName: m.workloadName,
    tenant: m.tenant,
    gpus: m.gpuModel ? `${countFormat.format(m.gpuCount)} × ${m.gpuModel}` : plural(m.gpuCount, 'GPU'),
    destination: m.to ? { siteId: m.to, name: siteName(m.to), score: formatScore(m.score) } : undefined,
    alternatives: m.alternatives.map((a) => ({ siteId: a.siteId, name: siteName(a.siteId), score: formatScore(a.score) })),
    refusals: m.to ? [] : m.reasons.map((r) => ({ siteId: r.siteId, name: siteName(r.siteId), reasons: r.reasons.map((x) => ({ code: x.code, text: reasonText(x) })) })),
  }));
  const capacity: CapacityChange[] = plan.capacityEffect.map((c) => {
    const delta = c.freeAfter - c.freeBefore;
    const change = delta === 0 ? 'no change' : `${delta < 0 ? '−' : '+'}${plural(Math.abs(delta), 'GPU')}`;
    return {
      siteId: c.siteId,
      name: siteName(c.siteId),
      freeBefore: c.freeBefore,
      freeAfter: c.freeAfter,
      text: `${countFormat.format(c.freeBefore)} → ${countFormat.format(c.freeAfter)} ${c.gpuModel} free (${change})`,
      overbooked: c.freeAfter < 0,
    };
  });
  const blocked = moves.filter((m) => !m.destination).length;
  const movable = moves.length - blocked;
  const where = siteName(plan.siteId);
  const headline =
    moves.length === 0
      ? `No workload runs on ${where}: nothing to drain.`
      : `${plural(moves.length, 'workload')} on ${where}: ${countFormat.format(movable)} can move${blocked ? `, ${plural(blocked, 'has', 'have')} no lawful destination` : ''}.`;
  return { headline, moves, capacity, movable, blocked, canExecute: movable > 0 };
}

/** Time left before a deadline, in words with units: "4 min 20 s left", "12 s overdue". */
export function timeLeft(deadlineIso: string, nowMs: number): string {
  const ms = Date.parse(deadlineIso) - nowMs;
  const s = Math.round(Math.abs(ms) / 1000);
  const text = s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  return ms >= 0 ? `${text} left` : `${text} overdue`;
}

const ITEM_STATE_ORDER = ['moved', 'migrating', 'pending', 'blocked', 'failed'] as const;

/** A drain's progress in words: "3 of 5 moved · 1 migrating · 1 blocked". */
export function progressText(items: readonly { state: (typeof ITEM_STATE_ORDER)[number] }[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  const moved = counts.get('moved') ?? 0;
  const rest = ITEM_STATE_ORDER.filter((s) => s !== 'moved' && counts.get(s)).map((s) => `${countFormat.format(counts.get(s)!)} ${s}`);
  return [`${countFormat.format(moved)} of ${plural(items.length, 'workload')} moved`, ...rest].join(' · ');
}
