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

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** A zone offset in minutes east of UTC as "+01:00" (Date's getTimezoneOffset is minutes west). */
export function offsetText(minutesEast: number): string {
  return `${minutesEast < 0 ? '-' : '+'}${pad(Math.trunc(minutesEast / 60))}:${pad(minutesEast % 60)}`;
}

/**
 * A `datetime-local` input's value ("2026-12-03T10:15", the viewer's wall clock) as the API's ISO time
 * with the viewer's offset at that moment ("2026-12-03T10:15:00+01:00"); undefined when it is no time.
 */
export function localInputToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const local = new Date(y!, mo! - 1, d!, h!, mi!, s || 0);
  if (Number.isNaN(local.getTime()) || local.getMonth() !== mo! - 1) return undefined;
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}${offsetText(-local.getTimezoneOffset())}`;
}

/** An ISO time as a `datetime-local` value in the viewer's zone ("" when it is no time), for the filter's input. */
export function isoToLocalInput(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms);
  return `${pad(t.getFullYear(), 4)}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** The viewer's zone, for labels that say in which zone times are shown ("Europe/Paris", or "UTC+01:00"). */
export function viewerZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone || `UTC${offsetText(-new Date().getTimezoneOffset())}`;
}
