import type { Alert } from '@corridor/shared';
import { formatCount } from '../../../lib/format.ts';
import { stateSince } from './alert-order.ts';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A duration as a NOC reads it, with its units and at most two of them: "40 s", "3 min", "2 h 5 min",
 * "3 d 4 h". Under a minute in seconds; minutes are whole (rounded down: "firing for 3 min" is never
 * said of 2 min 40 s). A negative duration (a clock a little ahead of the server's) reads "0 s".
 */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (safe < MINUTE_MS) return `${Math.floor(safe / SECOND_MS)} s`;
  if (safe < HOUR_MS) return `${Math.floor(safe / MINUTE_MS)} min`;
  if (safe < DAY_MS) {
    const hours = Math.floor(safe / HOUR_MS);
    const minutes = Math.floor((safe % HOUR_MS) / MINUTE_MS);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(safe / DAY_MS);
  const hours = Math.floor((safe % DAY_MS) / HOUR_MS);
  return hours ? `${formatCount(days)} d ${hours} h` : `${formatCount(days)} d`;
}

/** "firing for 3 min", "pending for 20 s", "resolved 5 min ago". */
export function describeAlertAge(alert: Alert, nowMs: number): string {
  const since = Date.parse(stateSince(alert));
  const age = formatDuration(nowMs - since);
  if (alert.state === 'resolved') return `resolved ${age} ago`;
  return `${alert.state} for ${age}`;
}

/** "ETA 14:30 (in 25 min)" or "ETA passed 5 min ago", for an acknowledgement with an ETA. */
export function describeEta(etaIso: string, nowMs: number, clock: (ms: number) => string): string {
  const eta = Date.parse(etaIso);
  if (Number.isNaN(eta)) return `ETA ${etaIso}`;
  return eta >= nowMs ? `ETA ${clock(eta)} (in ${formatDuration(eta - nowMs)})` : `ETA ${clock(eta)} (passed ${formatDuration(nowMs - eta)} ago)`;
}
