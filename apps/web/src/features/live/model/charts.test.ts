import type { Series } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { CHART_RANGES, formatTick, isChartRange, rangeQuery, RANGE_SPECS, timeTicks } from './chart-range.ts';
import { appendSample, chartDomain, seriesToRows, type ChartRow, type ChartSeries } from './chart-rows.ts';
import { axisScale, chartMetrics, LINK_CHARTS, SITE_CHARTS, displayUnit, paddedDomain } from './chart-specs.ts';

const HOUR = 3_600_000;
const series = (metric: Series['metric'], points: [number, number][], stepMs = 15_000): ChartSeries => ({
  metric,
  unit: 'watts',
  kind: 'gauge',
  siteId: 'rabat',
  resolution: 'raw',
  stepMs,
  from: 0,
  to: HOUR,
  points: points.map(([t, avg]) => ({ t, avg, count: 1 })),
  tailAt: points.at(-1)?.[0] ?? 0,
});

describe('range → query parameters', () => {
  it('asks for the range ending at the end of the current step, aligned to the step', () => {
    const now = Date.UTC(2026, 5, 21, 12, 0, 7);
    expect(rangeQuery('1h', now)).toEqual({ from: Date.UTC(2026, 5, 21, 11, 0, 15), to: Date.UTC(2026, 5, 21, 12, 0, 15), step: 15_000 });
    const day = rangeQuery('24h', now);
    expect(day.to - day.from).toBe(24 * HOUR);
    expect(day.step).toBe(300_000);
    expect(day.to % day.step).toBe(0);
    expect(rangeQuery('7d', now).step).toBe(HOUR);
  });

  it('keeps every range within a few hundred points and the server limit', () => {
    for (const range of CHART_RANGES) {
      const { rangeMs, stepMs } = RANGE_SPECS[range];
      expect(rangeMs / stepMs).toBeLessThanOrEqual(300);
    }
    expect(RANGE_SPECS['1h'].liveTail).toBe(true);
    expect(RANGE_SPECS['24h'].liveTail).toBe(false);
  });

  it('recognises the ranges the URL may carry', () => {
    expect(isChartRange('24h')).toBe(true);
    expect(isChartRange('2h')).toBe(false);
    expect(isChartRange(null)).toBe(false);
  });
});

describe('series → chart rows', () => {
  it('joins series on the bucket start, in display units, oldest first', () => {
    const rows = seriesToRows([
      {
        key: 'site_it_power_watts',
        series: series('site_it_power_watts', [
          [30_000, 5e6],
          [15_000, 4e6],
        ]),
        toDisplay: 1e-3,
      },
      { key: 'site_facility_power_watts', series: series('site_facility_power_watts', [[15_000, 6e6]]), toDisplay: 1e-3 },
      { key: 'site_pue_ratio', series: undefined, toDisplay: 1 },
    ]);
    expect(rows).toEqual([
      { t: 15_000, site_it_power_watts: 4000, site_facility_power_watts: 6000 },
      { t: 30_000, site_it_power_watts: 5000 },
    ]);
  });

  it('ends the x domain at the newest series end, one range wide', () => {
    expect(chartDomain([series('site_pue_ratio', []), undefined], HOUR, 5)).toEqual([0, HOUR]);
    expect(chartDomain([undefined], HOUR, 2 * HOUR)).toEqual([HOUR, 2 * HOUR]);
  });
});

describe('live tail', () => {
  const base = series('site_pue_ratio', [
    [0, 1.2],
    [15_000, 1.3],
  ]);

  it('folds a sample into the current bucket', () => {
    const next = appendSample({ ...base, tailAt: 16_000 }, 20_000, 1.5, HOUR);
    expect(next.points.at(-1)).toEqual({ t: 15_000, avg: 1.4, min: 1.3, max: 1.5, last: 1.5, count: 2 });
    expect(next.points).toHaveLength(2);
    expect(next.tailAt).toBe(20_000);
  });

  it('opens a new bucket and slides the window', () => {
    const next = appendSample(base, HOUR + 1000, 1.6, HOUR);
    expect(next.points.at(-1)).toEqual({ t: HOUR, avg: 1.6, min: 1.6, max: 1.6, last: 1.6, count: 1 });
    expect(next.to).toBe(HOUR + 15_000);
    expect(next.from).toBe(15_000);
    expect(next.points.map((p) => p.t)).toEqual([15_000, HOUR]);
  });

  it('ignores samples already in the series, so a replayed frame changes nothing', () => {
    const once = appendSample(base, 40_000, 1.6, HOUR);
    expect(appendSample(once, 40_000, 1.6, HOUR)).toBe(once);
    expect(appendSample(once, 39_000, 9, HOUR)).toBe(once);
  });
});

