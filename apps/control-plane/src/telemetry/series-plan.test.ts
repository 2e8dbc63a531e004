import { describe, expect, it } from 'vitest';
import { InputError, SERIES_LIMITS, SiteSeriesQuerySchema, type SeriesQuery } from '@corridor/shared';
import { planSeries } from './series-plan.ts';
import { DEFAULT_RETENTION } from './telemetry-store.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const now = Date.UTC(2026, 5, 21, 12, 0, 7, 250);
const plan = (q: Partial<SeriesQuery>) => planSeries({ metric: 'site_pue_ratio', ...q }, now, DEFAULT_RETENTION);
const fieldOf = (q: Partial<SeriesQuery>) => {
  try {
    plan(q);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).fields?.[0];
  }
  throw new Error('expected a 400');
};

describe('series resolution', () => {
  it('reads raw samples for the default last hour, 5-second points', () => {
    const p = plan({});
    expect(p).toMatchObject({ resolution: 'raw', stepMs: 5000 });
    expect(p.toMs).toBeGreaterThanOrEqual(now);
    expect((p.toMs - p.fromMs) / p.stepMs).toBeLessThanOrEqual(SERIES_LIMITS.maxPoints);
  });

  it('reads 1-minute rollups up to 48 h and 1-hour rollups beyond', () => {
    expect(plan({ from: now - 2 * H })).toMatchObject({ resolution: 'raw', stepMs: 5000 });
    expect(plan({ from: now - 3 * H })).toMatchObject({ resolution: '1m', stepMs: M });
    expect(plan({ from: now - D })).toMatchObject({ resolution: '1m', stepMs: M });
    expect(plan({ from: now - 48 * H })).toMatchObject({ resolution: '1m', stepMs: 2 * M });
    expect(plan({ from: now - 7 * D })).toMatchObject({ resolution: '1h', stepMs: H });
    expect(plan({ from: now - 400 * D })).toMatchObject({ resolution: '1h', stepMs: 6 * H });
  });

  it('moves to a coarser level when the finer one no longer holds the range', () => {
    expect(plan({ from: now - 3 * D, to: now - 3 * D + H })).toMatchObject({ resolution: '1m', stepMs: M });
    expect(plan({ from: now - 60 * D, to: now - 59 * D })).toMatchObject({ resolution: '1h', stepMs: H });
  });

  it('reads the coarsest level whose bucket divides an asked step, aligned to the epoch', () => {
    expect(plan({ step: 30_000 })).toMatchObject({ resolution: 'raw', stepMs: 30_000 });
    expect(plan({ step: 5 * M })).toMatchObject({ resolution: '1m', stepMs: 5 * M });
    expect(plan({ step: 2 * H, from: now - D })).toMatchObject({ resolution: '1h', stepMs: 2 * H, fromMs: Math.floor((now - D) / (2 * H)) * 2 * H });
    const p = plan({ step: 5 * M });
    expect(p.fromMs % (5 * M)).toBe(0);
    expect(p.toMs % (5 * M)).toBe(0);
  });

  it('answers 400 naming the parameter for a window or step it cannot serve', () => {
    expect(fieldOf({ from: now, to: now - H })).toEqual({ field: 'from', message: 'must be before to' });
    expect(fieldOf({ from: now - 401 * D })?.field).toBe('from');
    expect(fieldOf({ from: now - D, step: 10_000 })).toEqual({ field: 'step', message: 'gives 8641 points over this range; at most 2000: use a step of 1m or more' });
    expect(fieldOf({ from: now - 3 * D, to: now - 3 * D + H, step: 30_000 })).toMatchObject({ field: 'step', message: expect.stringMatching(/whole number of minutes/) });
    expect(fieldOf({ from: now - 60 * D, to: now - 60 * D + H, step: 5 * M })).toMatchObject({ field: 'step', message: expect.stringMatching(/whole number of hours/) });
  });
});

describe('series query parameters', () => {
  const parse = (query: Record<string, string>) => SiteSeriesQuerySchema.safeParse(query);
  const fields = (query: Record<string, string>) => {
    const r = parse(query);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes ISO date-times or epoch ms, and steps in ms or with a unit', () => {
    expect(parse({ metric: 'site_pue_ratio', from: '2026-06-21T10:00:00Z', to: '1782043200000', step: '5m' }).data).toEqual({
      metric: 'site_pue_ratio',
      from: Date.UTC(2026, 5, 21, 10),
      to: 1782043200000,
      step: 5 * M,
    });
    expect(parse({ metric: 'site_pue_ratio', step: '90000' }).data?.step).toBe(90_000);
  });

  it('names the parameter and says what is wrong', () => {
    expect(fields({})).toEqual(['metric: is required']);
    expect(fields({ metric: 'nope' })).toEqual(['metric: "nope" is not a known metric (see docs/metrics.md)']);
    expect(fields({ metric: 'link_rtt_seconds' })).toEqual(['metric: link_rtt_seconds is a link metric, not a site metric']);
    expect(fields({ metric: 'site_pue_ratio', from: 'yesterday' })[0]).toMatch(/^from: must be an ISO 8601 date-time/);
    expect(fields({ metric: 'site_pue_ratio', from: '2026-06-21T10:00:00Z', to: '2026-06-21T09:00:00Z' })).toEqual(['from: must be before to']);
    expect(fields({ metric: 'site_pue_ratio', from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual(['from: range from … to must not exceed 400 d']);
    expect(fields({ metric: 'site_pue_ratio', step: '10ms' })).toEqual(['step: must be between 1000 ms (1s) and 400 d']);
    expect(fields({ metric: 'site_pue_ratio', step: 'often' })).toEqual(['step: must be a duration: milliseconds or e.g. 30s, 5m, 1h']);
  });
});
