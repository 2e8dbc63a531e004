import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { METRICS, METRIC_NAMES } from '@corridor/shared';
import { STORE_KINDS } from './stores.ts';
import { telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';
import { RAW_SAMPLES } from '../src/telemetry/telemetry-store-sql.ts';

const M = 60_000;
const now = Date.now();

/** A valid sample of a ratio metric (any value in 0–1 is in range) for a site of the fleet. */
const validSample = fc.record({
  metric: fc.constantFrom('gpu_sm_active_ratio', 'site_renewable_share_ratio', 'site_availability_ratio'),
  siteId: fc.constantFrom('site-a', 'site-b'),
  at: fc.integer({ min: now - 30 * M, max: now }),
  value: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** Something close to a sample: right or wrong in one or more fields, or not a sample at all. */
const sampleish = fc.oneof(
  validSample,
  fc.record(
    {
      metric: fc.oneof(fc.constantFrom(...METRIC_NAMES), fc.string()),
      siteId: fc.oneof(fc.constantFrom('site-a', 'site-b', 'atlantis'), fc.string()),
      linkId: fc.oneof(fc.constant('link-a-b'), fc.string()),
      at: fc.oneof(fc.integer({ min: now - 30 * M, max: now }), fc.integer(), fc.double(), fc.string()),
      value: fc.oneof(fc.double({ min: 0, max: 1 }), fc.double(), fc.integer(), fc.constant(null)),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);

const anyValue = fc.oneof(
  fc.record({ stringValue: fc.oneof(fc.constantFrom('site-a', 'site-b', 'link-a-b', 'gpu', 'nowhere'), fc.string()) }),
  fc.record({ intValue: fc.oneof(fc.string(), fc.integer()) }),
  fc.jsonValue(),
);
const keyValue = fc.record({ key: fc.oneof(fc.constantFrom('site.id', 'link.id', 'hw.type', 'gpu'), fc.string()), value: anyValue }, { requiredKeys: [] });
const timeNano = fc.oneof(
  fc.integer({ min: now - 30 * M, max: now }).map((ms) => (BigInt(ms) * 1_000_000n + 123n).toString()),
  fc.string(),
  fc.bigInt().map(String),
  fc.double(),
);
const dataPoint = fc.oneof(
  fc.record(
    {
      timeUnixNano: timeNano,
      startTimeUnixNano: timeNano,
      asDouble: fc.oneof(fc.double(), fc.constantFrom('NaN', 'Infinity', '1.5'), fc.jsonValue()),
      asInt: fc.oneof(fc.bigInt().map(String), fc.integer(), fc.string()),
      attributes: fc.array(keyValue, { maxLength: 3 }),
      flags: fc.oneof(fc.integer(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);
const otelNames = ['DCGM_FI_DEV_GPU_TEMP', 'hw.power', 'hw.host.energy', 'DCGM_FI_DEV_XID_ERRORS', 'made.up'];
/** A valid gauge of a ratio metric with its points. */
const validGauge = fc.record({
  name: fc.constantFrom('gpu_sm_active_ratio', 'DCGM_FI_PROF_SM_ACTIVE', 'site_renewable_share_ratio'),
  gauge: fc.record({
    dataPoints: fc.array(
      fc.record({
        timeUnixNano: fc.integer({ min: now - 30 * M, max: now }).map((ms) => (BigInt(ms) * 1_000_000n).toString()),
        asDouble: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 4 },
    ),
  }),
});
/** Any metric: mostly wrong somewhere (name, points, temporality), sometimes all right. */
const anyMetric = fc.record(
  {
    name: fc.oneof(fc.constantFrom(...METRIC_NAMES, ...otelNames), fc.string()),
    gauge: fc.record({ dataPoints: fc.array(dataPoint, { maxLength: 4 }) }),
    sum: fc.record(
      { dataPoints: fc.array(dataPoint, { maxLength: 4 }), aggregationTemporality: fc.oneof(fc.constantFrom(0, 1, 2, 'AGGREGATION_TEMPORALITY_CUMULATIVE'), fc.jsonValue()) },
      { requiredKeys: ['dataPoints'] },
    ),
    histogram: fc.record({ dataPoints: fc.array(fc.jsonValue(), { maxLength: 2 }) }),
  },
  { requiredKeys: [] },
);
const metric = fc.oneof({ weight: 2, arbitrary: validGauge }, { weight: 1, arbitrary: anyMetric });
const resource = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('site-a', 'site-b').map((id) => ({ attributes: [{ key: 'site.id', value: { stringValue: id } }] })) },
  { weight: 1, arbitrary: fc.record({ attributes: fc.array(keyValue, { maxLength: 3 }) }, { requiredKeys: [] }) },
);
const scopeMetrics = fc.array(fc.record({ metrics: fc.array(metric, { maxLength: 4 }) }, { requiredKeys: [] }), { maxLength: 2 });
const envelope = fc.oneof(
  { weight: 3, arbitrary: fc.record({ resourceMetrics: fc.array(fc.record({ resource, scopeMetrics }, { requiredKeys: [] }), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

/** A body as sent: JSON of the value, or (rarely) text that is not JSON at all. */
const asBody = (value: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') }, { weight: 1, arbitrary: fc.string() });

describe.each(STORE_KINDS)('ingest under fuzzed bodies on %s', (kind) => {
  let h: TelemetryHarness;
  beforeAll(async () => {
    h = await telemetryHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('POST /v1/telemetry never answers 5xx and stores exactly the accepted, new samples', async () => {
    await fc.assert(
      fc.asyncProperty(asBody(fc.oneof(fc.record({ samples: fc.array(sampleish, { maxLength: 12 }) }), fc.jsonValue())), async (body) => {
        const before = await h.rows();
        const res = await h.post('/v1/telemetry', body);
        expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
        const after = await h.rows();
        if (res.status !== 200) {
          expect(after).toEqual(before);
          return;
        }
        expect(after.raw - before.raw).toBe(res.body.accepted - res.body.duplicates);
        const items = (JSON.parse(body) as { samples: unknown[] }).samples;
        expect(res.body.accepted + res.body.rejected.length).toBe(items.length);
        for (const r of res.body.rejected) expect(typeof r.reason === 'string' && r.reason.length > 0 && r.index < items.length).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /v1/metrics never answers 5xx and stores nothing for rejected points', async () => {
    await fc.assert(
      fc.asyncProperty(asBody(envelope), async (body) => {
        const before = await h.rows();
        const res = await h.post('/v1/metrics', body);
        expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
        const after = await h.rows();
        if (res.status !== 200) {
          expect(after).toEqual(before);
          return;
        }
        // An empty body reads as {} (an empty request), as the JSON parser has it.
        const parsed = JSON.parse(body || '{}') as { resourceMetrics?: { scopeMetrics?: { metrics?: Record<string, { dataPoints?: unknown[] }>[] }[] }[] };
        const total = (parsed.resourceMetrics ?? [])
          .flatMap((r) => r.scopeMetrics ?? [])
          .flatMap((s) => s.metrics ?? [])
          .reduce((n, m) => n + ['gauge', 'sum', 'histogram'].reduce((k, t) => k + (m[t]?.dataPoints?.length ?? 0), 0), 0);
        const rejected = Number(res.body.partialSuccess?.rejectedDataPoints ?? 0);
        expect(rejected).toBeLessThanOrEqual(total);
        // A point feeds at most two metrics (DCGM_FI_DEV_GPU_TEMP → mean and max).
        expect(after.raw - before.raw).toBeLessThanOrEqual(2 * (total - rejected));
        if (rejected === total) expect(after).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('stores only valid samples: every stored value is within its metric range', async () => {
    const { rows } = await h.db.query<{ metric: keyof typeof METRICS; lo: number; hi: number }>(
      `SELECT s.metric, min(r.value) AS lo, max(r.value) AS hi FROM ${RAW_SAMPLES} r JOIN telemetry_series s ON s.id = r.series_id GROUP BY s.metric`,
    );
    for (const { metric, lo, hi } of rows) {
      expect(lo).toBeGreaterThanOrEqual(METRICS[metric].min);
      expect(hi).toBeLessThanOrEqual(METRICS[metric].max);
    }
  });
});
