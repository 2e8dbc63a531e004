// When a maintenance window is in force: a one-off window once, a weekly one every 7 days from its
// first start. Pure functions of the window and an instant, so the oracle, the timer and the API agree.

export const WEEK_MS = 7 * 24 * 3_600_000;

/** The span a window is declared with; `weekly` repeats it every 7 days for ever (until deleted). */
export interface WindowSpan {
  startsAtMs: number;
  endsAtMs: number;
  recurrence?: 'weekly';
}

export interface Occurrence {
  startsAtMs: number;
  endsAtMs: number;
}

/** The occurrence in force at `atMs`, or the next one; undefined once a one-off window is over. */
export function currentOccurrence(w: WindowSpan, atMs: number): Occurrence | undefined {
  if (atMs < w.endsAtMs) return { startsAtMs: w.startsAtMs, endsAtMs: w.endsAtMs };
  if (w.recurrence !== 'weekly') return undefined;
  // The latest repetition that started at or before atMs; if it is over, the one after it.
  const weeks = Math.floor((atMs - w.startsAtMs) / WEEK_MS);
  const start = w.startsAtMs + weeks * WEEK_MS;
  const end = start + (w.endsAtMs - w.startsAtMs);
  return atMs < end ? { startsAtMs: start, endsAtMs: end } : { startsAtMs: start + WEEK_MS, endsAtMs: end + WEEK_MS };
}

/** In force at `atMs`: [start, end). */
export function activeOccurrence(w: WindowSpan, atMs: number): Occurrence | undefined {
  const o = currentOccurrence(w, atMs);
  return o && o.startsAtMs <= atMs ? o : undefined;
}

/** The next instant after `atMs` at which the window starts or ends; undefined when it never changes again. */
export function nextBoundary(w: WindowSpan, atMs: number): number | undefined {
  const o = currentOccurrence(w, atMs);
  if (!o) return undefined;
  return o.startsAtMs > atMs ? o.startsAtMs : o.endsAtMs;
}
