import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORKLOAD_KINDS } from '@corridor/shared';
import { WORKLOAD_UTILISATION, backgroundUtilisation, siteUtilisation } from './demand.ts';
import { simulateSite, type SimSite } from './simulate.ts';

const SITE: SimSite = {
  id: 'usdc-casablanca-1',
  lat: 33.57,
  lon: -7.59,
  country: 'MA',
  status: 'operational',
  itCapacityMw: 7.5,
  designPue: 1.2,
  onSiteSolarMw: 0,
  gridCarbonGPerKwh: 551,
  clusters: [{ gpuCount: 2048, kwPerGpu: 1.3 }],
};
/** 03:00 local solar time at the site, when background demand is lowest. */
const NIGHT = Date.UTC(2026, 5, 21) + (3 - SITE.lon / 15) * 3_600_000;

describe('site utilisation from the workloads running there', () => {
  it('is the background demand when nothing runs', () => {
    expect(siteUtilisation(2048, [], 0.4)).toBe(0.4);
  });

  it('weighs each workload’s GPUs at its kind’s load and the other GPUs at the background demand', () => {
    // 512 training GPUs at 0.95, 256 inference at 0.6, 1,280 others at 0.4.
    const u = siteUtilisation(
      2048,
      [
        { kind: 'training', gpuCount: 512 },
        { kind: 'inference', gpuCount: 256 },
      ],
      0.4,
    );
    expect(u).toBeCloseTo((512 * 0.95 + 256 * 0.6 + 1280 * 0.4) / 2048, 10);
    expect(WORKLOAD_UTILISATION).toEqual({ training: 0.95, 'fine-tuning': 0.9, inference: 0.6, batch: 0.8 });
  });

  it('never counts more GPUs than the site has', () => {
    expect(
      siteUtilisation(
        100,
        [
          { kind: 'training', gpuCount: 80 },
          { kind: 'batch', gpuCount: 80 },
        ],
        0.1,
      ),
    ).toBeCloseTo((80 * 0.95 + 20 * 0.8) / 100, 10);
  });

  it('stays within 0–1 and never falls when a workload at a load above the background starts', () => {
    const running = fc.array(fc.record({ kind: fc.constantFrom(...WORKLOAD_KINDS), gpuCount: fc.integer({ min: 1, max: 3000 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), running, fc.double({ min: 0, max: 1, noNaN: true }), (total, list, background) => {
        const u = siteUtilisation(total, list, background);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThanOrEqual(1);
        const training = siteUtilisation(total, [...list, { kind: 'training', gpuCount: 64 }], Math.min(background, 0.95));
        expect(training).toBeGreaterThanOrEqual(siteUtilisation(total, list, Math.min(background, 0.95)) - 1e-12);
      }),
    );
  });

  it('makes a 512-GPU training job visibly raise the site’s IT and facility power', () => {
    const background = backgroundUtilisation(SITE, NIGHT, 7);
    const idle = simulateSite(SITE, NIGHT, { utilisation: siteUtilisation(2048, [], background), seed: 7 }).values;
    const busy = simulateSite(SITE, NIGHT, { utilisation: siteUtilisation(2048, [{ kind: 'training', gpuCount: 512 }], background), seed: 7 }).values;
    // 512 of 2,048 GPUs from the night's background load to 0.95: several percent more IT power, far above the ±0.5 % noise.
    expect(busy.site_it_power_watts! / idle.site_it_power_watts!).toBeGreaterThan(1.05);
    expect(busy.site_facility_power_watts!).toBeGreaterThan(idle.site_facility_power_watts!);
  });
});
