import { ALERT_SEVERITIES, SEVERITY_RANK, type Alert, type AlertSeverity } from '@corridor/shared';

/** What the header badge says: firing alerts by severity and how many of them nobody has acknowledged. */
export interface AlertCounts {
  firing: number;
  bySeverity: Record<AlertSeverity, number>;
  unacknowledged: number;
  /** The most severe firing alert's severity (the badge's colour); absent when nothing fires. */
  worst?: AlertSeverity;
}

/** Counts firing alerts only: pending ones have not met their `for` yet, resolved ones are over. */
export function countFiring(alerts: readonly Alert[]): AlertCounts {
  const bySeverity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
  let firing = 0;
  let unacknowledged = 0;
  let worst: AlertSeverity | undefined;
  for (const alert of alerts) {
    if (alert.state !== 'firing') continue;
    firing += 1;
    bySeverity[alert.severity] += 1;
    if (!alert.acknowledgement) unacknowledged += 1;
    if (worst === undefined || SEVERITY_RANK[alert.severity] > SEVERITY_RANK[worst]) worst = alert.severity;
  }
  return { firing, bySeverity, unacknowledged, worst };
}

/** The tab's title: "(2) Corridor" while two firing alerts are unacknowledged, the base title otherwise. */
export const tabTitle = (counts: AlertCounts, base: string): string => (counts.unacknowledged > 0 ? `(${counts.unacknowledged}) ${base}` : base);

/** Firing alerts per site, for the map's markers and clusters (a link's alerts count on neither end). */
export function firingBySite(alerts: readonly Alert[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const alert of alerts) if (alert.state === 'firing' && alert.siteId) counts[alert.siteId] = (counts[alert.siteId] ?? 0) + 1;
  return counts;
}

/**
 * Critical alerts that fire now and did not in the list seen before (the sound for new criticals):
 * an alert already firing when the console opened is not new.
 */
export function newCriticalIds(before: ReadonlySet<string> | undefined, alerts: readonly Alert[]): string[] {
  if (!before) return [];
  return alerts.filter((a) => a.state === 'firing' && a.severity === 'critical' && !before.has(a.id)).map((a) => a.id);
}

export const firingCriticalIds = (alerts: readonly Alert[]): Set<string> => new Set(alerts.filter((a) => a.state === 'firing' && a.severity === 'critical').map((a) => a.id));
