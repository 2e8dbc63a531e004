import { z } from 'zod';
import { IdSchema, METRICS, SampleSchema, TELEMETRY_LIMITS, resolveMetricName, type Aggregation, type MetricName, type Sample } from '@corridor/shared';
import type { EntityKind } from './telemetry-store.ts';

/**
 * OTLP/HTTP JSON metrics (ExportMetricsServiceRequest) → Corridor samples.
 *
 * - Gauge and sum points are read; histogram, exponential histogram and summary points are rejected.
 * - The entity comes from the `site.id` or `link.id` attribute of the resource (a point's own
 *   attribute of the same key overrides it) and must fit the metric's scope.
 * - Names are mapped with the catalogue (`resolveMetricName`: ours as-is, DCGM and OpenTelemetry
 *   counterparts with their factor); one point may feed two metrics (DCGM_FI_DEV_GPU_TEMP → mean, max).
 * - Per-device points of one request for the same metric, entity and millisecond are combined with
 *   the counterpart's aggregation (sum, mean, max); send all devices of an instant in one request.
 * - Values are read as the OTLP JSON mapping (proto3 JSON) writes them: `asDouble` a number, a quoted
 *   decimal, "NaN", "Infinity" or "-Infinity"; int64 fields (`asInt`, times) a decimal string or an
 *   integer. Anything else (hex, binary, blank, padded) rejects the point with its reason, never read
 *   through `Number()` (which takes "0x10" as 16 and "" as 0).
 * - Counters store increments. A cumulative sum (aggregationTemporality 2) is turned into deltas
 *   against the previous point of the same series (name, entity, point attributes) kept in memory.
 *   The first point of a series with a known startTimeUnixNano (non-zero) counts its whole value (all
 *   of it was counted since that start); without one, it only sets the baseline. A drop or a new
 *   startTimeUnixNano is a reset (the increment is the new value), a repeat of the last point stores
 *   nothing, an older point is rejected. The memory is lost on restart: the first point after it
 *   counts again from its start (or sets the baseline). DCGM_FI_DEV_XID_ERRORS (the last XID code) counts its changes the
 *   same way. A delta sum (1) or a gauge point feeding a counter is taken as the increment.
 * - timeUnixNano is truncated to milliseconds.
 */

/** proto3 JSON int64: a decimal string or an integer (never hex, blank or padded text). */
const Int64Schema = z.union([z.string().regex(/^-?\d{1,20}$/, 'must be an int64 as a decimal string or an integer'), z.number().int()]);
/** A quoted double as the JSON number grammar writes it; "NaN", "Infinity" and "-Infinity" are the mapping's only words. */
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DOUBLE_WORDS = new Set(['NaN', 'Infinity', '-Infinity']);
const DOUBLE_RULE = 'must be an OTLP JSON double: a number, a decimal string, "NaN", "Infinity" or "-Infinity"';
const DoubleSchema = z.union([z.number(), z.string().refine((t) => DECIMAL.test(t) || DOUBLE_WORDS.has(t), DOUBLE_RULE)], { error: DOUBLE_RULE });

const AnyValueSchema = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: Int64Schema.optional(),
  doubleValue: DoubleSchema.optional(),
});
const KeyValueSchema = z.object({ key: z.string(), value: z.union([AnyValueSchema, z.null()]).optional() });
const AttributesSchema = z.array(KeyValueSchema);
const PointsSchema = z.object({ dataPoints: z.array(z.unknown()).optional() });

