import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { METRICS, MetricNameSchema, TELEMETRY_LIMITS, isMetricName, type MetricName, type MetricScope } from '../metrics.ts';

/**
 * The series API: `GET /v1/sites/:id/series` and `/v1/links/:id/series` on a control plane, and the
 * BFF's `GET /api/sites/:id/series` / `/api/links/:id/series` with the same parameters.
 *
 *   metric  one of the catalogue's names, of the entity's scope
 *   from    ISO 8601 date-time with offset (2026-06-21T12:00:00Z) or epoch ms; default `to` − 1 h
 *   to      same forms; default now
 *   step    width of one point: epoch-aligned, in ms (60000) or with a unit (30s, 5m, 1h, 1d);
 *           default: the smallest step that keeps the answer within `maxPoints`
 *
 * The server picks the resolution (raw samples, 1-minute or 1-hour rollups) from the range, the step
 * and what its retention still holds; every point is a whole bucket `[t, t + stepMs)`.
 */
export const SERIES_LIMITS = {
  /** Points in one answer. */
  maxPoints: 2000,
  /** Range when `from` is not given. */
  defaultRangeMs: 3_600_000,
  /** Longest range one query may cover (the 1-hour rollups' retention). */
  maxRangeMs: 400 * 86_400_000,
  /** Finest step. */
  minStepMs: 1000,
} as const;

export const SERIES_RESOLUTIONS = ['raw', '1m', '1h'] as const;
export const SeriesResolutionSchema = z.enum(SERIES_RESOLUTIONS);
/** Where a series was read from: raw samples, 1-minute or 1-hour rollups. */
export type SeriesResolution = z.infer<typeof SeriesResolutionSchema>;

const TIME_HINT = 'must be an ISO 8601 date-time with offset (e.g. 2026-06-21T12:00:00Z) or epoch milliseconds';
const IsoDateTime = z.iso.datetime({ offset: true });

/** A time parameter: epoch ms (number or digits) or an ISO 8601 date-time; answers epoch ms. */
const TimeParamSchema = z.union([z.number(), text()], { error: TIME_HINT }).transform((input, ctx) => {
  const raw = typeof input === 'string' ? input.trim() : input;
  const ms = typeof raw === 'number' ? raw : /^\d{1,16}$/.test(raw) ? Number(raw) : IsoDateTime.safeParse(raw).success ? Date.parse(raw) : NaN;
  if (!Number.isSafeInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: TIME_HINT });
    return z.NEVER;
  }
  if (ms < TELEMETRY_LIMITS.minAtMs || ms >= TELEMETRY_LIMITS.maxAtMs) {
    ctx.addIssue({ code: 'custom', message: 'must be within 2000-01-01 … 2100-01-01' });
    return z.NEVER;
  }
  return ms;
});

const STEP_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A step: ms (number or digits) or a whole number with a unit (ms, s, m, h, d); answers ms. */
const StepParamSchema = z.union([z.number(), text()], { error: 'must be a duration: milliseconds or e.g. 30s, 5m, 1h' }).transform((input, ctx) => {
  const raw = typeof input === 'string' ? input.trim() : input;
  const match = typeof raw === 'string' ? /^(\d{1,12})(ms|s|m|h|d)?$/.exec(raw) : null;
  const ms = typeof raw === 'number' ? raw : match ? Number(match[1]) * STEP_UNITS_MS[(match[2] ?? 'ms') as keyof typeof STEP_UNITS_MS] : NaN;
  if (!Number.isSafeInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration: milliseconds or e.g. 30s, 5m, 1h' });
    return z.NEVER;
  }
  if (ms < SERIES_LIMITS.minStepMs || ms > SERIES_LIMITS.maxRangeMs) {
    ctx.addIssue({ code: 'custom', message: `must be between ${SERIES_LIMITS.minStepMs} ms (1s) and 400 d` });
    return z.NEVER;
  }
  return ms;
});

const MetricParamSchema = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a metric name') }).transform((name, ctx) => {
  if (!isMetricName(name)) {
    ctx.addIssue({ code: 'custom', message: `"${name.slice(0, 80)}" is not a known metric (see docs/metrics.md)` });
    return z.NEVER;
  }
  return name as MetricName;
});

const seriesQueryShape = z.object({
  metric: MetricParamSchema,
  from: TimeParamSchema.optional(),
  to: TimeParamSchema.optional(),
  step: StepParamSchema.optional(),
});

/** Checks that need more than one parameter: order, range and (for an entity) the metric's scope. */
function refineQuery(scope: MetricScope | undefined) {
  return (q: z.output<typeof seriesQueryShape>, ctx: z.RefinementCtx) => {
    if (scope && METRICS[q.metric].scope !== scope) {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `${q.metric} is a ${METRICS[q.metric].scope} metric, not a ${scope} metric` });
    }
    if (q.from !== undefined && q.to !== undefined) {
      if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
      else if (q.to - q.from > SERIES_LIMITS.maxRangeMs) ctx.addIssue({ code: 'custom', path: ['from'], message: 'range from … to must not exceed 400 d' });
    }
  };
}

/** Query of a series (any scope); times and step come out as epoch ms / ms. */
export const SeriesQuerySchema = seriesQueryShape.superRefine(refineQuery(undefined));
/** Query of a site's series: the metric must be a site metric. */
export const SiteSeriesQuerySchema = seriesQueryShape.superRefine(refineQuery('site'));
/** Query of a link's series: the metric must be a link metric. */
export const LinkSeriesQuerySchema = seriesQueryShape.superRefine(refineQuery('link'));
/** A parsed series query: metric, and optional from/to (epoch ms) and step (ms). */
export type SeriesQuery = z.output<typeof SeriesQuerySchema>;

/** The query string of a parsed query, in the canonical form every server accepts (epoch ms). */
export function seriesSearchParams(query: SeriesQuery): URLSearchParams {
  const params = new URLSearchParams({ metric: query.metric });
  if (query.from !== undefined) params.set('from', String(query.from));
  if (query.to !== undefined) params.set('to', String(query.to));
  if (query.step !== undefined) params.set('step', String(query.step));
  return params;
}

export const SeriesPointSchema = z.object({
  /** Start of the bucket, epoch ms; the bucket is [t, t + stepMs). */
  t: z.number().int(),
  /** Mean of the samples in the bucket. */
  avg: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** The latest sample in the bucket. */
  last: z.number().optional(),
  /** Counters only: the total increment over the bucket. */
  sum: z.number().optional(),
  /** Samples in the bucket. */
  count: z.number().int().min(1).optional(),
});
/** One point of a series: a bucket's aggregates, in the metric's base unit. */
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const SeriesSchema = z
  .object({
    metric: MetricNameSchema,
    /** The metric's base unit ('' for counts). */
    unit: text(),
    kind: z.enum(['gauge', 'counter']),
    siteId: IdSchema.optional(),
    linkId: IdSchema.optional(),
    resolution: SeriesResolutionSchema,
    stepMs: z.number().int().positive(),
    /** The window the points cover, aligned to the step: [from, to). */
    from: z.number().int(),
    to: z.number().int(),
    /** Buckets holding data, oldest first; empty buckets are left out. */
    points: z.array(SeriesPointSchema).max(SERIES_LIMITS.maxPoints),
  })
  .refine((s) => (s.siteId === undefined) !== (s.linkId === undefined), { message: 'exactly one of siteId and linkId', path: ['siteId'] });
/** A metric's history for one site or link, as the charts draw it. */
export type Series = z.infer<typeof SeriesSchema>;