describe('site charts', () => {
  it('draw the metrics the issue asks for, each axis with a unit', () => {
    expect(chartMetrics(SITE_CHARTS)).toEqual(
      expect.arrayContaining([
        'site_it_power_watts',
        'site_facility_power_watts',
        'site_pue_ratio',
        'gpu_sm_active_ratio',
        'gpu_temperature_mean_celsius',
        'site_renewable_share_ratio',
        'site_carbon_intensity_grams_per_kilowatt_hour',
      ]),
    );
    for (const chart of SITE_CHARTS) {
      for (const line of chart.lines) expect(chart.units[line.axis]).toBe(line.metric === 'site_pue_ratio' ? '' : displayUnit(line.metric));
    }
  });
});

describe('link charts', () => {
  it('draw RTT, loss and utilisation, each axis in the unit of its metrics', () => {
    expect(chartMetrics(LINK_CHARTS).sort()).toEqual(['link_loss_ratio', 'link_rtt_seconds', 'link_utilization_ratio']);
    for (const chart of LINK_CHARTS) for (const line of chart.lines) expect(chart.units[line.axis]).toBe(displayUnit(line.metric));
  });
});

describe('axis domains', () => {
  it('keep a minimum span around flat data, never below zero for non-negative data', () => {
    const [low, high] = paddedDomain(1.2, 1.21, 0.1);
    expect(low).toBeCloseTo(1.155, 10);
    expect(high).toBeCloseTo(1.255, 10);
    expect(paddedDomain(10, 90, 10)).toEqual([10, 90]);
    expect(paddedDomain(1, 2, 10)).toEqual([0, 10]);
    expect(paddedDomain(-5, -4, 2)).toEqual([-5.5, -3.5]);
  });

  it('round to ticks a reader can use', () => {
    const rows = [
      { t: 0, a: 3540, b: 3890 },
      { t: 1, a: 4813 },
    ] as ChartRow[];
    expect(axisScale(rows, ['a', 'b'], 100)).toEqual({ domain: [3500, 5000], ticks: [3500, 4000, 4500, 5000] });
    expect(
      axisScale(
        [
          { t: 0, pue: 1.2 },
          { t: 1, pue: 1.21 },
        ],
        ['pue'],
        0.1,
      ),
    ).toEqual({ domain: [1.15, 1.3], ticks: [1.15, 1.2, 1.25, 1.3] });
    expect(axisScale([], ['x'], 10).ticks).toEqual([0, 5, 10]);
  });
});

describe('time ticks', () => {
  it('fall on round local times inside the domain', () => {
    const from = new Date(2026, 5, 21, 11, 7, 30).getTime();
    const hour = timeTicks('1h', [from, from + HOUR]);
    expect(hour.map((t) => new Date(t).getMinutes())).toEqual([15, 30, 45, 0]);
    const day = timeTicks('24h', [from, from + 24 * HOUR]);
    expect(day.map((t) => new Date(t).getHours())).toEqual([12, 18, 0, 6]);
    const week = timeTicks('7d', [from, from + 7 * 24 * HOUR]);
    expect(week).toHaveLength(7);
    for (const t of week) expect([new Date(t).getHours(), new Date(t).getMinutes()]).toEqual([0, 0]);
    expect(formatTick('1h', hour[0]!)).toMatch(/11.?15/);
  });
});

describe('chart lines are told apart by more than colour', () => {
  it('no two lines of one chart share a pattern', () => {
    for (const chart of [...SITE_CHARTS, ...LINK_CHARTS]) {
      const patterns = chart.lines.map((l) => l.pattern ?? 'solid');
      expect(new Set(patterns).size, chart.id).toBe(patterns.length);
    }
  });
});
