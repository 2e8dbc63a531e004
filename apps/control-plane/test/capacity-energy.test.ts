import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnergyReportSchema, ErrorBodySchema, type EnergyReport, type Sample, type SiteMetricName } from '@corridor/shared';
import { buildFleetFile, buildJurisdiction, buildSite } from '@corridor/shared/testing';
import { createTelemetryStore } from '../src/telemetry/telemetry-store-sql.ts';
import { placementHarness, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const H = 3_600_000;
const M = 60_000;

function energyFleet() {
  const base = buildFleetFile();
  const op = base.operators[0]!.id;
  return {
    ...base,
    jurisdictions: [buildJurisdiction(), buildJurisdiction({ code: 'FR', name: 'France', blocs: ['EU', 'EEA'] })],
    sites: [buildSite({ id: 'site-a', operatorId: op, gridCarbonGPerKwh: 551 }), buildSite({ id: 'site-f', operatorId: op, country: 'FR', gridCarbonGPerKwh: 21 })],
    links: [],
  };
}

/**
 * A handful of raw samples whose sums are worked out by hand. Hour 1 is closed into the 1-hour rollup
 * before the read, hour 2 stays in the 1-minute rows: the report must read both the same way.
 *
 * site-a, hour 1: facility 1.8 + 1.8 GJ = 1 MWh; IT 1.5 + 1.5 GJ = 0.8333 MWh; solar 200 and 400 kW →
 *   mean 300 kW → 0.3 MWh (all used); renewable share 0.4 and 0.6 → 0.5 × 1 MWh = 0.5 MWh.
 * site-a, hour 2: facility 7.2 GJ = 2 MWh; IT 6 GJ = 1.6667 MWh; solar 0; no share reported → renewable
 *   = the solar used = 0.
 * → facility 3, IT 2.5, PUE 1.2, solar 0.3, grid 2.7, renewable 0.5 (share 0.1667), 2.7 × 551 / 1000 = 1.4877 t.
 * site-f, hour 2: facility 3.6 GJ = 1 MWh, IT 3.24 GJ = 0.9 MWh, share 0.95 → 0.95 MWh, 1 × 21 / 1000 = 0.021 t.
 * One site-a sample an hour before the range must not count.
 */
function samples(t0: number): Sample[] {
  const s = (siteId: string, metric: SiteMetricName, at: number, value: number): Sample => ({ siteId, metric, at, value });
  return [
    s('site-a', 'site_facility_energy_joules_total', t0 - H + 5 * M, 9.9e9),
    s('site-a', 'site_facility_energy_joules_total', t0 + 10 * M, 1.8e9),
    s('site-a', 'site_facility_energy_joules_total', t0 + 40 * M, 1.8e9),
    s('site-a', 'site_it_energy_joules_total', t0 + 10 * M, 1.5e9),
    s('site-a', 'site_it_energy_joules_total', t0 + 40 * M, 1.5e9),
    s('site-a', 'site_solar_power_watts', t0 + 10 * M, 200_000),
    s('site-a', 'site_solar_power_watts', t0 + 40 * M, 400_000),
    s('site-a', 'site_renewable_share_ratio', t0 + 10 * M, 0.4),
    s('site-a', 'site_renewable_share_ratio', t0 + 40 * M, 0.6),
    s('site-a', 'site_facility_energy_joules_total', t0 + H + 20 * M, 7.2e9),
    s('site-a', 'site_it_energy_joules_total', t0 + H + 20 * M, 6e9),
    s('site-a', 'site_solar_power_watts', t0 + H + 20 * M, 0),
    s('site-f', 'site_facility_energy_joules_total', t0 + H + 30 * M, 3.6e9),
    s('site-f', 'site_it_energy_joules_total', t0 + H + 30 * M, 3.24e9),
    s('site-f', 'site_renewable_share_ratio', t0 + H + 30 * M, 0.95),
  ];
}

describe.each(STORE_KINDS)('energy from the hourly rollups, on %s', (kind) => {
  let h: PlacementHarness;
  // Three hours back: hour 1 closed by the test, hour 2 left open (its minutes are read).
  const t0 = Math.floor(Date.now() / H) * H - 3 * H;
  const range = `from=${new Date(t0).toISOString()}&to=${new Date(t0 + 2 * H).toISOString()}`;

  beforeAll(async () => {
    h = await placementHarness(kind, energyFleet());
    const store = createTelemetryStore(h.cp.db);
    await store.insert(samples(t0));
    await store.closeHours(t0 + H);
  });
  afterAll(async () => {
    await h?.close();
  });

  const report = async (query: string): Promise<EnergyReport> => {
    const res = await h.call('GET', `/v1/capacity/energy?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return EnergyReportSchema.parse(res.body);
  };

  it('sums facility and IT energy, solar, grid, renewable and location-based tCO2e as worked out by hand', async () => {
    const r = await report(range);
    expect(r).toMatchObject({ from: new Date(t0).toISOString(), to: new Date(t0 + 2 * H).toISOString(), hours: 2, pueBasis: 'interim', carbonBasis: 'location-based' });
    const a = r.rows.find((row) => row.key === 'site-a')!;
    expect(a.facilityMwh).toBeCloseTo(3, 3);
    expect(a.itMwh).toBeCloseTo(2.5, 3);
    expect(a.pue).toBeCloseTo(1.2, 3);
    expect(a.onSiteSolarMwh).toBeCloseTo(0.3, 3);
    expect(a.gridMwh).toBeCloseTo(2.7, 3);
    expect(a.renewableMwh).toBeCloseTo(0.5, 3);
    expect(a.renewableShare).toBeCloseTo(0.5 / 3, 3);
    expect(a.tco2e).toBeCloseTo(1.4877, 3);
    expect(a.hoursWithData).toBe(2);
    const f = r.rows.find((row) => row.key === 'site-f')!;
    expect(f).toMatchObject({ facilityMwh: 1, itMwh: 0.9, renewableMwh: 0.95, tco2e: 0.021, hoursWithData: 1 });
  });

  it('rolls up sums first, then the ratios (an energy-weighted PUE, not a mean of PUEs)', async () => {
    const net = (await report(`${range}&groupBy=network`)).rows;
    expect(net).toHaveLength(1);
    expect(net[0]).toMatchObject({ key: 'network', sites: 2, hoursWithData: 3 });
    expect(net[0]!.facilityMwh).toBeCloseTo(4, 3);
    expect(net[0]!.pue).toBeCloseTo(4 / 3.4, 3); // the mean of 1.2 and 1.111 would be 1.156
    expect(net[0]!.renewableShare).toBeCloseTo(1.45 / 4, 3);
    expect(net[0]!.tco2e).toBeCloseTo(1.4877 + 0.021, 3);
    const blocs = (await report(`${range}&groupBy=bloc`)).rows;
    expect(blocs.map((b) => [b.key, b.facilityMwh])).toEqual([
      ['EEA', 1],
      ['EU', 1],
      ['none', 3],
    ]);
  });

  it('widens a range to whole hours and labels a year that has ended annual', async () => {
    const r = await report(`from=${new Date(t0 + 10 * M).toISOString()}&to=${new Date(t0 + H + 1).toISOString()}&groupBy=country`);
    expect(r).toMatchObject({ from: new Date(t0).toISOString(), to: new Date(t0 + 2 * H).toISOString(), hours: 2 });
    expect(r.rows.map((row) => row.key)).toEqual(['FR', 'MA']);
    const year = await report('period=year&groupBy=network');
    // A year asked, but a few hours of data: the PUE is no annual figure.
    expect(year).toMatchObject({ hours: 365 * 24, pueBasis: 'interim' });
    expect(year.rows[0]!.facilityMwh).toBeCloseTo(4 + 2.75, 3); // the sample before the range counts in the year
    expect((await report('period=month')).pueBasis).toBe('interim');
  });

  it('labels the PUE annual once every reporting site has a year of data', async () => {
    // Closed hourly rows for both sites from a year back up to the hours seeded above (none overlaps them).
    const yearFrom = Math.ceil(Date.now() / H) * H - 365 * 24 * H;
    await h.cp.db.query(
      `INSERT INTO telemetry_rollup_1h (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
       SELECT s.id, b, 1, 1, 1e9, 1, 1, b FROM telemetry_series s, generate_series($1::bigint, $2::bigint, ${H}) b
        WHERE s.metric IN ('site_facility_energy_joules_total', 'site_it_energy_joules_total')`,
      [yearFrom, t0 - 2 * H],
    );
    const year = await report('period=year&groupBy=network');
    expect(year.pueBasis).toBe('annual');
    expect(year.rows[0]!.hoursWithData).toBeGreaterThan(2 * 0.95 * 365 * 24);
    expect((await report(`${range}&groupBy=network`)).pueBasis).toBe('interim');
  });

  it('answers 400 naming the field for a bad range', async () => {
    const problem = async (query: string) => {
      const res = await h.call('GET', `/v1/capacity/energy?${query}`);
      expect(res.status, query).toBe(400);
      const { fields, message } = ErrorBodySchema.parse(res.body).error;
      return `${fields?.[0]?.field}: ${message}`;
    };
    expect(await problem('from=2026-02-01&to=2026-01-01')).toMatch(/^to: .*after from/);
    expect(await problem('from=2026-01-01&to=2026-01-01')).toMatch(/^to: /);
    expect(await problem('from=2020-01-01&to=2026-01-01')).toMatch(/^to: .*731 days/);
    expect(await problem('from=yesterday&to=2026-01-01')).toMatch(/^from: /);
    expect(await problem('from=2026-01-01T00:00:00&to=2026-01-02')).toMatch(/^from: /); // no offset
    expect(await problem('to=2026-01-01')).toMatch(/^from: /);
    expect(await problem('period=decade')).toMatch(/^period: /);
    expect(await problem('period=day&from=2026-01-01')).toMatch(/^from: /);
    expect(await problem('from=1999-12-31&to=2000-01-02')).toMatch(/^from: /);
    expect(await problem(`${range}&groupBy=galaxy`)).toMatch(/^groupBy: /);
  });
});