/** The envelope down to each metric's data points; the points themselves are checked one by one. */
export const OtlpEnvelopeSchema = z.object({
  resourceMetrics: z
    .array(
      z.object({
        resource: z.object({ attributes: AttributesSchema.optional() }).optional(),
        scopeMetrics: z
          .array(
            z.object({
              metrics: z
                .array(
                  z.object({
                    name: z.string().min(1).max(255),
                    gauge: PointsSchema.optional(),
                    sum: PointsSchema.extend({
                      aggregationTemporality: z.union([z.number(), z.string()]).optional(),
                      isMonotonic: z.boolean().optional(),
                    }).optional(),
                    histogram: PointsSchema.optional(),
                    exponentialHistogram: PointsSchema.optional(),
                    summary: PointsSchema.optional(),
                  }),
                )
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type OtlpEnvelope = z.infer<typeof OtlpEnvelopeSchema>;

const DataPointSchema = z.object({
  attributes: AttributesSchema.optional(),
  startTimeUnixNano: Int64Schema.optional(),
  timeUnixNano: Int64Schema,
  asDouble: DoubleSchema.optional(),
  asInt: Int64Schema.optional(),
  flags: z.number().int().optional(),
});

const DELTA = 1;
const CUMULATIVE = 2;
const TEMPORALITY: Record<string, number> = { AGGREGATION_TEMPORALITY_DELTA: DELTA, AGGREGATION_TEMPORALITY_CUMULATIVE: CUMULATIVE };
/** OTLP's DataPointFlags.FLAG_NO_RECORDED_VALUE: a staleness marker, not a reading. */
const FLAG_NO_RECORDED_VALUE = 1;

type Attributes = Record<string, string | number | boolean>;

function toAttributes(list: z.infer<typeof AttributesSchema> | undefined): Attributes {
  const out: Attributes = {};
  for (const { key, value } of list ?? []) {
    if (!value) continue;
    if (value.stringValue !== undefined) out[key] = value.stringValue;
    else if (value.boolValue !== undefined) out[key] = value.boolValue;
    else if (value.intValue !== undefined) out[key] = Number(value.intValue);
    else if (value.doubleValue !== undefined) out[key] = Number(value.doubleValue);
  }
  return out;
}

function issueText(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** One OTLP data point, checked and mapped, waiting for the entity check and the counter state. */
export interface PointCandidate {
  /** Position in the request, e.g. resourceMetrics[0].scopeMetrics[0].metrics[2].gauge.dataPoints[5]. */
  path: string;
  name: string;
  entityKind: EntityKind;
  entityId: string;
  atMs: number;
  /** Start of a cumulative series (ns, as text), when given. */
  startNs?: string;
  /** Points and series keys used by the counter state: name, entity and the point's own attributes. */
  seriesKey: string;
  targets: { metric: MetricName; value: number; aggregation: Aggregation | 'as-is'; mode: 'value' | 'cumulative' | 'count-changes' }[];
}

export interface PointRejection {
  path: string;
  name: string;
  reason: string;
}

export interface ParsedRequest {
  candidates: PointCandidate[];
  rejected: PointRejection[];
  /** Data points in the request (accepted or not). */
  total: number;
}

/** Reads every data point of a well-formed envelope: candidates, or rejections with a reason each. */
export function readOtlpPoints(envelope: OtlpEnvelope, nowMs: number, oldestMs: number): ParsedRequest {
  const candidates: PointCandidate[] = [];
  const rejected: PointRejection[] = [];
  let total = 0;
  envelope.resourceMetrics?.forEach((rm, r) => {
    const resourceAttributes = toAttributes(rm.resource?.attributes);
    rm.scopeMetrics?.forEach((sm, s) => {
      sm.metrics?.forEach((metric, m) => {
        const base = `resourceMetrics[${r}].scopeMetrics[${s}].metrics[${m}]`;
        for (const kind of ['histogram', 'exponentialHistogram', 'summary'] as const) {
          metric[kind]?.dataPoints?.forEach((_, p) => {
            total++;
            rejected.push({ path: `${base}.${kind}.dataPoints[${p}]`, name: metric.name, reason: `${kind} points are not supported (gauge and sum only)` });
          });
        }
        const sources = [
          ...(metric.gauge ? [{ type: 'gauge' as const, points: metric.gauge.dataPoints ?? [], temporality: undefined }] : []),
          ...(metric.sum ? [{ type: 'sum' as const, points: metric.sum.dataPoints ?? [], temporality: metric.sum.aggregationTemporality }] : []),
        ];
        for (const { type, points, temporality } of sources) {
          points.forEach((raw, p) => {
            total++;
            const path = `${base}.${type}.dataPoints[${p}]`;
            const result = readPoint(raw, { name: metric.name, type, temporality, resourceAttributes, nowMs, oldestMs, path });
            if (typeof result === 'string') rejected.push({ path, name: metric.name, reason: result });
            else if (result) candidates.push(result);
          });
        }
      });
    });
  });
  return { candidates, rejected, total };
}

interface PointContext {
  name: string;
  type: 'gauge' | 'sum';
  temporality: number | string | undefined;
  resourceAttributes: Attributes;
  nowMs: number;
  oldestMs: number;
  path: string;
}

/** A candidate, a reason to reject, or null for a point that carries no reading (a staleness marker). */
function readPoint(raw: unknown, ctx: PointContext): PointCandidate | string | null {
  const parsed = DataPointSchema.safeParse(raw);
  if (!parsed.success) return issueText(parsed.error);
  const point = parsed.data;
  if (point.flags !== undefined && (point.flags & FLAG_NO_RECORDED_VALUE) !== 0) return null;

  const ns = BigInt(point.timeUnixNano);
  const atMs = Number(ns / 1_000_000n);
  if (ns <= 0n || atMs < TELEMETRY_LIMITS.minAtMs || atMs >= TELEMETRY_LIMITS.maxAtMs) return 'timeUnixNano: must be a time within 2000 … 2100 (ns since the epoch)';
  if (atMs > ctx.nowMs + TELEMETRY_LIMITS.maxFutureSkewMs) return "timeUnixNano: more than 5 minutes ahead of the receiver's clock";
  if (atMs < ctx.oldestMs) return 'timeUnixNano: older than the raw retention window';

  let value: number;
  if (point.asDouble !== undefined && point.asInt !== undefined) return 'a point carries one of asDouble and asInt, not both';
  if (point.asDouble !== undefined) value = Number(point.asDouble);
  else if (point.asInt !== undefined) value = Number(point.asInt);
  else return 'no value (asDouble or asInt)';
  if (!Number.isFinite(value)) return 'value must be a finite number';

  const pointAttributes = toAttributes(point.attributes);
  const attributes = { ...ctx.resourceAttributes, ...pointAttributes };
  const siteId = attributes['site.id'];
  const linkId = attributes['link.id'];
  if (siteId !== undefined && linkId !== undefined) return 'a point belongs to a site or a link: site.id and link.id are both set';
  if (siteId === undefined && linkId === undefined) return 'no site.id or link.id attribute on the resource or the point';
  const entityKind: EntityKind = siteId !== undefined ? 'site' : 'link';
  const entityKey = entityKind === 'site' ? 'site.id' : 'link.id';
  const entity = IdSchema.safeParse(siteId ?? linkId);
  if (!entity.success) return `${entityKey}: ${entity.error.issues[0]?.message ?? 'invalid'}`;

  const resolved = resolveMetricName(ctx.name, attributes);
  if (resolved.length === 0) return `unknown metric "${ctx.name.slice(0, 80)}" (see docs/metrics.md for the names accepted)`;
  const wrongScope = resolved.find((t) => METRICS[t.metric].scope !== entityKind);
  if (wrongScope) return `${ctx.name} maps to ${wrongScope.metric}, a ${METRICS[wrongScope.metric].scope} metric: it needs ${METRICS[wrongScope.metric].scope}.id`;

  const temporality = typeof ctx.temporality === 'string' ? (Object.hasOwn(TEMPORALITY, ctx.temporality) ? TEMPORALITY[ctx.temporality]! : 0) : (ctx.temporality ?? 0);
  const targets: PointCandidate['targets'] = [];
  for (const target of resolved) {
    let mode: PointCandidate['targets'][number]['mode'] = 'value';
    if (METRICS[target.metric].kind === 'counter') {
      if (target.aggregation === 'count-changes') mode = 'count-changes';
      else if (ctx.type === 'sum') {
        if (temporality === CUMULATIVE) mode = 'cumulative';
        else if (temporality !== DELTA) return 'sum.aggregationTemporality must be 1 (delta) or 2 (cumulative) for a counter';
      }
    }
    targets.push({ metric: target.metric, value: value * target.factor, aggregation: target.aggregation, mode });
  }

  const identity = Object.entries(pointAttributes)
    .filter(([k]) => k !== 'site.id' && k !== 'link.id')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    path: ctx.path,
    name: ctx.name,
    entityKind,
    entityId: entity.data,
    atMs,
    ...(point.startTimeUnixNano !== undefined ? { startNs: String(point.startTimeUnixNano) } : {}),
    seriesKey: `${ctx.name}|${entityKind}:${entity.data}|${JSON.stringify(identity)}`,
    targets,
  };
}

interface CounterState {
  atMs: number;
  value: number;
  startNs?: string;
}

/**
 * The last reading of every cumulative series (and XID-code series) seen, to turn readings into
 * increments. Bounded: past `maxSeries` the least recently updated series are forgotten.
 */
export class CounterMemory {
  private readonly last = new Map<string, CounterState>();

  constructor(private readonly maxSeries = 100_000) {}

  get size(): number {
    return this.last.size;
  }

  get(key: string): CounterState | undefined {
    return this.last.get(key);
  }

  set(key: string, state: CounterState): void {
    this.last.delete(key);
    this.last.set(key, state);
    if (this.last.size > this.maxSeries) this.last.delete(this.last.keys().next().value!);
  }
}

export interface ConvertedRequest {
  samples: Sample[];
  rejected: PointRejection[];
  /** Applies the counter readings of the accepted points; call once they are stored. */
  commit(): void;
}

/**
 * Turns checked candidates into samples: readings of cumulative series into increments (staged, applied
 * by `commit`), points of the same metric, entity and instant combined with their aggregation, and
 * each sample checked against the catalogue (a point whose sample fails is rejected, all of its
 * samples with it).
 */
export function toSamples(candidates: readonly PointCandidate[], memory: CounterMemory): ConvertedRequest {
  const rejected: PointRejection[] = [];
  const staged = new Map<string, CounterState>();
  const reject = (c: PointCandidate, reason: string) => rejected.push({ path: c.path, name: c.name, reason });

  // Increments of stateful series, in time order within the request.
  type Contribution = { candidate: number; metric: MetricName; value: number; aggregation: Aggregation | 'as-is' };
  const contributions: Contribution[] = [];
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.atMs - candidates[b]!.atMs);
  for (const i of order) {
    const c = candidates[i]!;
    const own: Contribution[] = [];
    let problem: string | undefined;
    for (const target of c.targets) {
      if (target.mode === 'value') {
        own.push({ candidate: i, metric: target.metric, value: target.value, aggregation: target.aggregation });
        continue;
      }
      const key = `${c.seriesKey}|${target.metric}`;
      const previous = staged.get(key) ?? memory.get(key);
      const reading: CounterState = { atMs: c.atMs, value: target.value, ...(c.startNs ? { startNs: c.startNs } : {}) };
      if (previous && c.atMs < previous.atMs) {
        problem = `older than the last point of this ${target.mode === 'cumulative' ? 'cumulative' : 'XID'} series (${new Date(previous.atMs).toISOString()})`;
        break;
      }
      staged.set(key, reading);
      if (!previous) {
        // A cumulative series seen for the first time: with a known start, its value is what was counted since then.
        if (target.mode === 'cumulative' && c.startNs !== undefined && BigInt(c.startNs) > 0n) {
          own.push({ candidate: i, metric: target.metric, value: target.value, aggregation: target.aggregation });
        }
        continue; // otherwise a baseline
      }
      if (c.atMs === previous.atMs) continue; // a repeat: no increment to store
      let increment: number;
      if (target.mode === 'count-changes') increment = target.value !== previous.value ? 1 : 0;
      else {
        const restarted = (c.startNs !== undefined && previous.startNs !== undefined && c.startNs !== previous.startNs) || target.value < previous.value;
        increment = restarted ? target.value : target.value - previous.value;
      }
      own.push({ candidate: i, metric: target.metric, value: increment, aggregation: target.aggregation === 'count-changes' ? 'sum' : target.aggregation });
    }
    if (problem) reject(c, problem);
    else contributions.push(...own);
  }

  // Combine per (metric, entity, instant); drop every point whose sample fails, until all pass.
  const dropped = new Set<number>();
  for (;;) {
    const groups = new Map<string, Contribution[]>();
    for (const k of contributions) {
      if (dropped.has(k.candidate)) continue;
      const c = candidates[k.candidate]!;
      const key = `${k.metric}|${c.entityKind}:${c.entityId}|${c.atMs}`;
      const list = groups.get(key);
      if (list) list.push(k);
      else groups.set(key, [k]);
    }
    const samples: Sample[] = [];
    let failed = false;
    for (const group of groups.values()) {
      const first = group[0]!;
      const c = candidates[first.candidate]!;
      const values = group.map((k) => k.value);
      const value =
        first.aggregation === 'sum'
          ? values.reduce((a, b) => a + b, 0)
          : first.aggregation === 'mean'
            ? values.reduce((a, b) => a + b, 0) / values.length
            : first.aggregation === 'max'
              ? Math.max(...values)
              : first.value; // our own name: one reading per instant; a repeat is a duplicate
      const sample = { metric: first.metric, [c.entityKind === 'site' ? 'siteId' : 'linkId']: c.entityId, at: c.atMs, value };
      const check = SampleSchema.safeParse(sample);
      if (check.success) {
        samples.push(check.data);
        continue;
      }
      failed = true;
      const reason = `${first.metric}: ${issueText(check.error)}`;
      for (const k of group) {
        if (dropped.has(k.candidate)) continue;
        dropped.add(k.candidate);
        reject(candidates[k.candidate]!, reason);
      }
    }
    if (!failed) {
      return {
        samples,
        rejected,
        commit: () => {
          for (const [key, state] of staged) memory.set(key, state);
        },
      };
    }
  }
}
