import { describe, expect, it } from 'vitest';
import { CABLE_CUT, FaultSchema, applyCableCut, applySiteDown, coolingFailureEffect, linkFault, siteCoolingEffect, siteFaults } from './faults.ts';
import { rng } from './random.ts';

describe('fault schema', () => {
  it('accepts the three kinds and rejects a site fault without a site', () => {
    expect(FaultSchema.safeParse({ kind: 'cooling-failure', siteId: 'usdc-casablanca-1' }).success).toBe(true);
    expect(FaultSchema.safeParse({ kind: 'site-down', siteId: 'a', sinceMs: 1000 }).success).toBe(true);
    expect(FaultSchema.safeParse({ kind: 'cable-cut', linkId: 'medusa', mode: 'unreachable' }).success).toBe(true);
    expect(FaultSchema.safeParse({ kind: 'site-down', linkId: 'medusa' }).success).toBe(false);
    expect(FaultSchema.safeParse({ kind: 'meteor', siteId: 'a' }).success).toBe(false);
  });

  it('selects the faults in force on a target at an instant', () => {
    const faults = [
      { kind: 'cooling-failure', siteId: 'a', sinceMs: 1000 },
      { kind: 'site-down', siteId: 'b' },
      { kind: 'cable-cut', linkId: 'l' },
    ] as const;
    expect(siteFaults(faults, 'a', 999)).toEqual([]);
    expect(siteFaults(faults, 'a', 1000)).toHaveLength(1);
    expect(siteFaults(faults, 'b', 0)).toEqual([faults[1]]);
    expect(linkFault(faults, 'l', 0)).toBe(faults[2]);
    expect(linkFault(faults, 'a', 0)).toBeUndefined();
  });
});

describe('cooling failure', () => {
  it('shows half its effect at once and climbs towards the full effect', () => {
    const now = coolingFailureEffect(0);
    const later = coolingFailureEffect(10 * 60_000);
    const full = coolingFailureEffect(Number.POSITIVE_INFINITY);
    expect(now.inletRiseC).toBeCloseTo(5);
    expect(later.inletRiseC).toBeGreaterThan(now.inletRiseC);
    expect(full.inletRiseC).toBeCloseTo(10);
    expect(full.overheadFactor).toBeCloseTo(2.5);
    expect(siteCoolingEffect([], 0)).toEqual({ inletRiseC: 0, overheadFactor: 1 });
  });
});

describe('site down', () => {
  it('zeroes power, availability and GPUs and drops the GPU and mix readings', () => {
    const down = applySiteDown({
      site_it_power_watts: 5e6,
      site_facility_power_watts: 6e6,
      site_pue_ratio: 1.2,
      gpu_temperature_mean_celsius: 60,
      site_gpus_busy: 100,
      site_gpus_free: 20,
      site_availability_ratio: 1,
      site_ambient_temperature_celsius: 21,
      site_renewable_share_ratio: 0.3,
    });
    expect(down).toMatchObject({ site_it_power_watts: 0, site_facility_power_watts: 0, site_gpus_busy: 0, site_gpus_free: 0, site_availability_ratio: 0 });
    expect(down.site_ambient_temperature_celsius).toBe(21);
    expect(down.site_pue_ratio).toBeUndefined();
    expect(down.gpu_temperature_mean_celsius).toBeUndefined();
    expect(down.site_renewable_share_ratio).toBeUndefined();
  });
});

describe('cable cut', () => {
  const healthy = { link_rtt_seconds: 0.015, link_loss_ratio: 1e-5, link_utilization_ratio: 0.5 };

  it('reroutes: RTT × 2.5, loss 30–50 %, the backup path saturated', () => {
    const cut = applyCableCut(healthy, { kind: 'cable-cut', linkId: 'l' }, rng('cut'));
    expect(cut.link_rtt_seconds).toBeCloseTo(0.015 * CABLE_CUT.rttFactor);
    expect(cut.link_loss_ratio).toBeGreaterThanOrEqual(0.3);
    expect(cut.link_loss_ratio).toBeLessThanOrEqual(0.5);
    expect(cut.link_utilization_ratio).toBeGreaterThanOrEqual(0.9);
  });

  it('or leaves the ends unreachable: total loss and no RTT', () => {
    const cut = applyCableCut(healthy, { kind: 'cable-cut', linkId: 'l', mode: 'unreachable' }, rng('cut'));
    expect(cut).toEqual({ link_loss_ratio: 1, link_utilization_ratio: 0 });
  });
});
