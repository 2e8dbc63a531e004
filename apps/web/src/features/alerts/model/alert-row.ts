import type { Alert, NotificationStatus } from '@corridor/shared';
import { formatNumber } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { describeAlertAge, describeEta } from './alert-age.ts';

/** Names of the places alerts are about, as the console knows them. */
export interface PlaceNames {
  siteName: (id: string) => string;
  linkName: (id: string) => string;
}

/** One alert in words, as the list and the wall show it: every figure with its unit, nothing left to hover. */
export interface AlertRowView {
  id: string;
  severity: Alert['severity'];
  summary: string;
  /** The value that met the condition, with its unit ("87.2 °C"); absent when there is none (no data, site down). */
  value?: string;
  /** "Benguerir 1" or "Medusa: Nador – Marseille". */
  place: string;
  placeKind: 'site' | 'link' | 'none';
  age: string;
  /** "Acknowledged by operator at 14:05: dispatched · ETA 14:30 (in 25 min)". */
  acknowledgement?: string;
  acknowledgedBy?: string;
  /** The acknowledger's comment and ETA alone, for the wall's shorter line. */
  acknowledgementNote?: string;
  marks: string[];
  notification: string;
}

/**
 * A value in its unit as the rule files give it (the console's units: "°C", "%", "ms", "errors", "" for
 * a plain ratio such as PUE), rounded to what a person reads: three significant digits at most.
 */
export function formatAlertValue(value: number | null, unit: string): string | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
  const number = formatNumber(rounded, 2);
  return unit ? `${number} ${unit}` : number;
}

/** Where the last notification stands, in words: delivered, being sent, failed, or why there is none. */
export function describeNotification(n: NotificationStatus, clock: (ms: number) => string): string {
  // `last` is the state the notification was about (firing or resolved); "none" selects the words without it.
  const last = n.last ?? 'none';
  switch (n.state) {
    case 'none':
      return translate('alerts.notification.none');
    case 'suppressed':
      return translate('alerts.notification.suppressed');
    case 'pending':
      return translate('alerts.notification.pending', { last, attempts: n.attempts });
    case 'delivered':
      return translate('alerts.notification.delivered', { last, time: n.deliveredAt ? clock(Date.parse(n.deliveredAt)) : 'none' });
    case 'failed':
      return translate('alerts.notification.failed', { last, attempts: n.attempts, error: n.error || 'none' });
  }
}

export function alertRowView(alert: Alert, nowMs: number, names: PlaceNames, clock: (ms: number) => string): AlertRowView {
  const ack = alert.acknowledgement;
  const note = ack ? (ack.eta ? translate('alerts.ack.noteWithEta', { comment: ack.comment, eta: describeEta(ack.eta, nowMs, clock) }) : ack.comment) : undefined;
  const marks: string[] = [];
  if (alert.silencedBy.length > 0) marks.push(translate('alerts.mark.silenced'));
  if (alert.inMaintenance) marks.push(translate('alerts.mark.maintenance'));
  if (alert.escalatedAt && !ack && alert.state !== 'resolved') marks.push(translate('alerts.mark.escalated', { time: clock(Date.parse(alert.escalatedAt)) }));
  return {
    id: alert.id,
    severity: alert.severity,
    summary: alert.summary,
    value: formatAlertValue(alert.value, alert.unit),
    place: alert.siteId ? names.siteName(alert.siteId) : alert.linkId ? names.linkName(alert.linkId) : translate('alerts.none'),
    placeKind: alert.siteId ? 'site' : alert.linkId ? 'link' : 'none',
    age: describeAlertAge(alert, nowMs),
    acknowledgement: ack ? translate('alerts.ack.row', { by: ack.by, time: clock(Date.parse(ack.at)), note }) : undefined,
    acknowledgedBy: ack?.by,
    acknowledgementNote: note,
    marks,
    notification: describeNotification(alert.notification, clock),
  };
}
