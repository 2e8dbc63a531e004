/**
 * When a live metric stops being current. A metric a site or link stops reporting is dropped once it
 * has gone unreported for more than STALE_AFTER_INTERVALS of its own reporting interval (the gap between
 * its last two reports; for a metric reported only once, the slowest cadence of the entity's other
 * metrics). At the simulator's tick that is the third tick in a row without it — 15 s at the default
 * 5 s tick, 3 s at 1 s — whatever the tick or an ingest source's cadence: one or two missed frames
 * never drop it, and 2.5 rather than 3 so timer jitter cannot delay the drop by a tick. A site that goes
 * down stops reporting PUE and GPU temperatures; without this its last figures from before the outage
 * would pass for current. The control plane's live snapshot and the console apply this one rule.
 */
export const STALE_AFTER_INTERVALS = 2.5;

/** The cadence a metric is expected at: its own, else the slowest known of the entity's metrics. */
export function expectedCadence(every: Readonly<Record<string, number | undefined>> | undefined, metric: string): number | undefined {
  const own = every?.[metric];
  if (own !== undefined) return own;
  let slowest: number | undefined;
  for (const key in every) slowest = Math.max(slowest ?? 0, every[key]!);
  return slowest;
}

/** Whether a metric last reported at `seenMs` is stale at `nowMs`; never while no cadence is known, always when never reported. */
export function isStaleReport(seenMs: number | undefined, cadenceMs: number | undefined, nowMs: number): boolean {
  if (seenMs === undefined) return true;
  return cadenceMs !== undefined && nowMs - seenMs > STALE_AFTER_INTERVALS * cadenceMs;
}
