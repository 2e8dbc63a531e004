import { FORECAST_QUARTERS, roundMw, type ClassForecast, type DemandClass } from '@corridor/shared';
import type { SovereignInput } from './headroom.ts';
import { lawfulSites } from './headroom.ts';

/*
 * Forecast, pure: committed GPUs per class, week by week, from the workloads' commit and release times;
 * a least-squares line through the last N weeks, projected to the end of each of the next quarters,
 * against the lawful GPUs installed now plus the lawful pipeline commissioned by then.
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** A workload's life as demand: the GPUs it held from its commit until it let them go (null: still holds them). */
export interface CommitSpan {
  classIds: readonly string[];
  gpuCount: number;
  fromMs: number;
  untilMs: number | null;
}

export const forecastMethod = (weeks: number, quarters: number) =>
  `linear trend (least squares) over the last ${weeks} weeks of committed GPUs (weekly, from workload commit and release times), projected to the end of each of the next ${quarters} quarters (UTC); lawful supply: GPUs installed now at sites the policy allows for the class, plus lawful pipeline sites from their commissioning date`;

/** Least squares through (x, y): y = intercept + slope × x. A flat line through the mean when x does not vary. */
export function leastSquares(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } {
  const n = points.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The current quarter and the ones after it: label and last day (UTC). */
export function nextQuarters(now: Date, count: number): { quarter: string; ends: string; endMs: number }[] {
  const year = now.getUTCFullYear();
  const q0 = Math.floor(now.getUTCMonth() / 3);
  return Array.from({ length: count }, (_, i) => {
    const q = q0 + i;
    const y = year + Math.floor(q / 4);
    const startOfNext = Date.UTC(y, (q % 4) * 3 + 3, 1);
    return { quarter: `${y}-Q${(q % 4) + 1}`, ends: new Date(startOfNext - DAY_MS).toISOString().slice(0, 10), endMs: startOfNext - 1 };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One class's forecast from the spans of its workloads (already the audience's: a tenant's own). */
export function classForecast(input: Pick<SovereignInput, 'fleet' | 'policy' | 'at'>, cls: DemandClass, spans: readonly CommitSpan[], weeks: number): ClassForecast {
  const nowMs = input.at.getTime();
  const mine = spans.filter((s) => s.classIds.includes(cls.id));
  const committedAt = (t: number) => mine.reduce((n, s) => (s.fromMs <= t && (s.untilMs === null || s.untilMs > t) ? n + s.gpuCount : n), 0);
  // x = weeks from now: −(weeks−1) … 0.
  const history = Array.from({ length: weeks }, (_, i) => {
    const x = i - (weeks - 1);
    const t = nowMs + x * WEEK_MS;
    return { x, weekEnds: new Date(t).toISOString().slice(0, 10), committedGpus: committedAt(t) };
  });
  const { slope, intercept } = leastSquares(history.map((h) => ({ x: h.x, y: h.committedGpus })));

  const lawful = lawfulSites(input, cls);
  const gpusOf = (f: (typeof lawful)[number]) => f.pools.reduce((n, p) => n + p.installed, 0);
  const pipeline = (f: (typeof lawful)[number]) => f.status === 'planned' || f.status === 'construction';
  const installedGpus = lawful.filter((f) => !pipeline(f)).reduce((n, f) => n + gpusOf(f), 0);
  const installedMw = lawful.filter((f) => !pipeline(f)).reduce((n, f) => n + f.site.itCapacityMw, 0);
  const dated = lawful.filter((f) => pipeline(f) && f.commissioningDate).map((f) => ({ dueMs: Date.parse(`${f.commissioningDate}T00:00:00Z`), gpus: gpusOf(f), mw: f.site.itCapacityMw }));

  let crossed = false;
  const quarters = nextQuarters(input.at, FORECAST_QUARTERS).map(({ quarter, ends, endMs }) => {
    const demandGpus = Math.max(0, Math.round(intercept + slope * ((endMs - nowMs) / WEEK_MS)));
    const arrived = dated.filter((d) => d.dueMs <= endMs);
    const supplyGpus = installedGpus + arrived.reduce((n, d) => n + d.gpus, 0);
    const supplyMw = roundMw(installedMw + arrived.reduce((n, d) => n + d.mw, 0));
    const crossing = !crossed && demandGpus > supplyGpus;
    if (crossing) crossed = true;
    return { quarter, ends, demandGpus, supplyGpus, supplyMw, crossing };
  });
  return {
    class: cls,
    history: history.map(({ weekEnds, committedGpus }) => ({ weekEnds, committedGpus })),
    trend: { slopeGpusPerWeek: round2(slope), intercept: round2(intercept) },
    quarters,
    crossesIn: quarters.find((q) => q.crossing)?.quarter ?? null,
  };
}
