import { z } from 'zod';
import { IdSchema } from './schemas/common.ts';

/**
 * The metric catalogue: the single source of Corridor's telemetry names and units.
 *
 * Prometheus naming: base units in the name (watts, joules, celsius, seconds), ratios 0–1 with
 * `_ratio`, counters end in `_total`. The one exception to "ratios are 0–1" is `site_pue_ratio`,
 * a dimensionless ratio ≥ 1 (facility ÷ IT); its bounds say so. The UI converts with `toDisplay`
 * (W → kW, s → ms, J → kWh). docs/metrics.md holds the rendered table (`renderMetricsTable`); a test
 * keeps the two identical.
 *
 * Counter samples carry the increment over the sample's window (OTLP delta temporality), never a
 * running total: a store sums them over a range. The OTLP ingest turns cumulative sums into deltas.
 */

export const METRIC_SCOPES = ['site', 'link'] as const;
export type MetricScope = (typeof METRIC_SCOPES)[number];
export type MetricKind = 'gauge' | 'counter';
/** Prometheus base unit ('' for a dimensionless count such as GPUs or errors). */
export type MetricUnit = 'watts' | 'joules' | 'celsius' | 'seconds' | 'ratio' | 'grams_per_kilowatt_hour' | '';
export type CounterpartSource = 'dcgm' | 'otel' | 'redfish';
/** How per-device readings roll up into the per-site (or per-link) value. */
export type Aggregation = 'sum' | 'mean' | 'max' | 'count-changes';

/** An external metric (DCGM field, OpenTelemetry instrument, Redfish property) that means ours. */
export interface Counterpart {
  /** The external name exactly as its source spells it. */
  readonly name: string;
  /** Multiply the external value by this to get ours in our base unit. */
  readonly factor: number;
  readonly aggregation: Aggregation;
  /** Attributes the external point must carry to mean this metric (e.g. `hw.type=gpu`). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly note?: string;
}
type Counterparts = Readonly<Partial<Record<CounterpartSource, Counterpart | readonly Counterpart[]>>>;

export interface MetricSpec {
  readonly name: string;
  readonly scope: MetricScope;
  readonly kind: MetricKind;
  readonly unit: MetricUnit;
  /** Unit shown in the console. */
  readonly displayUnit: string;
  /** Multiply a base-unit value by this to get the display value. */
  readonly toDisplay: number;
  /** Valid range of one sample, in base units (inclusive). */
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly help: string;
  readonly counterparts: Counterparts;
}

const W = { unit: 'watts', displayUnit: 'kW', toDisplay: 1e-3, min: 0, max: 5e9 } as const;
const J = { unit: 'joules', displayUnit: 'kWh', toDisplay: 1 / 3.6e6, min: 0, max: 1e15 } as const;
const C = { unit: 'celsius', displayUnit: '°C', toDisplay: 1, min: -90, max: 150 } as const;
const RATIO = { unit: 'ratio', displayUnit: '%', toDisplay: 100, min: 0, max: 1 } as const;
const COUNT = { unit: '', toDisplay: 1, min: 0, max: 1e9, integer: true } as const;
const GPU_TEMP = (aggregation: 'mean' | 'max') =>
  ({
    dcgm: { name: 'DCGM_FI_DEV_GPU_TEMP', factor: 1, aggregation },
    redfish: { name: 'TemperatureCelsius.Reading', factor: 1, aggregation, note: 'EnvironmentMetrics of each GPU Processor' },
  }) as const;

function define<const T extends Record<string, Omit<MetricSpec, 'name'>>>(defs: T): { readonly [K in keyof T]: T[K] & { readonly name: K } } {
  return Object.fromEntries(Object.entries(defs).map(([name, spec]) => [name, { name, ...spec }])) as never;
}

