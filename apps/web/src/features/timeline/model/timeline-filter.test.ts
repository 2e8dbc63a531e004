import type { TimelineEvent } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../lib/csv.ts';
import { CSV_HEADER, csvFileName, csvRecord, matchesFilter, timelineQueryString, withLiveEvent } from './timeline-filter.ts';

const event = (overrides: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: 10,
  at: '2026-12-03T12:00:00.000Z',
  kind: 'drain',
  siteId: 'ma-benguerir-1',
  summary: 'Drain of Benguerir 1 started',
  detail: {},
  ...overrides,
});

describe('timeline filters', () => {
  it('asks the API with the filters in a fixed order, then the page', () => {
    expect(timelineQueryString({ to: '2026-12-03T13:00:00Z', kind: 'drain', site: 'ma-benguerir-1' }, 42, 100)).toBe('?kind=drain&site=ma-benguerir-1&to=2026-12-03T13%3A00%3A00Z&before=42&limit=100');
    expect(timelineQueryString({})).toBe('');
  });

  it('lets a live event into a list only when it matches the list’s filters', () => {
    expect(matchesFilter(event(), { kind: 'drain', site: 'ma-benguerir-1' })).toBe(true);
    expect(matchesFilter(event(), { kind: 'alert' })).toBe(false);
    expect(matchesFilter(event(), { site: 'ma-casa-2' })).toBe(false);
    expect(matchesFilter(event(), { link: 'l-1' })).toBe(false);
    expect(matchesFilter(event({ workloadId: 'wl-1' }), { workload: 'wl-1' })).toBe(true);
    expect(matchesFilter(event(), { from: '2026-12-03T12:30:00Z' })).toBe(false);
    expect(matchesFilter(event(), { to: '2026-12-03T11:59:59Z' })).toBe(false);
    expect(matchesFilter(event(), { from: '2026-12-03T13:00:00+01:00', to: '2026-12-03T12:00:00Z' })).toBe(true);
  });

  it('puts a live event first, once, whatever order the stream and the page arrive in', () => {
    const pages = [{ events: [event({ id: 9 }), event({ id: 8 })], nextBefore: 8 }, { events: [event({ id: 7 })] }];
    const once = withLiveEvent(pages, event({ id: 11 }));
    expect(once[0]!.events.map((e) => e.id)).toEqual([11, 9, 8]);
    expect(withLiveEvent(once, event({ id: 11 }))[0]!.events.map((e) => e.id)).toEqual([11, 9, 8]);
    expect(once[1]).toBe(pages[1]);
    expect(withLiveEvent([], event())).toEqual([]);
  });
});

describe('timeline CSV', () => {
  it('writes one record per event, times in UTC, hostile text disarmed and quoted', () => {
    const csv = toCsv(CSV_HEADER, [csvRecord(event({ at: '2026-12-03T13:00:00+01:00', summary: '=cmd|" /C calc"!A0, then', detail: { planId: 'p-1' } }))]);
    expect(csv).toBe(
      'id,at_utc,kind,site,link,workload,tenant,actor,summary,detail_json\r\n' + `10,2026-12-03T12:00:00.000Z,drain,ma-benguerir-1,,,,,"'=cmd|"" /C calc""!A0, then","{""planId"":""p-1""}"\r\n`,
    );
  });

  it('names the file after the filters, in characters every file system takes', () => {
    expect(csvFileName({})).toBe('corridor-timeline.csv');
    expect(csvFileName({ kind: 'drain', site: 'ma-benguerir-1', from: '2026-12-03T00:00:00Z' })).toBe('corridor-timeline-drain-ma-benguerir-1.csv');
    expect(csvFileName({ workload: 'wl/../x y' })).toBe('corridor-timeline-wl_.._x_y.csv');
  });
});
