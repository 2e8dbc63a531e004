import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SeriesSchema, type MetricName } from '@corridor/shared';
import { STORE_KINDS } from './stores.ts';
import { telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';

const MINUTE = 60_000;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

/** An ExportMetricsServiceRequest with one resource and one scope. */
function request(resource: object[], metrics: object[]) {
  return { resourceMetrics: [{ resource: { attributes: resource }, scopeMetrics: [{ scope: { name: 'corridor-test', version: '1' }, metrics }] }] };
}
const gauge = (name: string, dataPoints: object[]) => ({ name, unit: '', gauge: { dataPoints } });
const sum = (name: string, temporality: number, dataPoints: object[]) => ({ name, sum: { aggregationTemporality: temporality, isMonotonic: true, dataPoints } });

describe.each(STORE_KINDS)('OTLP/HTTP JSON ingest on %s', (kind) => {
  let h: TelemetryHarness;
  const base = Math.floor(Date.now() / MINUTE) * MINUTE - 40 * MINUTE;
  /** Raw values stored for one series between from and from + 1 min (1-second points). */
  const stored = async (metric: MetricName, from: number, entity = 'sites/site-a') => {
    const res = await h.get(`/v1/${entity}/series?metric=${metric}&from=${from}&to=${from + MINUTE}&step=1s`);
    return SeriesSchema.parse(res.body).points.map((p) => [p.t - from, p.avg]);
  };

  beforeAll(async () => {
    h = await telemetryHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('takes gauge points with our names and DCGM names, doubles and int64 strings, and answers {}', async () => {
    const res = await h.post(
      '/v1/metrics',
      request(
        [str('site.id', 'site-a'), str('service.name', 'dcgm-exporter')],
        [
          gauge('site_it_power_watts', [{ timeUnixNano: nanos(base), asDouble: 5.2e6 }]),
          gauge('site_gpus_busy', [{ timeUnixNano: nanos(base), asInt: '384' }]),
          gauge('DCGM_FI_PROF_SM_ACTIVE', [{ timeUnixNano: nanos(base), asDouble: 0.62 }]),
        ],
      ),
    );
    expect(res).toEqual({ status: 200, body: {} });
    expect(await stored('site_it_power_watts', base)).toEqual([[0, 5.2e6]]);
    expect(await stored('site_gpus_busy', base)).toEqual([[0, 384]]);
    expect(await stored('gpu_sm_active_ratio', base)).toEqual([[0, 0.62]]);
    expect(h.published.at(-1)).toHaveLength(3);
  });

  it('combines per-GPU points of one instant with the catalogue aggregation (mean, max, sum)', async () => {
    const at = base + MINUTE;
    const gpu = (id: string, value: number, extra: object[] = []) => ({ timeUnixNano: nanos(at), asDouble: value, attributes: [str('gpu', id), ...extra] });
    const res = await h.post(
      '/v1/metrics',
      request(
        [str('site.id', 'site-a')],
        [gauge('DCGM_FI_DEV_GPU_TEMP', [gpu('0', 60), gpu('1', 70), gpu('2', 80)]), gauge('hw.power', [gpu('0', 700, [str('hw.type', 'gpu')]), gpu('1', 650, [str('hw.type', 'gpu')])])],
      ),
    );
    expect(res.body).toEqual({});
    expect(await stored('gpu_temperature_mean_celsius', at)).toEqual([[0, 70]]);
    expect(await stored('gpu_temperature_max_celsius', at)).toEqual([[0, 80]]);
    expect(await stored('gpu_power_watts', at)).toEqual([[0, 1350]]);
  });

  it('stores delta sums as they are and turns cumulative sums into increments', async () => {
    const at = base + 2 * MINUTE;
    const delta = await h.post('/v1/metrics', request([str('site.id', 'site-a')], [sum('gpu_xid_errors_total', 1, [{ timeUnixNano: nanos(at), asInt: '2' }])]));
    expect(delta.body).toEqual({});
    expect(await stored('gpu_xid_errors_total', at)).toEqual([[0, 2]]);

    // A cumulative energy counter (J) of one host, with its start time: the first point counts all it
    // gathered since that start, then increments; a drop is a restart (the increment is the new reading).
    const energy = (offsetS: number, joules: string, start = '1000') => ({ timeUnixNano: nanos(at + offsetS * 1000), startTimeUnixNano: start, asInt: joules, attributes: [str('host.id', 'h1')] });
    const first = await h.post('/v1/metrics', request([str('site.id', 'site-a')], [sum('hw.host.energy', 2, [energy(0, '1000000'), energy(5, '1600000')])]));
    expect(first.body).toEqual({});
    const next = await h.post('/v1/metrics', request([str('site.id', 'site-a')], [sum('hw.host.energy', 2, [energy(10, '2000000'), energy(15, '300000')])]));
    expect(next.body).toEqual({});
    expect(await stored('site_it_energy_joules_total', at)).toEqual([
      [0, 1000000],
      [5000, 600000],
      [10000, 400000],
      [15000, 300000],
    ]);

    // A repeat of the last point adds nothing; an older one is rejected.
    const repeat = await h.post('/v1/metrics', request([str('site.id', 'site-a')], [sum('hw.host.energy', 2, [energy(15, '300000'), energy(1, '5')])]));
    expect(repeat.body.partialSuccess.rejectedDataPoints).toBe('1');
    expect(repeat.body.partialSuccess.errorMessage).toMatch(/dataPoints\[1\] \(hw.host.energy\): older than the last point of this cumulative series/);
    expect(await stored('site_it_energy_joules_total', at)).toHaveLength(4);
  });

  it('counts the first cumulative point from its known start, and only sets the baseline without one', async () => {
    const at = base + 7 * MINUTE;
    const point = (offsetS: number, joules: number, host: string, start?: string) => ({
      timeUnixNano: nanos(at + offsetS * 1000),
      ...(start !== undefined ? { startTimeUnixNano: start } : {}),
      asDouble: joules,
      attributes: [str('host.id', host)],
    });
    const started = nanos(at - 30_000);
    const res = await h.post(
      '/v1/metrics',
      request([str('site.id', 'site-b')], [sum('hw.host.energy', 2, [point(0, 500, 'known', started), point(0, 9000, 'unknown'), point(0, 7000, 'zero', '0'), point(5, 9100, 'unknown')])]),
    );
    expect(res.body).toEqual({});
    // 500 since the known start; the series without a start (or with 0, "unknown" in OTLP) count from their second point.
    expect(await stored('site_it_energy_joules_total', at, 'sites/site-b')).toEqual([
      [0, 500],
      [5000, 100],
    ]);
  });

  it('rejects each value OTLP JSON does not allow with its reason, instead of reading it as a number', async () => {
    const at = base + 8 * MINUTE;
    const bad = ['', '   ', '0x10', '0b11', ' 1', '1,5', true];
    const res = await h.post(
      '/v1/metrics',
      request(
        [str('site.id', 'site-a')],
        [
          gauge(
            'site_inlet_temperature_celsius',
            bad.map((asDouble, i) => ({ timeUnixNano: nanos(at + i * 1000), asDouble })),
          ),
          gauge('site_gpus_busy', [
            { timeUnixNano: nanos(at), asInt: '0x10' },
            { timeUnixNano: nanos(at + 1000), asInt: ' 3' },
          ]),
          gauge('site_pue_ratio', [
            { timeUnixNano: nanos(at), asDouble: '1.25' },
            { timeUnixNano: nanos(at + 1000), asDouble: '-0.5e1' },
            { timeUnixNano: nanos(at + 2000), asDouble: 1.5 },
          ]),
        ],
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.partialSuccess.rejectedDataPoints).toBe(String(bad.length + 3));
    for (let i = 0; i < bad.length; i++) {
      expect(res.body.partialSuccess.errorMessage).toContain(`metrics[0].gauge.dataPoints[${i}] (site_inlet_temperature_celsius): asDouble: must be an OTLP JSON double`);
    }
    expect(res.body.partialSuccess.errorMessage).toContain('metrics[1].gauge.dataPoints[1] (site_gpus_busy): asInt: must be an int64 as a decimal string or an integer');
    expect(await stored('site_inlet_temperature_celsius', at)).toEqual([]);
    expect(await stored('site_gpus_busy', at)).toEqual([]);
    // Quoted decimals are what the mapping allows; -5 is then out of the PUE range, a reason of its own.
    expect(await stored('site_pue_ratio', at)).toEqual([
      [0, 1.25],
      [2000, 1.5],
    ]);
    expect(res.body.partialSuccess.errorMessage).toMatch(/metrics\[2\]\.gauge\.dataPoints\[1\] \(site_pue_ratio\): site_pue_ratio:/);
  });

  it('answers partial success: each bad point rejected with its reason, the good ones kept', async () => {
    const at = base + 3 * MINUTE;
    const before = await h.rows();
    const body = {
      resourceMetrics: [
        ...request(
          [str('site.id', 'site-a')],
          [
            gauge('site_pue_ratio', [
              { timeUnixNano: nanos(at), asDouble: 1.31 },
              { timeUnixNano: nanos(at + 1000), asDouble: 0.4 },
            ]),
            gauge('made.up.metric', [{ timeUnixNano: nanos(at), asDouble: 1 }]),
            gauge('site_gpus_free', [{ timeUnixNano: nanos(at), asDouble: 'NaN' }]),
            gauge('site_inlet_temperature_celsius', [{ timeUnixNano: nanos(Date.now() + 3_600_000), asDouble: 24 }]),
            gauge('link_rtt_seconds', [{ timeUnixNano: nanos(at), asDouble: 0.01 }]),
            { name: 'request.duration', histogram: { dataPoints: [{ timeUnixNano: nanos(at), count: '3' }] } },
            sum('site_facility_energy_joules_total', 0, [{ timeUnixNano: nanos(at), asDouble: 5 }]),
          ],
        ).resourceMetrics,
        ...request([str('site.id', 'atlantis')], [gauge('site_pue_ratio', [{ timeUnixNano: nanos(at), asDouble: 1.2 }])]).resourceMetrics,
        ...request([str('service.name', 'orphan')], [gauge('site_pue_ratio', [{ timeUnixNano: nanos(at), asDouble: 1.2 }])]).resourceMetrics,
        ...request([str('link.id', 'link-a-b')], [gauge('link_rtt_seconds', [{ timeUnixNano: nanos(at), asDouble: 0.0046 }])]).resourceMetrics,
      ],
    };
    const res = await h.post('/v1/metrics', body);
    expect(res.status).toBe(200);
    const { rejectedDataPoints, errorMessage } = res.body.partialSuccess;
    expect(rejectedDataPoints).toBe('9');
    expect(errorMessage).toMatch(/^9 of 11 data points rejected: /);
    for (const reason of [
      /metrics\[0\]\.gauge\.dataPoints\[1\] \(site_pue_ratio\): site_pue_ratio: value: site_pue_ratio must be within \[1, 20\]/,
      /\(made\.up\.metric\): unknown metric "made\.up\.metric"/,
      /\(site_gpus_free\): value must be a finite number/,
      /ahead of the receiver's clock/,
      /\(link_rtt_seconds\): link_rtt_seconds maps to link_rtt_seconds, a link metric: it needs link\.id/,
      /histogram points are not supported/,
      /aggregationTemporality must be 1 \(delta\) or 2 \(cumulative\)/,
      /site\.id: no site "atlantis"/,
      /no site\.id or link\.id attribute/,
    ]) {
      expect(errorMessage).toMatch(reason);
    }
    expect(await h.rows()).toMatchObject({ raw: before.raw + 2 });
    expect(await stored('site_pue_ratio', at)).toEqual([[0, 1.31]]);
    expect(await stored('link_rtt_seconds', at, 'links/link-a-b')).toEqual([[0, 0.0046]]);
  });

  it('answers 400 naming the field for a malformed envelope', async () => {
    const cases: [unknown, string][] = [
      [[], '(body)'],
      [{ resourceMetrics: {} }, 'resourceMetrics'],
      [{ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ gauge: { dataPoints: [] } }] }] }] }, 'resourceMetrics.0.scopeMetrics.0.metrics.0.name'],
      [{ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'x', gauge: { dataPoints: 3 } }] }] }] }, 'resourceMetrics.0.scopeMetrics.0.metrics.0.gauge.dataPoints'],
    ];
    for (const [body, field] of cases) {
      const res = await h.post('/v1/metrics', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field)).toContain(field);
    }
    expect((await h.post('/v1/metrics', {})).body).toEqual({});
  });

  it('answers 415 for a content type that is neither OTLP encoding, naming both, and 413 over the point limit', async () => {
    const other = await h.post('/v1/metrics', 'binary', 'application/octet-stream');
    expect(other.status).toBe(415);
    expect(other.body.error.message).toMatch(/Content-Type must be application\/json or application\/x-protobuf \(OTLP\/HTTP\); got application\/octet-stream/);

    const points = Array.from({ length: 10_001 }, (_, i) => ({ timeUnixNano: nanos(base + i), asDouble: 1.2 }));
    const many = await h.post('/v1/metrics', request([str('site.id', 'site-a')], [gauge('site_pue_ratio', points)]));
    expect(many.status).toBe(413);
    expect(many.body.error.message).toMatch(/at most 10000 data points; this one has 10001/);
  });
});
