import type { TimelineEvent, TimelineKind, TimelinePage } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';

/** The timeline's filters as the URL and the API carry them (times: ISO 8601 with an offset). */
export interface TimelineFilter {
  kind?: TimelineKind;
  site?: string;
  link?: string;
  /** One workload's events (its page's moves). */
  workload?: string;
  from?: string;
  to?: string;
}

const FILTER_KEYS = ['kind', 'site', 'link', 'workload', 'from', 'to'] as const;

/** One page of events: filters in a fixed order (stable URLs and cache keys), then `before` and `limit`. */
export function timelineQueryString(filter: TimelineFilter, before?: number, limit?: number): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (before !== undefined) params.set('before', String(before));
  if (limit !== undefined) params.set('limit', String(limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const isFiltered = (filter: TimelineFilter): boolean => FILTER_KEYS.some((key) => !!filter[key]);

/** Whether a live event belongs in a list with these filters (the server's own rules, for events that arrive by the stream). */
export function matchesFilter(event: TimelineEvent, filter: TimelineFilter): boolean {
  if (filter.kind && event.kind !== filter.kind) return false;
  if (filter.site && event.siteId !== filter.site) return false;
  if (filter.link && event.linkId !== filter.link) return false;
  if (filter.workload && event.workloadId !== filter.workload) return false;
  const at = Date.parse(event.at);
  if (filter.from && at < Date.parse(filter.from)) return false;
  if (filter.to && at > Date.parse(filter.to)) return false;
  return true;
}

/**
 * Pages with a live event put first, newest first, once: the stream may repeat an event the list
 * already loaded (a page asked for while it was sent). Older pages are left as they are.
 */
export function withLiveEvent<P extends TimelinePage>(pages: readonly P[], event: TimelineEvent): P[] {
  if (pages.some((p) => p.events.some((e) => e.id === event.id))) return [...pages];
  const [first, ...rest] = pages;
  if (!first) return [...pages];
  const events = [...first.events, event].sort((a, b) => b.id - a.id);
  return [{ ...first, events }, ...rest];
}

/** How a kind reads in the filter and the list, in the language in force. */
export const kindLabel = (kind: TimelineKind): string => translate(`timeline.kind.${kind}`);

/** The name of the CSV file for these filters: "corridor-timeline-drain-ma-benguerir-1.csv". */
export function csvFileName(filter: TimelineFilter): string {
  const parts = [filter.kind, filter.site, filter.link, filter.workload].filter((p): p is string => !!p).map((p) => p.replace(/[^A-Za-z0-9._-]+/g, '_'));
  return `corridor-timeline${parts.length ? `-${parts.join('-')}` : ''}.csv`;
}

/** The CSV's columns stay in English whatever the console's language: they are field names for tools, not words for people. */
export const CSV_HEADER = ['id', 'at_utc', 'kind', 'site', 'link', 'workload', 'tenant', 'actor', 'summary', 'detail_json'] as const;

/** An event as a CSV record (times in UTC ISO 8601, the detail as JSON). */
export const csvRecord = (e: TimelineEvent): (string | number | undefined)[] => [
  e.id,
  new Date(e.at).toISOString(),
  e.kind,
  e.siteId,
  e.linkId,
  e.workloadId,
  e.tenant,
  e.actor,
  e.summary,
  Object.keys(e.detail).length ? JSON.stringify(e.detail) : undefined,
];