export const METRICS = define({
  site_facility_power_watts: {
    scope: 'site',
    kind: 'gauge',
    ...W,
    help: 'Power drawn by the whole facility (IT, cooling, power conversion, lighting) at the utility meter.',
    counterparts: { redfish: { name: 'PowerWatts.Reading', factor: 1, aggregation: 'sum', note: 'facility mains (PowerDistribution, PhysicalContext ACUtilityInput)' } },
  },
  site_it_power_watts: {
    scope: 'site',
    kind: 'gauge',
    ...W,
    help: 'Power drawn by IT equipment (servers with their GPUs, storage, network).',
    counterparts: {
      otel: { name: 'hw.host.power', factor: 1, aggregation: 'sum', note: "over the site's physical hosts" },
      redfish: { name: 'PowerWatts.Reading', factor: 1, aggregation: 'sum', note: 'rack PDU outlets (PowerDistribution)' },
    },
  },
  gpu_power_watts: {
    scope: 'site',
    kind: 'gauge',
    ...W,
    help: "Board power of the site's GPUs, summed (a part of IT power).",
    counterparts: {
      dcgm: { name: 'DCGM_FI_DEV_POWER_USAGE', factor: 1, aggregation: 'sum' },
      otel: { name: 'hw.power', factor: 1, aggregation: 'sum', attributes: { 'hw.type': 'gpu' } },
      redfish: { name: 'PowerWatts.Reading', factor: 1, aggregation: 'sum', note: 'EnvironmentMetrics of each GPU Processor' },
    },
  },
  site_facility_energy_joules_total: {
    scope: 'site',
    kind: 'counter',
    ...J,
    help: 'Facility energy over the sample window; the official PUE is facility ÷ IT energy over a year.',
    counterparts: { redfish: { name: 'EnergykWh.Reading', factor: 3.6e6, aggregation: 'sum', note: 'facility mains; difference of readings' } },
  },
  site_it_energy_joules_total: {
    scope: 'site',
    kind: 'counter',
    ...J,
    help: 'IT energy over the sample window.',
    counterparts: {
      otel: [
        { name: 'hw.host.energy', factor: 1, aggregation: 'sum', note: "over the site's physical hosts" },
        { name: 'hw.energy', factor: 1, aggregation: 'sum', note: 'only when components do not overlap' },
      ],
    },
  },
  site_pue_ratio: {
    scope: 'site',
    kind: 'gauge',
    unit: 'ratio',
    displayUnit: '',
    toDisplay: 1,
    min: 1,
    max: 20,
    help: 'Interim PUE: facility ÷ IT power over the sample window (≥ 1). The official figure is annual energy.',
    counterparts: {},
  },
  gpu_sm_active_ratio: {
    scope: 'site',
    kind: 'gauge',
    ...RATIO,
    help: "Mean fraction of time the site's GPUs had a streaming multiprocessor active.",
    counterparts: {
      dcgm: { name: 'DCGM_FI_PROF_SM_ACTIVE', factor: 1, aggregation: 'mean', note: 'preferred over DCGM_FI_DEV_GPU_UTIL' },
      otel: { name: 'hw.gpu.utilization', factor: 1, aggregation: 'mean' },
    },
  },
  gpu_temperature_mean_celsius: {
    scope: 'site',
    kind: 'gauge',
    ...C,
    help: "Mean GPU die temperature over the site's GPUs.",
    counterparts: GPU_TEMP('mean'),
  },
  gpu_temperature_max_celsius: {
    scope: 'site',
    kind: 'gauge',
    ...C,
    help: 'Hottest GPU die temperature at the site.',
    counterparts: GPU_TEMP('max'),
  },
  gpu_xid_errors_total: {
    scope: 'site',
    kind: 'counter',
    ...COUNT,
    displayUnit: 'errors',
    help: 'GPU XID errors reported during the sample window.',
    counterparts: {
      dcgm: { name: 'DCGM_FI_DEV_XID_ERRORS', factor: 1, aggregation: 'count-changes', note: 'the field holds the last XID code: count its changes' },
      otel: { name: 'hw.errors', factor: 1, aggregation: 'sum', attributes: { 'hw.type': 'gpu' } },
    },
  },
  site_ambient_temperature_celsius: {
    scope: 'site',
    kind: 'gauge',
    ...C,
    help: 'Outdoor air temperature at the site.',
    counterparts: { otel: { name: 'hw.temperature', factor: 1, aggregation: 'mean', attributes: { 'hw.sensor_location': 'AMBIENT' } } },
  },
  site_inlet_temperature_celsius: {
    scope: 'site',
    kind: 'gauge',
    ...C,
    help: 'Supply temperature at the IT equipment: air inlet, or coolant inlet for liquid-cooled halls.',
    counterparts: {
      otel: [
        { name: 'hw.temperature', factor: 1, aggregation: 'mean', attributes: { 'hw.sensor_location': 'INLET' } },
        { name: 'hw.host.ambient_temperature', factor: 1, aggregation: 'mean', note: "a host's intake air" },
      ],
      redfish: { name: 'TemperatureCelsius.Reading', factor: 1, aggregation: 'mean', note: 'sensors with PhysicalContext Intake or LiquidInlet' },
    },
  },
  site_renewable_share_ratio: {
    scope: 'site',
    kind: 'gauge',
    ...RATIO,
    help: 'Share of facility power from on-site solar plus the low-carbon share of grid power.',
    counterparts: {},
  },
  site_carbon_intensity_grams_per_kilowatt_hour: {
    scope: 'site',
    kind: 'gauge',
    unit: 'grams_per_kilowatt_hour',
    displayUnit: 'gCO2/kWh',
    toDisplay: 1,
    min: 0,
    max: 2000,
    help: 'Carbon intensity of the power the facility draws (grid figure × grid share; on-site solar counts zero).',
    counterparts: {},
  },
  site_solar_power_watts: {
    scope: 'site',
    kind: 'gauge',
    ...W,
    help: 'Output of the on-site photovoltaic plant.',
    counterparts: {},
  },
  site_gpus_busy: {
    scope: 'site',
    kind: 'gauge',
    ...COUNT,
    displayUnit: 'GPUs',
    help: 'GPUs allocated to workloads.',
    counterparts: {},
  },
  site_gpus_free: {
    scope: 'site',
    kind: 'gauge',
    ...COUNT,
    displayUnit: 'GPUs',
    help: 'GPUs available and not allocated.',
    counterparts: {},
  },
  site_availability_ratio: {
    scope: 'site',
    kind: 'gauge',
    ...RATIO,
    help: "Share of the site's GPUs in service (0 when the site is down).",
    counterparts: {},
  },
  link_rtt_seconds: {
    scope: 'link',
    kind: 'gauge',
    unit: 'seconds',
    displayUnit: 'ms',
    toDisplay: 1e3,
    min: 0,
    max: 60,
    help: 'Round-trip time between the two ends of the link.',
    counterparts: {},
  },
  link_loss_ratio: {
    scope: 'link',
    kind: 'gauge',
    ...RATIO,
    help: 'Share of probe packets lost between the two ends.',
    counterparts: {},
  },
  link_utilization_ratio: {
    scope: 'link',
    kind: 'gauge',
    ...RATIO,
    help: "Share of the link's capacity in use.",
    counterparts: { otel: { name: 'hw.network.bandwidth.utilization', factor: 1, aggregation: 'max' } },
  },
});

