import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COUNTERPARTS,
  LINK_METRICS,
  METRIC_NAMES,
  METRICS,
  MetricNameSchema,
  SITE_METRICS,
  SampleBatchSchema,
  SampleSchema,
  TELEMETRY_LIMITS,
  fromOtelName,
  partitionSamples,
  renderMetricsTable,
  resolveMetricName,
  toDisplayValue,
} from './metrics.ts';

const at = Date.UTC(2026, 5, 21, 12);
const site = (metric: string, value: number, extra: object = {}) => ({ metric, siteId: 'casa-1', at, value, ...extra });
const link = (metric: string, value: number, extra: object = {}) => ({ metric, linkId: 'medusa-1', at, value, ...extra });
const fieldsOf = (input: unknown) => {
  const r = SampleSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('metric catalogue', () => {
  it('follows Prometheus naming: base units, _ratio, _total on counters only', () => {
    for (const name of METRIC_NAMES) {
      const m = METRICS[name];
      expect(m.name).toBe(name);
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(name.endsWith('_total')).toBe(m.kind === 'counter');
      if (m.unit) expect(name.replace(/_total$/, '').endsWith(`_${m.unit}`)).toBe(true);
      if (m.unit === 'ratio' && name !== 'site_pue_ratio') expect([m.min, m.max]).toEqual([0, 1]);
      expect(name.startsWith(m.scope === 'link' ? 'link_' : '')).toBe(true);
    }
  });

  it('covers the metrics the design asks for, split by scope', () => {
    expect(SITE_METRICS).toEqual(
      expect.arrayContaining([
        'site_facility_power_watts',
        'site_it_power_watts',
        'site_pue_ratio',
        'gpu_sm_active_ratio',
        'gpu_temperature_mean_celsius',
        'gpu_temperature_max_celsius',
        'gpu_xid_errors_total',
        'site_ambient_temperature_celsius',
        'site_inlet_temperature_celsius',
        'site_renewable_share_ratio',
        'site_carbon_intensity_grams_per_kilowatt_hour',
        'site_solar_power_watts',
        'site_gpus_busy',
        'site_gpus_free',
        'site_availability_ratio',
      ]),
    );
    expect(LINK_METRICS).toEqual(['link_rtt_seconds', 'link_loss_ratio', 'link_utilization_ratio']);
    expect(SITE_METRICS.length + LINK_METRICS.length).toBe(METRIC_NAMES.length);
    expect(MetricNameSchema.safeParse('site_pue_ratio').success).toBe(true);
    expect(MetricNameSchema.safeParse('site_pue').success).toBe(false);
  });

  it('converts base units to what the console shows', () => {
    expect(toDisplayValue('site_it_power_watts', 7_500_000)).toBeCloseTo(7500);
    expect(toDisplayValue('link_rtt_seconds', 0.023)).toBeCloseTo(23);
    expect(toDisplayValue('site_it_energy_joules_total', 3.6e6)).toBeCloseTo(1);
    expect(toDisplayValue('site_pue_ratio', 1.2)).toBe(1.2);
  });
});

describe('SampleSchema', () => {
  it('accepts a site sample and a link sample', () => {
    expect(SampleSchema.safeParse(site('site_it_power_watts', 5_000_000)).success).toBe(true);
    expect(SampleSchema.safeParse(link('link_rtt_seconds', 0.023)).success).toBe(true);
  });

  it('requires siteId for a site metric and linkId for a link metric, never the other', () => {
    expect(fieldsOf({ metric: 'site_pue_ratio', at, value: 1.2 })).toEqual(['siteId']);
    expect(fieldsOf(link('site_pue_ratio', 1.2))).toEqual(['siteId', 'linkId']);
    expect(fieldsOf({ metric: 'link_loss_ratio', at, value: 0 })).toEqual(['linkId']);
    expect(fieldsOf(site('link_loss_ratio', 0, { linkId: 'medusa-1' }))).toEqual(['siteId']);
  });

  it('keeps ratios in [0, 1], PUE at least 1, powers non-negative, counts whole', () => {
    expect(fieldsOf(site('gpu_sm_active_ratio', 1))).toEqual([]);
    expect(fieldsOf(site('gpu_sm_active_ratio', 1.01))).toEqual(['value']);
    expect(fieldsOf(link('link_loss_ratio', -0.1))).toEqual(['value']);
    expect(fieldsOf(site('site_pue_ratio', 1.45))).toEqual([]);
    expect(fieldsOf(site('site_pue_ratio', 0.9))).toEqual(['value']);
    expect(fieldsOf(site('site_it_power_watts', -1))).toEqual(['value']);
    expect(fieldsOf(site('site_gpus_busy', 3.5))).toEqual(['value']);
    expect(fieldsOf(site('gpu_xid_errors_total', 2))).toEqual([]);
  });

  it('rejects non-finite values, bad times, unknown metrics and unknown keys', () => {
    expect(fieldsOf(site('site_it_power_watts', Number.NaN))).toEqual(['value']);
    expect(fieldsOf(site('site_it_power_watts', Number.POSITIVE_INFINITY))).toEqual(['value']);
    expect(fieldsOf(site('site_it_power_watts', 1, { at: '2026-06-21T12:00:00Z' }))).toContain('at');
    expect(fieldsOf(site('site_it_power_watts', 1, { at: 1.5 }))).toContain('at');
    expect(fieldsOf(site('site_it_power_watts', 1, { at: TELEMETRY_LIMITS.maxAtMs }))).toContain('at');
    expect(fieldsOf(site('site_it_power_kw', 1))).toContain('metric');
    expect(SampleSchema.safeParse(site('site_it_power_watts', 1, { siteID: 'x' })).success).toBe(false);
    expect(fieldsOf(site('site_it_power_watts', 1, { siteId: 'Not A Slug' }))).toContain('siteId');
  });

  it('says why a sample is rejected', () => {
    const r = SampleSchema.safeParse(site('site_availability_ratio', 2));
    expect(r.error?.issues[0]?.message).toMatch(/site_availability_ratio must be within \[0, 1\] ratio/);
  });
});

describe('SampleBatchSchema and partitionSamples', () => {
  it('accepts up to the batch limit and no more', () => {
    const sample = site('site_gpus_free', 10);
    const ok = Array.from({ length: TELEMETRY_LIMITS.maxSamplesPerBatch }, () => sample);
    expect(SampleBatchSchema.safeParse({ samples: ok }).success).toBe(true);
    expect(SampleBatchSchema.safeParse({ samples: [...ok, sample] }).success).toBe(false);
    expect(SampleBatchSchema.safeParse({ samples: [] }).success).toBe(false);
  });

  it('keeps good samples and rejects each bad one with its index and reason', () => {
    const { accepted, rejected } = partitionSamples([site('site_pue_ratio', 1.2), { metric: 'link_rtt_seconds', at, value: 0.01 }, link('link_loss_ratio', 0.01)]);
    expect(accepted.map((s) => s.metric)).toEqual(['site_pue_ratio', 'link_loss_ratio']);
    expect(rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^linkId: .*linkId is required/) }]);
  });
});

