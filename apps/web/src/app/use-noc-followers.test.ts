import type { TimelineEvent, TimelinePage } from '@corridor/shared';
import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { maintenanceQueries } from '../features/maintenance/api/maintenance-queries.ts';
import { timelineQueries } from '../features/timeline/api/timeline-queries.ts';
import { workloadKeys } from '../lib/query-keys.ts';
import { followNocEvent } from './use-noc-followers.ts';

const event = (overrides: Partial<TimelineEvent>): TimelineEvent => ({
  id: 50,
  at: '2026-12-03T12:00:00.000Z',
  kind: 'migration',
  siteId: 'ma-casa-2',
  workloadId: 'wl-1',
  summary: 'moved',
  detail: {},
  ...overrides,
});
const page = (events: TimelineEvent[]): InfiniteData<TimelinePage, number | undefined> => ({ pages: [{ events }], pageParams: [undefined] });

function seeded() {
  const client = new QueryClient();
  client.setQueryData(timelineQueries.pages({}).queryKey, page([event({ id: 1 })]));
  client.setQueryData(timelineQueries.pages({ kind: 'alert' }).queryKey, page([]));
  client.setQueryData(timelineQueries.pages({ workload: 'wl-1' }).queryKey, page([]));
  client.setQueryData(workloadKeys.detail('wl-1'), { stale: false });
  client.setQueryData(maintenanceQueries.siteWindows('ma-casa-2').queryKey, { windows: [] });
  return client;
}

const ids = (client: QueryClient, key: readonly unknown[]) => client.getQueryData<InfiniteData<TimelinePage>>(key)?.pages[0]?.events.map((e) => e.id);

describe('the console’s NOC followers', () => {
  it('put a timeline event on top of the lists it matches, and only those', () => {
    const client = seeded();
    followNocEvent(client, { type: 'timeline', event: event({}) });
    expect(ids(client, timelineQueries.pages({}).queryKey)).toEqual([50, 1]);
    expect(ids(client, timelineQueries.pages({ workload: 'wl-1' }).queryKey)).toEqual([50]);
    expect(ids(client, timelineQueries.pages({ kind: 'alert' }).queryKey)).toEqual([]);
  });

  it('make the workloads stale on a move, and the windows on a maintenance event — not the other way round', () => {
    const client = seeded();
    followNocEvent(client, { type: 'timeline', event: event({}) });
    expect(client.getQueryState(workloadKeys.detail('wl-1'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(maintenanceQueries.siteWindows('ma-casa-2').queryKey)?.isInvalidated).toBe(false);

    const other = seeded();
    followNocEvent(other, { type: 'timeline', event: event({ kind: 'maintenance', workloadId: undefined }) });
    expect(other.getQueryState(maintenanceQueries.siteWindows('ma-casa-2').queryKey)?.isInvalidated).toBe(true);
    expect(other.getQueryState(workloadKeys.detail('wl-1'))?.isInvalidated).toBe(false);
  });

  it('make the workloads stale when a policy change flags them (issue 15): the list and the page show the flag without a reload', () => {
    const client = seeded();
    followNocEvent(client, { type: 'timeline', event: event({ kind: 'policy', summary: 'Policy a → b: 1 of 3 flagged' }) });
    expect(client.getQueryState(workloadKeys.detail('wl-1'))?.isInvalidated).toBe(true);
  });
});