export type MetricName = keyof typeof METRICS;
export type SiteMetricName = { [K in MetricName]: (typeof METRICS)[K]['scope'] extends 'site' ? K : never }[MetricName];
export type LinkMetricName = Exclude<MetricName, SiteMetricName>;

export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];
export const MetricNameSchema = z.enum(METRIC_NAMES);
export const SITE_METRICS = METRIC_NAMES.filter((n) => METRICS[n].scope === 'site') as SiteMetricName[];
export const LINK_METRICS = METRIC_NAMES.filter((n) => METRICS[n].scope === 'link') as LinkMetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/** A base-unit value in the unit the console shows (W → kW, s → ms, ratio → %). */
export function toDisplayValue(metric: MetricName, value: number): number {
  return value * METRICS[metric].toDisplay;
}

/** Limits of the telemetry API, shared by ingest and clients. */
export const TELEMETRY_LIMITS = {
  /** Samples in one `POST /v1/telemetry` batch, and data points in one `POST /v1/metrics` request. */
  maxSamplesPerBatch: 10_000,
  /** Body limit of the telemetry endpoints: 10,000 samples at ≈ 100–150 bytes each. */
  maxBodyBytes: 2_000_000,
  /** Sample times are epoch milliseconds within [2000-01-01, 2100-01-01). */
  minAtMs: Date.UTC(2000, 0, 1),
  maxAtMs: Date.UTC(2100, 0, 1),
  /** How far ahead of the receiver's clock a sample may be (checked by the ingest, not the schema). */
  maxFutureSkewMs: 5 * 60_000,
} as const;

export const SampleSchema = z
  .strictObject({
    metric: MetricNameSchema,
    siteId: IdSchema.optional(),
    linkId: IdSchema.optional(),
    /** Epoch milliseconds (UTC). */
    at: z
      .number()
      .int()
      .min(TELEMETRY_LIMITS.minAtMs)
      .max(TELEMETRY_LIMITS.maxAtMs - 1),
    /** In the metric's base unit; finite (zod 4 rejects NaN and ±Infinity). */
    value: z.number(),
  })
  .superRefine((s, ctx) => {
    const spec: MetricSpec = METRICS[s.metric];
    const own = spec.scope === 'site' ? 'siteId' : 'linkId';
    const other = spec.scope === 'site' ? 'linkId' : 'siteId';
    if (s[own] === undefined) ctx.addIssue({ code: 'custom', path: [own], message: `${s.metric} is a ${spec.scope} metric: ${own} is required` });
    if (s[other] !== undefined) ctx.addIssue({ code: 'custom', path: [other], message: `${s.metric} is a ${spec.scope} metric: ${other} is not allowed` });
    if (s.value < spec.min || s.value > spec.max) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${s.metric} must be within [${spec.min}, ${spec.max}] ${spec.unit || 'count'}` });
    } else if (spec.integer && !Number.isInteger(s.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${s.metric} must be a whole number` });
    }
  });
