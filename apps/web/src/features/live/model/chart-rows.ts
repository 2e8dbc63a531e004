import type { Series } from '@corridor/shared';

/** A series as cached for a chart: what the server sent, plus the instant of the newest sample appended live. */
export interface ChartSeries extends Series {
  /** Epoch ms (the stream's clock) of the newest sample known to be in the points; later ones are appended. */
  tailAt: number;
}

/** One x position of a chart: the bucket start and a display value per line. */
export type ChartRow = { t: number } & Record<string, number>;

export interface RowSource {
  key: string;
  series?: Series;
  /** Base unit → display unit (W → kW ×0.001, ratio → % ×100). */
  toDisplay: number;
}

/** Joins several series on their bucket start into chart rows, oldest first, in display units. */
export function seriesToRows(sources: readonly RowSource[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const { key, series, toDisplay } of sources) {
    for (const p of series?.points ?? []) {
      let row = rows.get(p.t);
      if (!row) rows.set(p.t, (row = { t: p.t } as ChartRow));
      row[key] = p.avg * toDisplay;
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * The live tail: one sample from the stream folded into the series. It lands in its step's bucket
 * (mean, min, max, last and count updated) or opens a new bucket; the window slides so it still spans
 * `rangeMs`. Samples not newer than `tailAt` are already in the points and leave the series as it is.
 */
export function appendSample(series: ChartSeries, at: number, value: number, rangeMs: number): ChartSeries {
  if (at <= series.tailAt || !Number.isFinite(value)) return series;
  const t = Math.floor(at / series.stepMs) * series.stepMs;
  const points = series.points.slice();
  const last = points[points.length - 1];
  if (last && last.t === t) {
    const count = last.count ?? 1;
    points[points.length - 1] = {
      ...last,
      avg: (last.avg * count + value) / (count + 1),
      min: Math.min(last.min ?? last.avg, value),
      max: Math.max(last.max ?? last.avg, value),
      last: value,
      count: count + 1,
    };
  } else if (!last || last.t < t) {
    points.push({ t, avg: value, min: value, max: value, last: value, count: 1 });
  } else {
    // Older than the newest bucket: the server's answer holds it.
    return { ...series, tailAt: at };
  }
  const to = Math.max(series.to, t + series.stepMs);
  const from = Math.max(series.from, to - rangeMs);
  const firstKept = points.findIndex((p) => p.t >= from);
  return { ...series, points: firstKept > 0 ? points.slice(firstKept) : points, from, to, tailAt: at };
}

/** The x domain of a chart: the range ending at the newest bucket end of its series (or at `nowMs`). */
export function chartDomain(series: readonly (Series | undefined)[], rangeMs: number, nowMs: number): [number, number] {
  const to = Math.max(0, ...series.map((s) => s?.to ?? 0)) || nowMs;
  return [to - rangeMs, to];
}
