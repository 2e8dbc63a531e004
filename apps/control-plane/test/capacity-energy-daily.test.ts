import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@corridor/store';
import type { Sample } from '@corridor/shared';
import { readEnergyBySite, type SiteEnergySums } from '../src/capacity/capacity-store.ts';
import { migrate } from '../src/store/migrate.ts';
import { createTelemetryStore } from '../src/telemetry/telemetry-store-sql.ts';
import { freshStore, STORE_KINDS } from './stores.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const SITES = ['site-a', 'site-b'];
/** The metrics the report reads, and the largest value of each sample generated. */
const SCALE = { site_facility_energy_joules_total: 4e8, site_it_energy_joules_total: 3e8, site_solar_power_watts: 9e5, site_renewable_share_ratio: 1.2 } as const;
const METRICS = Object.keys(SCALE) as Array<keyof typeof SCALE>;
// Four and a half days of samples from a midnight; the hours from CLOSED_TO on stay open (1-minute rows).
const START = Date.UTC(2026, 5, 1);
const END = START + 4 * D + 12 * H;
const CLOSED_TO = END - 5 * H;

/** A small deterministic generator (mulberry32), so a failure names the same data every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A sample every 20 minutes per site and metric, with values of the right size; some hours lack a metric. */
function fleetSamples(rand: () => number): Sample[] {
  const out: Sample[] = [];
  for (let hour = START; hour < END; hour += H) {
    for (const siteId of SITES) {
      for (const metric of METRICS) {
        if (rand() < 0.1) continue;
        for (let at = hour; at < hour + H; at += 20 * M) {
          const value = SCALE[metric] * rand();
          out.push({ siteId, metric, at: at + Math.floor(rand() * 19) * M, value });
        }
      }
    }
  }
  return out;
}

/**
 * The report's figures worked out in TypeScript from the raw samples themselves, per site over [from, to):
 * per hour, facility and IT are the samples' sums, solar the mean output × 3,600 s (the facility uses at most
 * what it draws), grid the facility less the solar used, renewable the facility × the mean share (clamped
 * to [0, 1]) or the solar used when no share was reported.
 */
function fromRaw(samples: Sample[], fromMs: number, toMs: number): Map<string, SiteEnergySums> {
  const hours = new Map<string, Map<string, number[]>>();
  for (const s of samples) {
    if (s.at < fromMs || s.at >= toMs) continue;
    const key = `${s.siteId} ${s.at - (s.at % H)}`;
    const byMetric = hours.get(key) ?? hours.set(key, new Map()).get(key)!;
    (byMetric.get(s.metric) ?? byMetric.set(s.metric, []).get(s.metric)!).push(s.value);
  }
  const sum = (xs: number[] | undefined) => xs?.reduce((a, b) => a + b, 0);
  const mean = (xs: number[] | undefined) => (xs ? sum(xs)! / xs.length : undefined);
  const out = new Map<string, SiteEnergySums>();
  for (const [key, byMetric] of hours) {
    const siteId = key.split(' ')[0]!;
    const site = out.get(siteId) ?? out.set(siteId, { facilityJ: 0, itJ: 0, solarJ: 0, gridJ: 0, renewableJ: 0, hoursWithData: 0 }).get(siteId)!;
    const facility = sum(byMetric.get('site_facility_energy_joules_total'));
    const solarW = mean(byMetric.get('site_solar_power_watts'));
    const share = mean(byMetric.get('site_renewable_share_ratio'));
    const solarUsed = Math.min(solarW === undefined ? 0 : solarW * 3600, facility ?? 0);
    site.facilityJ += facility ?? 0;
    site.itJ += sum(byMetric.get('site_it_energy_joules_total')) ?? 0;
    site.solarJ += solarW === undefined ? 0 : solarW * 3600;
    if (facility !== undefined) {
      site.gridJ += facility - solarUsed;
      site.hoursWithData += 1;
    }
    site.renewableJ += facility !== undefined && share !== undefined ? facility * Math.min(1, Math.max(0, share)) : solarUsed;
  }
  return out;
}

