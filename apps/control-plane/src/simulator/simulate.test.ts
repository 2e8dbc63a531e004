import { describe, expect, it } from 'vitest';
import { SampleSchema } from '@corridor/shared';
import type { Fault } from './faults.ts';
import { type SimSite, simulateLink, simulateSite, toSamples } from './simulate.ts';
import { solarNoonUtcMs } from './solar.ts';

const HOUR = 3_600_000;
const site = (overrides: Partial<SimSite> = {}): SimSite => ({
  id: 'usdc-casablanca-1',
  lat: 33.57,
  lon: -7.59,
  country: 'MA',
  status: 'operational',
  itCapacityMw: 7.5,
  designPue: 1.2,
  onSiteSolarMw: 1,
  gridCarbonGPerKwh: 551,
  clusters: [{ gpuCount: 4000, kwPerGpu: 1.3 }],
  ...overrides,
});
const CASABLANCA = site();
const MARRAKECH = site({ id: 'marrakech', lat: 31.63, lon: -8.0 });
const GRENOBLE = site({ id: 'grenoble', lat: 45.19, lon: 5.72, country: 'FR', gridCarbonGPerKwh: 21 });
const LINK = { id: 'medusa-nador-marseille', rttMs: 15, lengthKm: 1416, midLon: 1 };
const opts = { utilisation: 0.7, seed: 1 };
/** UTC instant of a local solar hour (ignoring the equation of time). */
const atSolarHour = (y: number, m: number, d: number, hour: number, lon: number) => Date.UTC(y, m, d) + (hour - lon / 15) * HOUR;
const solarShare = (v: ReturnType<typeof simulateSite>['values']) => Math.min(1, v.site_solar_power_watts! / v.site_facility_power_watts!);

describe('simulateSite: physics', () => {
  it('gives 0 solar share at local midnight and > 0 at local noon in Casablanca, in every season', () => {
    for (const month of [0, 3, 6, 9]) {
      const midnight = simulateSite(CASABLANCA, atSolarHour(2026, month, 15, 0, CASABLANCA.lon), opts).values;
      const noon = simulateSite(CASABLANCA, solarNoonUtcMs(Date.UTC(2026, month, 15), CASABLANCA.lon), opts).values;
      expect(solarShare(midnight)).toBe(0);
      expect(solarShare(noon)).toBeGreaterThan(0.05);
      // Solar lifts the renewable share and cuts the carbon intensity.
      expect(noon.site_renewable_share_ratio).toBeGreaterThan(midnight.site_renewable_share_ratio!);
      expect(noon.site_carbon_intensity_grams_per_kilowatt_hour).toBeLessThan(midnight.site_carbon_intensity_grams_per_kilowatt_hour!);
      expect(midnight.site_renewable_share_ratio).toBeCloseTo(0.26, 5);
      expect(midnight.site_carbon_intensity_grams_per_kilowatt_hour).toBeCloseTo(551, 5);
    }
  });

  it('has a higher PUE on a summer afternoon in Marrakech than on a winter night in Grenoble', () => {
    for (const seed of [1, 2, 3]) {
      const marrakech = simulateSite(MARRAKECH, atSolarHour(2026, 6, 20, 15, MARRAKECH.lon), { ...opts, seed }).values;
      const grenoble = simulateSite(GRENOBLE, atSolarHour(2026, 0, 15, 3, GRENOBLE.lon), { ...opts, seed }).values;
      expect(marrakech.site_pue_ratio).toBeGreaterThan(grenoble.site_pue_ratio! + 0.02);
      expect(marrakech.site_ambient_temperature_celsius).toBeGreaterThan(grenoble.site_ambient_temperature_celsius! + 20);
    }
  });

  it('makes facility power exactly IT × PUE', () => {
    for (let h = 0; h < 24; h += 5) {
      const v = simulateSite(CASABLANCA, Date.UTC(2026, 4, 1, h), opts).values;
      expect(v.site_facility_power_watts).toBe(v.site_it_power_watts! * v.site_pue_ratio!);
      expect(v.site_facility_energy_joules_total! / v.site_it_energy_joules_total!).toBeCloseTo(v.site_pue_ratio!, 12);
    }
  });

  it('draws more IT power, runs hotter and keeps more GPUs busy with more utilisation', () => {
    const at = Date.UTC(2026, 4, 1, 10);
    const low = simulateSite(CASABLANCA, at, { ...opts, utilisation: 0.2 }).values;
    const high = simulateSite(CASABLANCA, at, { ...opts, utilisation: 0.9 }).values;
    expect(high.site_it_power_watts).toBeGreaterThan(low.site_it_power_watts! * 1.8);
    expect(high.gpu_temperature_mean_celsius).toBeGreaterThan(low.gpu_temperature_mean_celsius!);
    expect(high.gpu_sm_active_ratio).toBeGreaterThan(low.gpu_sm_active_ratio!);
    expect(high.site_gpus_busy).toBe(3600);
    expect(high.site_gpus_busy! + high.site_gpus_free!).toBe(4000);
    // Part load is less efficient.
    expect(low.site_pue_ratio).toBeGreaterThan(high.site_pue_ratio!);
  });

  it('produces only valid samples in the catalogue', () => {
    const at = Date.UTC(2026, 6, 1, 12);
    const snapshot = simulateSite(CASABLANCA, at, { ...opts, windowMs: 5000 });
    const samples = toSamples({ siteId: CASABLANCA.id }, at, snapshot.values);
    expect(samples.length).toBe(18);
    for (const s of samples) expect(SampleSchema.safeParse(s).success, s.metric).toBe(true);
    const linkSamples = toSamples({ linkId: LINK.id }, at, simulateLink(LINK, at, { seed: 1 }).values);
    expect(linkSamples.map((s) => s.metric)).toEqual(['link_rtt_seconds', 'link_loss_ratio', 'link_utilization_ratio']);
    for (const s of linkSamples) expect(SampleSchema.safeParse(s).success).toBe(true);
  });
});

