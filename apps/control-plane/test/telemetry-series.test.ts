import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SeriesSchema, type Sample } from '@corridor/shared';
import { STORE_KINDS } from './stores.ts';
import { telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe.each(STORE_KINDS)('series API on %s', (kind) => {
  let h: TelemetryHarness;
  // A fixed clock, so that the level picked and the buckets are the same on every run.
  const now = Math.floor(Date.now() / H) * H + 30 * M + 2500;
  const start = now - 3 * H;

  beforeAll(async () => {
    h = await telemetryHarness(kind, { now: () => now });
    // Three hours of 5-second samples: facility power rising 1 kW per minute, and a counter of 10 J per sample.
    const samples: Sample[] = [];
    for (let at = start; at < now; at += 5000) {
      samples.push({ metric: 'site_facility_power_watts', siteId: 'site-a', at, value: 6e6 + ((at - start) / M) * 1000 });
      samples.push({ metric: 'site_facility_energy_joules_total', siteId: 'site-a', at, value: 10 });
    }
    for (let i = 0; i < samples.length; i += 5000) await h.telemetry.insert(samples.slice(i, i + 5000));
  });
  afterAll(async () => {
    await h?.close();
  });

  const series = async (query: string, entity = 'sites/site-a') => {
    const res = await h.get(`/v1/${entity}/series?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return SeriesSchema.parse(res.body);
  };

  it('picks raw samples for the last hour, 1-minute rollups for a day, 1-hour rollups for a week', async () => {
    const hour = await series('metric=site_facility_power_watts');
    expect(hour).toMatchObject({ resolution: 'raw', stepMs: 5000, siteId: 'site-a', unit: 'watts', kind: 'gauge' });
    expect(hour.points).toHaveLength(720);
    // Samples fall at …2.5 s past each 5 s; each 5-second bucket starts on the epoch's 5 s grid.
    expect(hour.points.at(-1)).toMatchObject({ t: now - 7500, count: 1 });

    const day = await series(`metric=site_facility_power_watts&from=${now - D}`);
    expect(day).toMatchObject({ resolution: '1m', stepMs: M });
    expect(day.points).toHaveLength(3 * 60);
    const week = await series(`metric=site_facility_power_watts&from=${new Date(now - 7 * D).toISOString()}&to=${new Date(now).toISOString()}`);
    expect(week).toMatchObject({ resolution: '1h', stepMs: H });
    expect(week.points.length).toBeGreaterThanOrEqual(3);
  });

  it('gives the same buckets whichever level answers them', async () => {
    const from = Math.floor(start / H) * H + H;
    const q = `metric=site_facility_power_watts&from=${from}&to=${from + H}`;
    const minute = await series(`${q}&step=5m`);
    const hour = await series(`${q}&step=1h`);
    expect([minute.resolution, hour.resolution]).toEqual(['1m', '1h']);
    const avgOfMinute = minute.points.reduce((n, p) => n + p.avg * p.count!, 0) / minute.points.reduce((n, p) => n + p.count!, 0);
    expect(hour.points).toHaveLength(1);
    expect(hour.points[0]!.avg).toBeCloseTo(avgOfMinute, 6);
    expect(hour.points[0]!.min).toBe(minute.points[0]!.min);
    expect(hour.points[0]!.max).toBe(minute.points.at(-1)!.max);
    expect(hour.points[0]!.last).toBe(minute.points.at(-1)!.last);
  });

  it('sums a counter over each bucket', async () => {
    const from = Math.floor(start / H) * H + H;
    const s = await series(`metric=site_facility_energy_joules_total&from=${from}&to=${from + 10 * M}&step=5m`);
    expect(s.kind).toBe('counter');
    expect(s.points.map((p) => p.sum)).toEqual([600, 600]);
  });

  it('answers 400 naming the parameter, and 404 for an unknown site or link', async () => {
    const field = async (query: string, entity = 'sites/site-a') => {
      const res = await h.get(`/v1/${entity}/series?${query}`);
      expect(res.status, query).toBe(400);
      return ErrorBodySchema.parse(res.body).error.fields?.[0]?.field;
    };
    expect(await field('from=0')).toBe('metric');
    expect(await field('metric=gpu_fan_speed')).toBe('metric');
    expect(await field('metric=link_rtt_seconds')).toBe('metric');
    expect(await field('metric=site_pue_ratio', 'links/link-a-b')).toBe('metric');
    expect(await field(`metric=site_pue_ratio&from=${now}&to=${now - H}`)).toBe('from');
    expect(await field(`metric=site_pue_ratio&from=${now - 500 * D}`)).toBe('from');
    expect(await field(`metric=site_pue_ratio&from=${now - D}&step=1s`)).toBe('step');
    expect(await field('metric=site_pue_ratio&to=soon')).toBe('to');

    const missing = await h.get('/v1/sites/atlantis/series?metric=site_pue_ratio');
    expect(missing.status).toBe(404);
    expect(ErrorBodySchema.parse(missing.body).error.message).toBe('no site "atlantis"');
    expect((await h.get('/v1/links/no-cable/series?metric=link_rtt_seconds')).status).toBe(404);
  });

  it('answers an empty series for a known site without data', async () => {
    const s = await series('metric=site_pue_ratio', 'sites/site-b');
    expect(s.points).toEqual([]);
  });
});
