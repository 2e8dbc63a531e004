import { describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile, buildSite } from '@corridor/shared/testing';
import { defaultPolicy, fleetSnapshot } from '../placement/fixtures.ts';
import { demandClasses } from './headroom-classes.ts';
import { classForecast, leastSquares, nextQuarters } from './forecast.ts';

const WEEK = 7 * 86_400_000;
const policy = defaultPolicy();
const ng = demandClasses(policy.pack).find((c) => c.id === 'ng-government-data')!;

describe('forecast arithmetic', () => {
  it('fits the least-squares line, flat through the mean when x does not vary', () => {
    expect(
      leastSquares([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
    expect(
      leastSquares([
        { x: 4, y: 2 },
        { x: 4, y: 6 },
      ]),
    ).toEqual({ slope: 0, intercept: 4 });
  });

  it('lists the current quarter and the next ones with their last day, across a year end', () => {
    expect(nextQuarters(new Date('2026-12-03T15:00:00Z'), 3).map(({ quarter, ends }) => [quarter, ends])).toEqual([
      ['2026-Q4', '2026-12-31'],
      ['2027-Q1', '2027-03-31'],
      ['2027-Q2', '2027-06-30'],
    ]);
  });

  it('adds lawful pipeline to supply from its commissioning quarter and flags only the first crossing', () => {
    const file = buildFleetFile({
      jurisdictions: [{ code: 'NG', name: 'Nigeria', blocs: ['ECOWAS'] }],
      sites: [
        buildSite({ id: 'ng-1', operatorId: 'operator-test', country: 'NG', clusters: [buildCluster({ gpuCount: 200 })] }),
        buildSite({ id: 'ng-2', operatorId: 'operator-test', country: 'NG', status: 'construction', commissioningDate: '2027-05-01', clusters: [buildCluster({ gpuCount: 60 })] }),
        buildSite({ id: 'ma-1', operatorId: 'operator-test', clusters: [buildCluster({ gpuCount: 5000 })] }),
      ],
      links: [],
    });
    const at = new Date('2026-12-03T12:00:00Z');
    // 10 GPUs more each week for 12 weeks: 120 now, +10 a week.
    const spans = Array.from({ length: 12 }, (_, i) => ({ classIds: [ng.id], gpuCount: 10, fromMs: at.getTime() - (11 - i) * WEEK - 1, untilMs: null }));
    const f = classForecast({ fleet: fleetSnapshot(file, 'v'), policy, at }, ng, spans, 12);
    expect(f.history.map((h) => h.committedGpus)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(f.trend.slopeGpusPerWeek).toBe(10);
    // Supply: ng-1's 200 (ma-1 is not lawful for Nigerian government data), ng-2's 60 from 2027-Q2.
    expect(f.quarters.map((q) => q.supplyGpus)).toEqual([200, 200, 260, 260, 260, 260, 260, 260]);
    // Demand at the end of 2026-12-31 (4.07 weeks on): 161, within 200; at 2027-03-31 (~17 weeks on): ~290, past it.
    expect(f.quarters[0]).toMatchObject({ quarter: '2026-Q4', demandGpus: 161, crossing: false });
    expect(f.crossesIn).toBe('2027-Q1');
    expect(f.quarters.filter((q) => q.crossing).map((q) => q.quarter)).toEqual(['2027-Q1']);
  });
});
