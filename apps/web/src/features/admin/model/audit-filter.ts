import type { AuditAction } from '@corridor/shared';

/** The audit log's filters as the URL and the API carry them: times are ISO 8601 with an offset. */
export interface AuditFilter {
  action?: AuditAction;
  actor?: string;
  from?: string;
  to?: string;
}

/** One page of the log: filters in a fixed order, then the page (`before` the previous page's `nextBefore`). */
export function auditQueryString(filter: AuditFilter, before?: number, limit?: number): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (before !== undefined) params.set('before', String(before));
  if (limit !== undefined) params.set('limit', String(limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const isFiltered = (filter: AuditFilter): boolean => !!(filter.action || filter.actor || filter.from || filter.to);

// The admin's time inputs read and write times as every other view does.
export { isoToLocalInput, localInputToIso, offsetText, viewerZone } from '../../../lib/local-time.ts';