/** One telemetry sample: a metric's value for one site or link at one instant. */
export type Sample = z.infer<typeof SampleSchema>;

export const SampleBatchSchema = z.strictObject({
  samples: z.array(SampleSchema).min(1).max(TELEMETRY_LIMITS.maxSamplesPerBatch),
});
export type SampleBatch = z.infer<typeof SampleBatchSchema>;

/** Validates samples one by one: good ones kept, each bad one rejected with its reason (partial success). */
export function partitionSamples(items: readonly unknown[]): { accepted: Sample[]; rejected: { index: number; reason: string }[] } {
  const accepted: Sample[] = [];
  const rejected: { index: number; reason: string }[] = [];
  items.forEach((item, index) => {
    const r = SampleSchema.safeParse(item);
    if (r.success) accepted.push(r.data);
    else rejected.push({ index, reason: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') });
  });
  return { accepted, rejected };
}

/** Where an external (or our own) name lands in the catalogue. */
export interface MetricTarget {
  readonly metric: MetricName;
  readonly source: CounterpartSource | 'corridor';
  readonly factor: number;
  readonly aggregation: Aggregation | 'as-is';
}

const asList = (c: Counterpart | readonly Counterpart[] | undefined): readonly Counterpart[] => (c === undefined ? [] : Array.isArray(c) ? c : [c as Counterpart]);

/** Every counterpart of every metric, flattened. */
export const COUNTERPARTS: readonly (Counterpart & { metric: MetricName; source: CounterpartSource })[] = METRIC_NAMES.flatMap((metric) =>
  (['dcgm', 'otel', 'redfish'] as const).flatMap((source) => asList((METRICS[metric].counterparts as Counterparts)[source]).map((c) => ({ ...c, metric, source }))),
);

/**
 * Maps a metric name as received (ours, a DCGM field or an OpenTelemetry instrument) to our
 * metric(s). `attributes` are the point's attributes; the most specific match wins (e.g. `hw.power`
 * with `hw.type=gpu` → gpu_power_watts). `DCGM_FI_DEV_GPU_TEMP` feeds both the mean and the max.
 * Redfish properties are not resolved: their meaning depends on the resource, not the name.
 * Returns [] for an unknown name.
 */
export function resolveMetricName(name: string, attributes: Readonly<Record<string, unknown>> = {}): MetricTarget[] {
  if (isMetricName(name)) return [{ metric: name, source: 'corridor', factor: 1, aggregation: 'as-is' }];
  const matching = COUNTERPARTS.filter((c) => c.source !== 'redfish' && c.name === name && Object.entries(c.attributes ?? {}).every(([k, v]) => attributes[k] === v));
  const best = Math.max(0, ...matching.map((c) => Object.keys(c.attributes ?? {}).length));
  return matching.filter((c) => Object.keys(c.attributes ?? {}).length === best).map((c) => ({ metric: c.metric, source: c.source, factor: c.factor, aggregation: c.aggregation }));
}

/** Our metric for an OpenTelemetry/DCGM (or our own) name — the first of `resolveMetricName`. */
export function fromOtelName(name: string, attributes?: Readonly<Record<string, unknown>>): MetricName | undefined {
  return resolveMetricName(name, attributes)[0]?.metric;
}

function cell(c: Counterpart | readonly Counterpart[] | undefined): string {
  const list = asList(c);
  if (list.length === 0) return '—';
  return list
    .map((p) => {
      const attrs = Object.entries(p.attributes ?? {}).map(([k, v]) => `${k}=${v}`);
      const how = [p.aggregation, ...(p.factor !== 1 ? [`× ${p.factor}`] : []), ...attrs.map((a) => `\`${a}\``), ...(p.note ? [p.note] : [])];
      return `\`${p.name}\` (${how.join(', ')})`;
    })
    .join('; ');
}

/** The documented mapping table (docs/metrics.md embeds it verbatim). */
export function renderMetricsTable(): string {
  const head = ['Metric', 'Unit', 'Kind', 'Scope', 'Shown as', 'Meaning', 'DCGM', 'OpenTelemetry', 'Redfish'];
  const rows = METRIC_NAMES.map((n) => {
    const m: MetricSpec = METRICS[n];
    const shown = m.toDisplay === 1 ? m.displayUnit || '—' : `${m.displayUnit} (× ${m.toDisplay === 1 / 3.6e6 ? '1/3.6e6' : m.toDisplay})`;
    return [`\`${n}\``, m.unit || '— (count)', m.kind, m.scope, shown, m.help, cell(m.counterparts.dcgm), cell(m.counterparts.otel), cell(m.counterparts.redfish)];
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