describe('simulateSite: status', () => {
  const at = Date.UTC(2026, 4, 1, 12);

  it('produces nothing for planned and construction sites', () => {
    expect(simulateSite(site({ status: 'planned' }), at, opts)).toEqual({ status: 'planned', values: {} });
    expect(simulateSite(site({ status: 'construction' }), at, opts).values).toEqual({});
  });

  it('runs a site in maintenance at low load with half its GPUs', () => {
    const v = simulateSite(site({ status: 'maintenance' }), at, { ...opts, utilisation: 0.9 }).values;
    const normal = simulateSite(CASABLANCA, at, { ...opts, utilisation: 0.9 }).values;
    expect(v.site_it_power_watts).toBeLessThan(normal.site_it_power_watts! * 0.25);
    expect(v.site_availability_ratio).toBe(0.5);
    expect(v.site_gpus_busy).toBe(200);
  });

  it('reports an offline site as dark', () => {
    const s = simulateSite(site({ status: 'offline' }), at, opts);
    expect(s.status).toBe('offline');
    expect(s.values.site_it_power_watts).toBe(0);
  });
});

describe('simulateSite: determinism', () => {
  const series = (seed: number, s: SimSite = CASABLANCA) => Array.from({ length: 48 }, (_, i) => simulateSite(s, Date.UTC(2026, 2, 1) + i * 5000, { ...opts, seed }).values);

  it('repeats the same series for the same seed, whatever else was simulated in between', () => {
    const first = series(7);
    series(8, GRENOBLE);
    expect(series(7)).toEqual(first);
  });

  it('jitters differently with a different seed', () => {
    const a = series(7);
    const b = series(8);
    expect(a.map((v) => v.site_it_power_watts)).not.toEqual(b.map((v) => v.site_it_power_watts));
    expect(a.map((v) => v.site_ambient_temperature_celsius)).not.toEqual(b.map((v) => v.site_ambient_temperature_celsius));
  });

  it('gives two sites independent series', () => {
    const other = { ...CASABLANCA, id: 'twin' };
    expect(series(7, other).map((v) => v.site_it_power_watts)).not.toEqual(series(7).map((v) => v.site_it_power_watts));
  });
});

