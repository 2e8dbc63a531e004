import type { Alert } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';
import { stateSince } from './alert-order.ts';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A duration as a NOC reads it, with its units and at most two of them: "40 s", "3 min", "2 h 5 min",
 * "3 d 4 h". Under a minute in seconds; minutes are whole (rounded down: "firing for 3 min" is never
 * said of 2 min 40 s). The numbers follow the language; s, min and h are symbols in every
 * language, the day's is the language's own ("j" in French). A negative duration (a clock a little ahead of the server's) reads "0 s".
 */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (safe < MINUTE_MS) return translate('alerts.duration.seconds', { seconds: Math.floor(safe / SECOND_MS) });
  if (safe < HOUR_MS) return translate('alerts.duration.minutes', { minutes: Math.floor(safe / MINUTE_MS) });
  if (safe < DAY_MS) {
    const hours = Math.floor(safe / HOUR_MS);
    const minutes = Math.floor((safe % HOUR_MS) / MINUTE_MS);
    return minutes ? translate('alerts.duration.hoursMinutes', { hours, minutes }) : translate('alerts.duration.hours', { hours });
  }
  const days = Math.floor(safe / DAY_MS);
  const hours = Math.floor((safe % DAY_MS) / HOUR_MS);
  return hours ? translate('alerts.duration.daysHours', { days, hours }) : translate('alerts.duration.days', { days });
}

/** "firing for 3 min", "pending for 20 s", "resolved 5 min ago". */
export function describeAlertAge(alert: Alert, nowMs: number): string {
  const since = Date.parse(stateSince(alert));
  const duration = formatDuration(nowMs - since);
  return translate(`alerts.age.${alert.state}`, { duration });
}

/** "ETA 14:30 (in 25 min)" or "ETA 14:00 (passed 5 min ago)", for an acknowledgement with an ETA. */
export function describeEta(etaIso: string, nowMs: number, clock: (ms: number) => string): string {
  const eta = Date.parse(etaIso);
  if (Number.isNaN(eta)) return translate('alerts.eta.raw', { eta: etaIso });
  return eta >= nowMs
    ? translate('alerts.eta.ahead', { time: clock(eta), duration: formatDuration(eta - nowMs) })
    : translate('alerts.eta.passed', { time: clock(eta), duration: formatDuration(nowMs - eta) });
}
