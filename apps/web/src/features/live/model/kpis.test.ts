import { describe, expect, it } from 'vitest';
import { fleetKpis } from './kpis.ts';
import type { EntityValues } from './live-state.ts';

const site = (values: EntityValues['values']): EntityValues => ({ at: 0, values });

describe('fleet KPIs', () => {
  it('sums power in MW and weights PUE and renewable share by power', () => {
    const kpis = fleetKpis({
      big: site({ site_facility_power_watts: 12e6, site_it_power_watts: 10e6, site_renewable_share_ratio: 0.1, site_gpus_busy: 900, site_gpus_free: 100 }),
      small: site({ site_facility_power_watts: 2e6, site_it_power_watts: 1e6, site_renewable_share_ratio: 0.8, site_gpus_busy: 10, site_gpus_free: 90 }),
    });
    expect(kpis.facilityPowerMw).toBe(14);
    expect(kpis.itPowerMw).toBe(11);
    // 14 / 11, not the mean of 1.2 and 2.0.
    expect(kpis.pue).toBeCloseTo(14 / 11, 10);
    // (0.1 × 12 + 0.8 × 2) / 14 = 0.2, not the mean 0.45.
    expect(kpis.renewableShare).toBeCloseTo(0.2, 10);
    expect(kpis.gpusBusy).toBe(910);
    expect(kpis.gpusReporting).toBe(2);
    expect(kpis.sitesReporting).toBe(2);
  });

  it('leaves dark sites out of PUE and renewable share but still counts what they report', () => {
    const kpis = fleetKpis({
      up: site({ site_facility_power_watts: 6e6, site_it_power_watts: 5e6, site_renewable_share_ratio: 0.5 }),
      down: site({ site_facility_power_watts: 0, site_it_power_watts: 0, site_renewable_share_ratio: 1, site_gpus_busy: 0 }),
      planned: site({ site_ambient_temperature_celsius: 20 }),
    });
    expect(kpis.pue).toBeCloseTo(1.2, 10);
    expect(kpis.renewableShare).toBeCloseTo(0.5, 10);
    expect(kpis.facilityPowerMw).toBe(6);
    expect(kpis.sitesReporting).toBe(3);
  });

  it("sums only the sites asked for (a country's), and says when none reports GPUs busy", () => {
    const sites = {
      ma: site({ site_facility_power_watts: 3e6, site_it_power_watts: 2e6, site_gpus_busy: 40 }),
      fr: site({ site_facility_power_watts: 9e6, site_it_power_watts: 8e6, site_gpus_busy: 500 }),
      dark: site({ site_ambient_temperature_celsius: 20 }),
    };
    const morocco = fleetKpis(sites, new Set(['ma']));
    expect(morocco.facilityPowerMw).toBe(3);
    expect(morocco.gpusBusy).toBe(40);
    expect(fleetKpis(sites, new Set(['dark'])).gpusReporting).toBe(0);
  });

  it('has no PUE or share without load', () => {
    expect(fleetKpis({})).toEqual({ facilityPowerMw: 0, itPowerMw: 0, pue: undefined, renewableShare: undefined, gpusBusy: 0, gpusReporting: 0, sitesReporting: 0 });
  });
});