function expectSame(actual: Map<string, SiteEnergySums>, expected: Map<string, SiteEnergySums>, label: string) {
  expect([...actual.keys()].sort(), label).toEqual([...expected.keys()].sort());
  for (const [siteId, want] of expected) {
    const got = actual.get(siteId)!;
    expect(got.hoursWithData, `${label} ${siteId} hours`).toBe(want.hoursWithData);
    for (const field of ['facilityJ', 'itJ', 'solarJ', 'gridJ', 'renewableJ'] as const) {
      // Only the order of the additions differs: equal to 1e-9 of the figure.
      expect(Math.abs(got[field] - want[field]), `${label} ${siteId} ${field}: ${got[field]} vs ${want[field]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[field])));
    }
  }
}

describe.each(STORE_KINDS)('energy read from the daily roll-up equals energy from the raw samples, on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const rand = random(12);
  const samples = fleetSamples(rand);
  // Late data into closed hours: one more facility sample into an hour that has a row (its row is updated),
  // and a renewable share into hours that had none (new rows), in the middle of closed days.
  const late: Sample[] = [
    { siteId: 'site-a', metric: 'site_facility_energy_joules_total', at: START + D + 7 * H + 59 * M + 30_000, value: 5.5e8 },
    ...[0, 1, 2].map((i): Sample => ({ siteId: 'site-b', metric: 'site_renewable_share_ratio', at: START + 2 * D + (10 + i) * H + 30_000, value: 0.75 })),
  ];

  beforeAll(async () => {
    const store = await freshStore(kind);
    db = await openDb(store);
    cleanup = async () => {
      await db.close();
      await store.cleanup();
    };
    await migrate(db);
    const telemetry = createTelemetryStore(db);
    for (let i = 0; i < samples.length; i += 5000) await telemetry.insert(samples.slice(i, i + 5000));
    await telemetry.closeHours(CLOSED_TO);
    const seen = new Set(samples.map((s) => `${s.siteId} ${s.metric} ${s.at}`));
    late.splice(0, late.length, ...late.filter((s) => !seen.has(`${s.siteId} ${s.metric} ${s.at}`)));
    expect(late.length).toBeGreaterThan(1);
    await telemetry.insert(late);
    samples.push(...late);
  });
  afterAll(() => cleanup?.());

  it('holds each closed day exactly, late samples included', async () => {
    const { rows } = await db.query<{ site_id: string; day_ms: string | number; facility_j: number; it_j: number; solar_j: number; grid_j: number; renewable_j: number; hours: number }>(
      'SELECT * FROM energy_daily ORDER BY site_id, day_ms',
    );
    // Four whole closed days and the closed part of the fifth, for both sites.
    expect(rows).toHaveLength(2 * 5);
    for (const r of rows) {
      const day = Number(r.day_ms);
      const row = new Map([[r.site_id, { facilityJ: r.facility_j, itJ: r.it_j, solarJ: r.solar_j, gridJ: r.grid_j, renewableJ: r.renewable_j, hoursWithData: r.hours }]]);
      const want = fromRaw(samples, day, Math.min(day + D, CLOSED_TO));
      expectSame(row, new Map([[r.site_id, want.get(r.site_id)!]]), `day ${new Date(day).toISOString()}`);
    }
  });

  it('over random periods: whole days, partial first and last days, open hours', async () => {
    const periods: Array<[number, number]> = [
      [START, END],
      [START + D, START + 3 * D],
      [START - D, END + D],
      [START + 5 * H, START + 5 * H + 3 * D],
      [START + 2 * D + 3 * H, START + 2 * D + 9 * H],
    ];
    for (let i = 0; i < 25; i++) {
      const a = START - 6 * H + Math.floor((rand() * (END - START + 12 * H)) / H) * H;
      const b = START - 6 * H + Math.floor((rand() * (END - START + 12 * H)) / H) * H;
      if (a !== b) periods.push([Math.min(a, b), Math.max(a, b)]);
    }
    for (const [from, to] of periods) {
      expectSame(await readEnergyBySite(db, from, to), fromRaw(samples, from, to), `[${new Date(from).toISOString()}, ${new Date(to).toISOString()})`);
    }
  });

  it('follows hourly rows removed (a prune) and written straight into the hourly table', async () => {
    const pruneTo = START + D + 6 * H;
    const extra: Sample = { siteId: 'site-a', metric: 'site_facility_energy_joules_total', at: START + 3 * D, value: 1e9 };
    await db.query('DELETE FROM telemetry_rollup_1h WHERE bucket_ms < $1::bigint', [pruneTo]);
    await db.query(
      `INSERT INTO telemetry_rollup_1h AS r (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
       SELECT id, $1::bigint, 1e9, 1e9, 1e9, 1, 1e9, $1::bigint FROM telemetry_series WHERE entity_id = 'site-a' AND metric = 'site_facility_energy_joules_total'
       ON CONFLICT (series_id, bucket_ms) DO UPDATE SET sum = r.sum + 1e9, count = r.count + 1`,
      [extra.at],
    );
    const kept = [...samples.filter((s) => s.at >= pruneTo), extra];
    for (const [from, to] of [
      [START, END],
      [START + D, START + 4 * D],
      [START + 2 * D + 5 * H, START + 3 * D + 1 * H],
    ] as const) {
      expectSame(await readEnergyBySite(db, from, to), fromRaw(kept, from, to), `after the prune [${new Date(from).toISOString()}, ${new Date(to).toISOString()})`);
    }
  });
});
