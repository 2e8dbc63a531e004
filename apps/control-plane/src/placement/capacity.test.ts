import { describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile, buildSite } from '@corridor/shared/testing';
import { fits, siteCapacity } from './capacity.ts';
import { fleetSnapshot } from './fixtures.ts';

/** A 1 MW site with 512 H100 (1.3 kW each) and 256 L40S (0.6 kW each). */
const file = buildFleetFile({
  sites: [
    buildSite({
      id: 'site-a',
      operatorId: 'operator-test',
      itCapacityMw: 1,
      clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 512, kwPerGpu: 1.3 }), buildCluster({ gpuModel: 'L40S', gpuCount: 256, kwPerGpu: 0.6 })],
    }),
  ],
  links: [],
});
const site = fleetSnapshot(file, 'test').sites[0]!;

describe('what a site can still take', () => {
  it('fits a reservation while GPUs of its model and IT power are both left, to the last GPU and kW', () => {
    const usage = { gpus: { H100: 448 }, powerKw: 582.4 };
    expect(fits(site, usage, { gpuModel: 'H100', gpuCount: 64, powerKw: 83.2 })).toBe(true);
    expect(fits(site, usage, { gpuModel: 'H100', gpuCount: 65, powerKw: 84.5 })).toBe(false);
    expect(fits(site, usage, { gpuModel: 'L40S', gpuCount: 256, powerKw: 417.6 })).toBe(true);
    expect(fits(site, usage, { gpuModel: 'L40S', gpuCount: 256, powerKw: 417.7 })).toBe(false);
    expect(fits(site, undefined, { gpuModel: 'B200', gpuCount: 1, powerKw: 1 })).toBe(false);
  });

  it('shows GPUs by model installed, reserved and free, and the power left', () => {
    expect(siteCapacity(site, { gpus: { H100: 100 }, powerKw: 130 }, undefined)).toEqual({
      siteId: 'site-a',
      status: 'operational',
      gpus: [
        { model: 'H100', installed: 512, reserved: 100, free: 412 },
        { model: 'L40S', installed: 256, reserved: 0, free: 256 },
      ],
      powerKw: { capacity: 1000, reserved: 130, free: 870 },
    });
    expect(siteCapacity(site, undefined, 'offline').status).toBe('offline');
  });
});