describe('name mapping', () => {
  it('maps DCGM fields to ours', () => {
    expect(fromOtelName('DCGM_FI_PROF_SM_ACTIVE')).toBe('gpu_sm_active_ratio');
    expect(fromOtelName('DCGM_FI_DEV_POWER_USAGE')).toBe('gpu_power_watts');
    expect(fromOtelName('DCGM_FI_DEV_XID_ERRORS')).toBe('gpu_xid_errors_total');
    expect(resolveMetricName('DCGM_FI_DEV_GPU_TEMP').map((t) => [t.metric, t.aggregation])).toEqual([
      ['gpu_temperature_mean_celsius', 'mean'],
      ['gpu_temperature_max_celsius', 'max'],
    ]);
    expect(resolveMetricName('DCGM_FI_DEV_XID_ERRORS')[0]?.aggregation).toBe('count-changes');
  });

  it('maps OpenTelemetry instruments, using attributes to disambiguate', () => {
    expect(fromOtelName('hw.gpu.utilization')).toBe('gpu_sm_active_ratio');
    expect(fromOtelName('hw.power', { 'hw.type': 'gpu' })).toBe('gpu_power_watts');
    expect(fromOtelName('hw.power')).toBeUndefined();
    expect(fromOtelName('hw.host.power')).toBe('site_it_power_watts');
    expect(fromOtelName('hw.energy')).toBe('site_it_energy_joules_total');
    expect(fromOtelName('hw.temperature', { 'hw.sensor_location': 'INLET' })).toBe('site_inlet_temperature_celsius');
    expect(fromOtelName('hw.temperature', { 'hw.sensor_location': 'AMBIENT' })).toBe('site_ambient_temperature_celsius');
    expect(fromOtelName('hw.temperature')).toBeUndefined();
    expect(fromOtelName('hw.errors', { 'hw.type': 'gpu' })).toBe('gpu_xid_errors_total');
  });

  it('passes our own names through, ignores Redfish properties and unknown names', () => {
    expect(resolveMetricName('link_rtt_seconds')).toEqual([{ metric: 'link_rtt_seconds', source: 'corridor', factor: 1, aggregation: 'as-is' }]);
    expect(resolveMetricName('PowerWatts.Reading')).toEqual([]);
    expect(resolveMetricName('DCGM_FI_DEV_GPU_UTIL')).toEqual([]);
    expect(fromOtelName('constructor')).toBeUndefined();
  });

  it('gives every counterpart a positive factor, and Redfish kWh its conversion to joules', () => {
    for (const c of COUNTERPARTS) expect(c.factor).toBeGreaterThan(0);
    expect(COUNTERPARTS.find((c) => c.name === 'EnergykWh.Reading')?.factor).toBe(3.6e6);
  });
});

describe('docs/metrics.md', () => {
  const doc = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');

  it('documents every metric', () => {
    for (const name of METRIC_NAMES) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('embeds the table rendered from METRICS verbatim (regenerate with renderMetricsTable())', () => {
    const between = doc.split('<!-- metrics-table:start -->\n')[1]?.split('\n<!-- metrics-table:end -->')[0];
    expect(between).toBe(renderMetricsTable());
  });
});