describe('simulateSite: faults', () => {
  const start = Date.UTC(2026, 6, 20, 13);
  const cooling: Fault = { kind: 'cooling-failure', siteId: CASABLANCA.id, sinceMs: start };

  it('a cooling failure raises PUE, inlet and GPU temperatures at once, climbing after; removing it restores them', () => {
    const at = start + 5000;
    const normal = simulateSite(CASABLANCA, at, opts);
    const failing = simulateSite(CASABLANCA, at, { ...opts, faults: [cooling] });
    const later = simulateSite(CASABLANCA, start + 30 * 60_000, { ...opts, faults: [cooling] });
    const laterNormal = simulateSite(CASABLANCA, start + 30 * 60_000, opts);
    expect(failing.status).toBe('degraded');
    expect(failing.values.site_pue_ratio).toBeGreaterThan(normal.values.site_pue_ratio! + 0.1);
    expect(failing.values.site_inlet_temperature_celsius).toBeGreaterThan(normal.values.site_inlet_temperature_celsius! + 4);
    expect(failing.values.gpu_temperature_mean_celsius).toBeGreaterThan(normal.values.gpu_temperature_mean_celsius! + 4);
    expect(failing.values.gpu_temperature_max_celsius).toBeGreaterThan(normal.values.gpu_temperature_max_celsius! + 4);
    expect(later.values.site_pue_ratio! - laterNormal.values.site_pue_ratio!).toBeGreaterThan(failing.values.site_pue_ratio! - normal.values.site_pue_ratio!);
    // IT draw is unchanged; the facility pays for the cooling.
    expect(failing.values.site_it_power_watts).toBe(normal.values.site_it_power_watts);
    expect(failing.values.site_facility_power_watts).toBe(failing.values.site_it_power_watts! * failing.values.site_pue_ratio!);
    // Removed at the next tick: the normal series comes back exactly.
    expect(simulateSite(CASABLANCA, at + 5000, opts)).toEqual(simulateSite(CASABLANCA, at + 5000, { ...opts, faults: [] }));
    expect(simulateSite(CASABLANCA, at + 5000, opts).status).toBe('operational');
  });

  it('a fault on another site, or not yet begun, changes nothing', () => {
    const at = start - 5000;
    expect(simulateSite(CASABLANCA, at, { ...opts, faults: [cooling] })).toEqual(simulateSite(CASABLANCA, at, opts));
    expect(simulateSite(GRENOBLE, start + 5000, { ...opts, faults: [cooling] })).toEqual(simulateSite(GRENOBLE, start + 5000, opts));
  });

  it('site down: no power, no availability, no GPUs busy or free, offline; then back', () => {
    const down: Fault = { kind: 'site-down', siteId: CASABLANCA.id };
    const s = simulateSite(CASABLANCA, start, { ...opts, faults: [down] });
    expect(s.status).toBe('offline');
    expect(s.values).toMatchObject({ site_it_power_watts: 0, site_facility_power_watts: 0, site_availability_ratio: 0, site_gpus_busy: 0, site_gpus_free: 0 });
    expect(s.values.site_pue_ratio).toBeUndefined();
    for (const sample of toSamples({ siteId: CASABLANCA.id }, start, s.values)) expect(SampleSchema.safeParse(sample).success).toBe(true);
    const back = simulateSite(CASABLANCA, start + 5000, opts);
    expect(back.status).toBe('operational');
    expect(back.values.site_it_power_watts).toBeGreaterThan(0);
  });
});

describe('simulateLink', () => {
  const at = Date.UTC(2026, 3, 10, 18);

  it('keeps a healthy link near its base RTT with almost no loss', () => {
    const s = simulateLink(LINK, at, { seed: 1 });
    expect(s.reachable).toBe(true);
    expect(s.values.link_rtt_seconds! * 1000).toBeGreaterThan(14);
    expect(s.values.link_rtt_seconds! * 1000).toBeLessThan(17);
    expect(s.values.link_loss_ratio).toBeLessThan(1e-3);
  });

  it('a cut cable reroutes: RTT × 2.5 and heavy loss; removing the cut restores the link', () => {
    const normal = simulateLink(LINK, at, { seed: 1 });
    const cut = simulateLink(LINK, at, { seed: 1, faults: [{ kind: 'cable-cut', linkId: LINK.id }] });
    expect(cut.reachable).toBe(true);
    expect(cut.values.link_rtt_seconds).toBeCloseTo(normal.values.link_rtt_seconds! * 2.5, 10);
    expect(cut.values.link_loss_ratio).toBeGreaterThanOrEqual(0.3);
    expect(cut.values.link_loss_ratio).toBeLessThanOrEqual(0.5);
    expect(simulateLink(LINK, at + 5000, { seed: 1, faults: [] })).toEqual(simulateLink(LINK, at + 5000, { seed: 1 }));
  });

  it('a cut with no surviving path leaves the link unreachable: total loss, no RTT', () => {
    const cut = simulateLink(LINK, at, { seed: 1, faults: [{ kind: 'cable-cut', linkId: LINK.id, mode: 'unreachable' }] });
    expect(cut.reachable).toBe(false);
    expect(cut.values).toEqual({ link_loss_ratio: 1, link_utilization_ratio: 0 });
  });

  it('repeats per seed and jitters per seed', () => {
    expect(simulateLink(LINK, at, { seed: 3 })).toEqual(simulateLink(LINK, at, { seed: 3 }));
    expect(simulateLink(LINK, at, { seed: 3 }).values.link_rtt_seconds).not.toBe(simulateLink(LINK, at, { seed: 4 }).values.link_rtt_seconds);
  });
});
