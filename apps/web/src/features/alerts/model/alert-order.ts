import { SEVERITY_RANK, type Alert, type AlertFilter, type AlertState } from '@corridor/shared';

/** Open alerts above resolved ones: what needs a person comes first. */
const STATE_RANK: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };

/** When the alert began being what it is now: resolved → resolvedAt, firing → firingAt, pending → startsAt. */
export function stateSince(alert: Alert): string {
  if (alert.state === 'resolved') return alert.resolvedAt ?? alert.firingAt ?? alert.startsAt;
  if (alert.state === 'firing') return alert.firingAt ?? alert.startsAt;
  return alert.startsAt;
}

/**
 * The alerts list's order, the server's own (open before resolved, worst severity first, then the oldest:
 * it has burned longest), with firing above pending among the open ones. Ties end on the id, so the order
 * never shuffles between two renders, and a streamed alert lands where a reload would put it.
 */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export const sortAlerts = (alerts: readonly Alert[]): Alert[] => [...alerts].sort(compareAlerts);

/** Whether the list asked with `filter` shows this alert (the server's own filter, applied to a streamed alert). */
export function matchesAlertFilter(alert: Alert, filter: AlertFilter): boolean {
  if (filter.state !== undefined && alert.state !== filter.state) return false;
  if (filter.severity !== undefined && alert.severity !== filter.severity) return false;
  if (filter.site !== undefined && alert.siteId !== filter.site) return false;
  if (filter.link !== undefined && alert.linkId !== filter.link) return false;
  return true;
}

/** `?state=firing&site=…` for GET /api/alerts: only the filters set, in a stable order. */
export function alertQueryString(filter: AlertFilter): string {
  const params = new URLSearchParams();
  for (const key of ['state', 'severity', 'site', 'link'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const isAlertFiltered = (filter: AlertFilter): boolean => Object.values(filter).some((v) => v !== undefined);

/**
 * A list after the stream said `alert` is now as given: replaced where it was, added where the filter
 * takes it, dropped where it no longer matches (an alert that resolved, under a `firing` filter). The
 * same array when nothing changes, so a list that does not show the alert does not re-render.
 */
export function withStreamedAlert(list: readonly Alert[], alert: Alert, filter: AlertFilter): readonly Alert[] {
  const at = list.findIndex((a) => a.id === alert.id);
  const matches = matchesAlertFilter(alert, filter);
  if (at === -1) return matches ? sortAlerts([...list, alert]) : list;
  if (!matches) return list.filter((a) => a.id !== alert.id);
  const next = [...list];
  next[at] = alert;
  return sortAlerts(next);
}
