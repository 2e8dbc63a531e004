import { InputError, SERIES_LIMITS, type SeriesQuery, type SeriesResolution } from '@corridor/shared';
import type { Retention } from './telemetry-store.ts';

/**
 * How a series query is answered: which level of the store, which step, which window.
 *
 * Resolution by range, when no step is asked for: raw samples up to 2 h, 1-minute rollups up to 48 h,
 * 1-hour rollups beyond — each only while its retention still covers `from` (raw 48 h, 1 min 30 d),
 * else the next coarser level. The step is then the smallest of STEP_LADDER_MS that is a whole
 * number of the level's buckets and keeps the answer within SERIES_LIMITS.maxPoints.
 *
 * With a step, the coarsest level whose bucket divides the step and whose retention covers `from` is
 * read: buckets are aligned to the epoch, so a 5-minute point is exactly five 1-minute rollups and
 * every level gives the same answer where they overlap.
 */
export interface SeriesPlan {
  resolution: SeriesResolution;
  stepMs: number;
  /** The window, aligned to the step: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
}

export const RESOLUTION_BY_RANGE = { rawUpToMs: 2 * 3_600_000, minuteUpToMs: 48 * 3_600_000 } as const;

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Steps the server picks from (an asked step may be any whole number of ms ≥ 1 s). */
export const STEP_LADDER_MS = [5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D];

interface Level {
  resolution: SeriesResolution;
  bucketMs: number;
  retentionMs: (r: Retention) => number;
}
/** Finest first. */
const LEVELS: readonly Level[] = [
  { resolution: 'raw', bucketMs: 1, retentionMs: (r) => r.rawMs },
  { resolution: '1m', bucketMs: M, retentionMs: (r) => r.minuteMs },
  { resolution: '1h', bucketMs: H, retentionMs: () => Infinity }, // the last resort: whatever is left
];

const pointsOf = (fromMs: number, toMs: number, stepMs: number) => Math.ceil(toMs / stepMs) - Math.floor(fromMs / stepMs);

function formatMs(ms: number): string {
  for (const [unit, size] of [
    ['d', D],
    ['h', H],
    ['m', M],
    ['s', S],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** Plans a parsed query at `nowMs`; a 400 naming the parameter when it cannot be answered. */
export function planSeries(query: SeriesQuery, nowMs: number, retention: Retention): SeriesPlan {
  const to = query.to ?? nowMs;
  const from = query.from ?? to - SERIES_LIMITS.defaultRangeMs;
  if (from >= to) throw new InputError('invalid series query: from must be before to', [{ field: 'from', message: 'must be before to' }]);
  const rangeMs = to - from;
  if (rangeMs > SERIES_LIMITS.maxRangeMs) {
    throw new InputError('invalid series query: the range from … to must not exceed 400 d', [{ field: 'from', message: 'range must not exceed 400 d' }]);
  }
  const covers = (level: Level) => from >= nowMs - level.retentionMs(retention);

  let stepMs = query.step;
  if (stepMs === undefined) {
    const byRange = rangeMs <= RESOLUTION_BY_RANGE.rawUpToMs ? 0 : rangeMs <= RESOLUTION_BY_RANGE.minuteUpToMs ? 1 : 2;
    const level = LEVELS.slice(byRange).find(covers)!;
    stepMs = STEP_LADDER_MS.find((s) => s % level.bucketMs === 0 && pointsOf(from, to, s) <= SERIES_LIMITS.maxPoints)!;
  } else {
    const points = pointsOf(from, to, stepMs);
    if (points > SERIES_LIMITS.maxPoints) {
      const least = STEP_LADDER_MS.find((s) => pointsOf(from, to, s) <= SERIES_LIMITS.maxPoints)!;
      const message = `gives ${points} points over this range; at most ${SERIES_LIMITS.maxPoints}: use a step of ${formatMs(least)} or more`;
      throw new InputError(`invalid series query: step ${message}`, [{ field: 'step', message }]);
    }
  }

  const step = stepMs;
  const level = [...LEVELS].reverse().find((l) => step % l.bucketMs === 0 && covers(l));
  if (!level) {
    // A step finer than what the store still keeps for a range this old (e.g. 30s, three days ago).
    const finest = LEVELS.find(covers)!;
    const unit = finest.resolution === '1m' ? 'minutes' : 'hours';
    const message = `must be a whole number of ${unit} for a range starting before ${new Date(nowMs - LEVELS[LEVELS.indexOf(finest) - 1]!.retentionMs(retention)).toISOString()} (finer data is no longer kept)`;
    throw new InputError(`invalid series query: step ${message}`, [{ field: 'step', message }]);
  }
  return { resolution: level.resolution, stepMs: step, fromMs: Math.floor(from / step) * step, toMs: Math.ceil(to / step) * step };
}
