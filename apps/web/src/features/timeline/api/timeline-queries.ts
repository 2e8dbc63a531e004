import { TimelinePageSchema, type TimelineEvent, type TimelinePage } from '@corridor/shared';
import { infiniteQueryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiGet } from '../../../lib/api-client.ts';
import { countCsvRecords, toCsv } from '../../../lib/csv.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { CSV_HEADER, csvRecord, matchesFilter, timelineQueryString, withLiveEvent, type TimelineFilter } from '../model/timeline-filter.ts';

/** Events in one page of the timeline. */
export const TIMELINE_PAGE_SIZE = 100;
/** At most this many events go into one CSV export (pages of the API's largest size). */
export const CSV_MAX_EVENTS = 20_000;
const CSV_PAGE_SIZE = 1000;

const timelineKeys = {
  all: () => ['timeline'] as const,
  pages: () => [...timelineKeys.all(), 'pages'] as const,
  filtered: (filter: TimelineFilter) => [...timelineKeys.pages(), filter] as const,
};

/** Query options for the timeline: pages keyed by their filters, older pages by the previous page's `nextBefore`. */
export const timelineQueries = {
  all: timelineKeys.all,
  pages: (filter: TimelineFilter, pageSize = TIMELINE_PAGE_SIZE) =>
    infiniteQueryOptions({
      queryKey: timelineKeys.filtered(filter),
      queryFn: ({ pageParam, signal }) => apiGet(`/api/events${timelineQueryString(filter, pageParam, pageSize)}`, TimelinePageSchema, signal),
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (last) => last.nextBefore,
      // The stream keeps a shown list current; a list shown again after a while is asked again.
      staleTime: 30_000,
    }),
};

/**
 * A timeline event from the live stream, put first in every loaded list whose filters it matches (no
 * polling: the list is the first page plus what the stream has said since).
 */
export function applyLiveTimelineEvent(queryClient: QueryClient, event: TimelineEvent): void {
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<TimelinePage, number | undefined>>({ queryKey: timelineKeys.pages() })) {
    const filter = key[2] as TimelineFilter | undefined;
    if (!data || !filter || !matchesFilter(event, filter)) continue;
    queryClient.setQueryData<InfiniteData<TimelinePage, number | undefined>>(key, { ...data, pages: withLiveEvent(data.pages, event) });
  }
}

/** Every event the filters match, newest first, page by page up to CSV_MAX_EVENTS (for an export of what the filters select, not just what is loaded). */
export async function fetchAllEvents(filter: TimelineFilter, signal?: AbortSignal): Promise<{ events: TimelineEvent[]; truncated: boolean }> {
  const events: TimelineEvent[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await apiGet(`/api/events${timelineQueryString(filter, before, CSV_PAGE_SIZE)}`, TimelinePageSchema, signal);
    events.push(...page.events);
    if (page.nextBefore === undefined) return { events, truncated: false };
    if (events.length >= CSV_MAX_EVENTS) return { events: events.slice(0, CSV_MAX_EVENTS), truncated: true };
    before = page.nextBefore;
  }
}

/** A CSV of what the filters select: its text, its record count, and whether more events remain than it holds. */
export interface TimelineCsv {
  text: string;
  count: number;
  truncated: boolean;
}

/**
 * The server's export (/api/events.csv: RFC 4180, formulas disarmed, the same filters and permissions as
 * the list); when the BFF has no such route (404/405), the same CSV is written in the browser from the
 * list's pages, so an export works against either.
 */
export async function exportTimelineCsv(filter: TimelineFilter, signal?: AbortSignal): Promise<TimelineCsv> {
  let response: Response;
  try {
    response = await fetch(`/api/events.csv${timelineQueryString(filter)}`, { credentials: 'same-origin', headers: { Accept: 'text/csv' }, signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate('timeline.csv.unreachable') });
  }
  if (response.ok) {
    const text = await response.text();
    return { text, count: countCsvRecords(text), truncated: response.headers.has('X-Next-Before') };
  }
  if (response.status !== 404 && response.status !== 405) {
    throw new ApiError({ status: response.status, code: response.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message: translate('timeline.csv.httpFailed', { status: String(response.status) }) });
  }
  const { events, truncated } = await fetchAllEvents(filter, signal);
  return { text: toCsv(CSV_HEADER, events.map(csvRecord)), count: events.length, truncated };
}
