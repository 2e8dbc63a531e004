import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SeriesSchema, TELEMETRY_LIMITS } from '@corridor/shared';
import { STORE_KINDS } from './stores.ts';
import { siteSample, telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';

const MINUTE = 60_000;

describe.each(STORE_KINDS)('JSON telemetry ingest on %s', (kind) => {
  let h: TelemetryHarness;
  const base = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;

  beforeAll(async () => {
    h = await telemetryHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores a batch, publishes it live and serves it back as a series', async () => {
    const samples = [0, 1, 2, 3].map((i) => siteSample({ metric: 'site_facility_power_watts', siteId: 'site-b', at: base + i * 15_000, value: 6e6 + i * 1000 }));
    samples.push(siteSample({ metric: 'link_rtt_seconds', siteId: undefined, linkId: 'link-a-b', at: base, value: 0.0045 }));
    const res = await h.post('/v1/telemetry', { samples });
    expect(res).toEqual({ status: 200, body: { accepted: 5, duplicates: 0, rejected: [] } });
    expect(h.published.at(-1)).toHaveLength(5);

    const series = SeriesSchema.parse((await h.get(`/v1/sites/site-b/series?metric=site_facility_power_watts&from=${base}&to=${base + MINUTE}&step=15s`)).body);
    expect(series).toMatchObject({ metric: 'site_facility_power_watts', unit: 'watts', siteId: 'site-b', resolution: 'raw', stepMs: 15_000 });
    expect(series.points.map((p) => [p.t, p.avg])).toEqual([0, 1, 2, 3].map((i) => [base + i * 15_000, 6e6 + i * 1000]));

    const link = SeriesSchema.parse((await h.get(`/v1/links/link-a-b/series?metric=link_rtt_seconds&from=${new Date(base).toISOString()}&to=${new Date(base + MINUTE).toISOString()}`)).body);
    expect(link.linkId).toBe('link-a-b');
    expect(link.points[0]).toMatchObject({ t: base, avg: 0.0045, last: 0.0045, count: 1 });
  });

  it('rejects bad samples one by one with their index and reason, and stores none of them', async () => {
    const before = await h.rows();
    const at = base + 5 * MINUTE;
    const samples = [
      siteSample({ at, value: 1 }), // good
      { metric: 'no_such_metric', siteId: 'site-a', at, value: 1 },
      siteSample({ at, metric: 'site_pue_ratio', value: 0.5 }), // below its range
      siteSample({ at, siteId: 'atlantis' }), // not in the fleet
      siteSample({ at: Date.now() + 3_600_000 }), // an hour ahead
      siteSample({ at: Date.now() - 3 * 86_400_000 }), // past the raw retention
      { metric: 'link_loss_ratio', siteId: 'site-a', at, value: 0 }, // a link metric on a site
      siteSample({ at, metric: 'gpu_sm_active_ratio', value: 0.5, extra: 1 } as never),
      'not a sample',
    ];
    const res = await h.post('/v1/telemetry', { samples });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    const reasons = Object.fromEntries(res.body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(reasons[1]).toMatch(/^metric: /);
    expect(reasons[2]).toMatch(/^value: site_pue_ratio must be within \[1, 20\]/);
    expect(reasons[3]).toBe('siteId: no site "atlantis"');
    expect(reasons[4]).toMatch(/ahead of the receiver's clock/);
    expect(reasons[5]).toMatch(/older than the raw retention window \(48 h\)/);
    expect(reasons[6]).toMatch(/linkId is required/);
    expect(reasons[7]).toMatch(/extra/);
    expect(await h.rows()).toMatchObject({ raw: before.raw + 1 });
    expect(h.published.at(-1)).toEqual([samples[0]]);
  });

  it('takes a repeated sample as a duplicate: stored once, rolled up once', async () => {
    const at = base + 10 * MINUTE;
    const sample = siteSample({ metric: 'gpu_temperature_max_celsius', at, value: 71 });
    const first = await h.post('/v1/telemetry', { samples: [sample, { ...sample, value: 99 }] });
    expect(first.body).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const again = await h.post('/v1/telemetry', { samples: [sample] });
    expect(again.body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });

    const series = SeriesSchema.parse((await h.get(`/v1/sites/site-a/series?metric=gpu_temperature_max_celsius&from=${at}&to=${at + MINUTE}&step=1m`)).body);
    expect(series.resolution).toBe('1m');
    expect(series.points).toEqual([{ t: at, avg: 71, min: 71, max: 71, last: 71, count: 1 }]);
  });

  it('answers 400 naming the field when the body itself is wrong, storing nothing', async () => {
    const before = await h.rows();
    const cases: [unknown, string][] = [
      [[], '(body)'],
      ['"text"', '(body)'],
      [{}, 'samples'],
      [{ samples: 'many' }, 'samples'],
      [{ samples: [] }, 'samples'],
      [{ samples: [siteSample()], extra: true }, '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await h.post('/v1/telemetry', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(ErrorBodySchema.parse(res.body).error.fields?.map((f) => f.field)).toContain(field);
    }
    const broken = await h.post('/v1/telemetry', '{"samples": [');
    expect(broken.status).toBe(400);
    expect(await h.rows()).toEqual(before);
  });

  it('answers 413 with the limit for a body or a batch over it', async () => {
    const big = await h.post('/v1/telemetry', { samples: [siteSample({ notes: 'x'.repeat(TELEMETRY_LIMITS.maxBodyBytes) } as never)] });
    expect(big.status).toBe(413);
    expect(ErrorBodySchema.parse(big.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/the limit is 2000000 bytes/) });

    const many = Array.from({ length: TELEMETRY_LIMITS.maxSamplesPerBatch + 1 }, (_, i) => siteSample({ at: base + i }));
    const tooMany = await h.post('/v1/telemetry', { samples: many });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/at most 10000 samples; this one has 10001/);
  });

  it('accepts a full batch between the general 1 MB limit and its own', async () => {
    const samples = Array.from({ length: TELEMETRY_LIMITS.maxSamplesPerBatch }, (_, i) =>
      siteSample({ metric: 'site_inlet_temperature_celsius', at: base - 20 * MINUTE + i * 100, value: 20 + (i % 7) / 3 }),
    );
    const body = JSON.stringify({ samples });
    expect(body.length).toBeGreaterThan(1_000_000);
    const res = await h.post('/v1/telemetry', body);
    expect(res.body).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
  });

  it('answers 415 for a body that is not declared JSON', async () => {
    const res = await h.post('/v1/telemetry', JSON.stringify({ samples: [siteSample()] }), 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/Content-Type must be application\/json/);
  });
});
