import { describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import type { Sample, TelemetryFrame } from '@corridor/shared';
import type { FleetService } from '../fleet/fleet-service.ts';
import { Simulator } from '../simulator/simulator.ts';
import { TelemetryIngest } from '../telemetry/telemetry-ingest.ts';
import { DEFAULT_RETENTION, type TelemetryStore } from '../telemetry/telemetry-store.ts';
import { EventBus } from './event-bus.ts';
import { LiveState } from './live-state.ts';

const logger = createLogger('live-state-test', 'silent');

/** Samples of one site at one instant. */
const samples = (siteId: string, at: number, values: Record<string, number>): Sample[] => Object.entries(values).map(([metric, value]) => ({ metric, siteId, at, value }) as Sample);

describe('LiveState: metrics a site stops reporting', () => {
  const up = { site_it_power_watts: 5e6, site_pue_ratio: 1.2, gpu_temperature_max_celsius: 74 };
  const down = { site_it_power_watts: 0, site_availability_ratio: 0 };

  it('drops a metric unreported for more than 2.5 of its intervals, keeps one missing from a frame or two', () => {
    const live = new LiveState(new EventBus());
    for (const at of [1_000, 2_000, 3_000]) live.publishSamples(samples('rabat', at, up));
    live.publishSamples(samples('rabat', 4_000, down));
    live.publishSamples(samples('rabat', 5_000, down));
    // Two frames without PUE (2 s < 2.5 × 1 s): still there.
    expect(live.snapshot().frame.sites.rabat).toEqual({ ...up, ...down });
    live.publishSamples(samples('rabat', 6_000, down));
    expect(live.snapshot().frame.sites.rabat).toEqual(down);
    // Back with the next report of it.
    live.publishSamples(samples('rabat', 7_000, up));
    expect(live.snapshot().frame.sites.rabat).toEqual({ ...down, ...up });
  });

  it('keeps each metric’s newest report: a late frame neither overwrites it nor brings a dropped one back', () => {
    const live = new LiveState(new EventBus());
    for (const at of [1_000, 2_000, 3_000]) live.publishSamples(samples('rabat', at, up));
    live.publishSamples(samples('rabat', 3_500, { site_pue_ratio: 1.3 }));
    live.publishSamples(samples('rabat', 2_500, { site_pue_ratio: 1.1 }));
    expect(live.snapshot().frame.sites.rabat!.site_pue_ratio).toBe(1.3);
    for (const at of [4_000, 5_000, 6_000, 7_000]) live.publishSamples(samples('rabat', at, down));
    expect(live.snapshot().frame.sites.rabat!.site_pue_ratio).toBeUndefined();
    live.publishSamples(samples('rabat', 3_000, up)); // a replay
    expect(live.snapshot().frame.sites.rabat).toEqual(down);
    expect(live.snapshot().frame.at).toBe(7_000);
  });

  it('leaves out of the snapshot the stale metrics of a site that stopped sending frames at all', () => {
    const live = new LiveState(new EventBus());
    for (const at of [1_000, 2_000, 3_000]) live.publishSamples([...samples('rabat', at, up), ...samples('dakar', at, up)]);
    for (const at of [4_000, 5_000, 6_000]) live.publishSamples(samples('dakar', at, up));
    const snapshot = live.snapshot();
    expect(snapshot.frame.sites.dakar).toEqual(up);
    expect(snapshot.frame.sites.rabat).toBeUndefined();
    // What planning reads per site agrees with the snapshot.
    expect(live.siteValue('dakar', 'site_pue_ratio')).toBe(1.2);
    expect(live.siteValue('rabat', 'site_pue_ratio')).toBeUndefined();
  });
});

describe('LiveState with the simulator: a site down', () => {
  const TICK = 5_000;
  const site = {
    id: 'rabat',
    lat: 34.02,
    lon: -6.84,
    country: 'MA',
    status: 'operational' as const,
    itCapacityMw: 7.5,
    designPue: 1.2,
    onSiteSolarMw: 1,
    gridCarbonGPerKwh: 551,
    clusters: [{ gpuCount: 4000, kwPerGpu: 1.3 }],
  };
  const fleet = { current: async () => ({ sites: [site], links: [], siteById: new Map([[site.id, { site, links: [] }]]) }) } as unknown as FleetService;
  const telemetry = {
    retention: DEFAULT_RETENTION,
    insert: async (s: Sample[]) => ({ inserted: s.length }),
    knownEntities: async (_kind: string, ids: string[]) => new Set(ids),
  } as unknown as TelemetryStore;

  it('has no PUE or GPU temperature in the snapshot after the window, only what a dark site reports', async () => {
    const t0 = Date.UTC(2026, 5, 21, 12);
    let clock = t0;
    const bus = new EventBus();
    const live = new LiveState(bus);
    const frames: TelemetryFrame[] = [];
    bus.subscribe((e) => e.type === 'telemetry' && frames.push(e.data));
    const ingest = new TelemetryIngest(telemetry, live, () => clock);
    const sim = new Simulator({ fleet, ingest, live, logger, now: () => clock, options: { seed: 7, tickMs: TICK, timeWarp: 1 } });

    await sim.tick(t0);
    await sim.tick(t0 + TICK);
    const before = live.snapshot().frame.sites.rabat!;
    expect(before).toMatchObject({ site_pue_ratio: expect.any(Number), gpu_temperature_mean_celsius: expect.any(Number), gpu_temperature_max_celsius: expect.any(Number) });

    clock = t0 + 2 * TICK;
    const fault = await sim.inject({ kind: 'site-down', siteId: 'rabat' }); // ticks at once
    // What the simulator reports for the dark site: power and availability 0, no PUE, no GPU temperature.
    const dark = frames.at(-1)!.sites.rabat!;
    expect(dark).toMatchObject({ site_it_power_watts: 0, site_facility_power_watts: 0, site_availability_ratio: 0 });
    expect(dark.site_pue_ratio).toBeUndefined();
    expect(dark.gpu_temperature_max_celsius).toBeUndefined();
    expect(live.snapshot().health.rabat).toMatchObject({ declared: 'operational', health: 'down' });

    // One and two ticks down: still within the window (a frame that misses a metric does not blank it).
    expect(live.snapshot().frame.sites.rabat!.site_pue_ratio).toBe(before.site_pue_ratio);
    await sim.tick(t0 + 3 * TICK);
    expect(live.snapshot().frame.sites.rabat!.site_pue_ratio).toBe(before.site_pue_ratio);

    // Three ticks down (15 s after the last report, > 2.5 ticks): gone.
    await sim.tick(t0 + 4 * TICK);
    const after = live.snapshot().frame.sites.rabat!;
    // Exactly what the site still reports, nothing left over from before the outage.
    expect(after).toEqual(frames.at(-1)!.sites.rabat);
    for (const stale of [
      'site_pue_ratio',
      'gpu_temperature_mean_celsius',
      'gpu_temperature_max_celsius',
      'site_inlet_temperature_celsius',
      'site_renewable_share_ratio',
      'site_carbon_intensity_grams_per_kilowatt_hour',
    ] as const) {
      expect(after[stale]).toBeUndefined();
    }
    expect(after).toMatchObject({ site_it_power_watts: 0, site_facility_power_watts: 0, site_availability_ratio: 0, site_gpus_busy: 0, site_gpus_free: 0 });
    expect(after.site_ambient_temperature_celsius).toEqual(expect.any(Number));

    // Cleared: the next tick reports them again.
    clock = t0 + 5 * TICK;
    await sim.clear(fault.id);
    expect(live.snapshot().frame.sites.rabat).toMatchObject({ site_pue_ratio: expect.any(Number), site_availability_ratio: 1 });
  });
});
