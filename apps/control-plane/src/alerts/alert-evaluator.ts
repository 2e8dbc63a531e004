import { DEFAULT_CADENCE_MS, type AlertRule } from './alert-rules.ts';

/**
 * One rule on one series (a metric of one site or link), as a pure state machine over its samples
 * (sample time) and the clock (for `absent` and staleness):
 *
 *   inactive ──condition holds──▶ pending ──held for `for`──▶ firing ──clear for `clearFor`──▶ resolved
 *                                    └──stops holding──▶ aborted (it never fired)
 *
 * Hysteresis is by duration: a firing alert resolves only once its condition has NOT held for the
 * rule's `clearFor` (default: its `for`), so a value hovering at the threshold does not flap.
 * A series that stops reporting for STALE_INTERVALS of its cadence ends its episode (value null):
 * the no-data rule speaks for it then.
 *
 * A pending episode also fires by the clock once `for` has passed since its first sample arrived
 * (`dueMs`), without waiting for a later sample: a series sampled every 5 s under a rule `for: 2s`
 * fires 2 s after the first, not 5 s; the alert service arms a timer for that instant.
 */

export type Phase = 'inactive' | 'pending' | 'firing';
export type Transition = 'pending' | 'firing' | 'resolved' | 'aborted';

export interface SeriesState {
  phase: Phase;
  /** Sample time the condition first held in this episode. */
  since?: number;
  /** Sample time the condition first failed while firing. */
  clearSince?: number;
  /** Clock ms a pending episode fires at if it still holds then (its first sample's arrival + `for`). */
  dueMs?: number;
  /** Newest sample time seen (older samples are late and ignored). */
  lastAt?: number;
  /** Clock ms the newest sample arrived at. */
  arrivedMs?: number;
  /** Ms between the series' last two samples. */
  everyMs?: number;
  /** The value last judged, base unit; null once there is none (absent, stale). */
  value: number | null;
}

export const STALE_INTERVALS = 3;
/** No cadence is taken as shorter than this: the alert clock ticks every second. */
export const MIN_CADENCE_MS = 1000;
/** How fast the cadence estimate may shrink per sample (it grows at once). */
const CADENCE_DECAY = 0.9;

export const newSeries = (): SeriesState => ({ phase: 'inactive', value: null });

/** Whether a value meets the condition against a (resolved, base-unit) threshold. */
export function holds(condition: AlertRule['condition'], value: number, threshold: number): boolean {
  switch (condition) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    default:
      return false;
  }
}

/**
 * A sample of the series (sample time `at`, clock `nowMs`): the state after it, in place, and the
 * transition it caused. `threshold` is undefined for an `absent` rule (a sample ends its episode).
 */
export function onSample(rule: AlertRule, state: SeriesState, at: number, value: number, nowMs: number, threshold: number | undefined): Transition | undefined {
  if (state.lastAt !== undefined && at <= state.lastAt) return undefined;
  // One short gap (an extra tick right after a fault is injected) must not make the series look stale 3 gaps later:
  // the estimate grows at once and shrinks slowly.
  if (state.lastAt !== undefined) {
    const gap = at - state.lastAt;
    state.everyMs = state.everyMs === undefined ? gap : Math.max(gap, state.everyMs * CADENCE_DECAY);
  }
  state.lastAt = at;
  state.arrivedMs = nowMs;
  if (rule.condition === 'absent') {
    state.value = value;
    return end(state);
  }
  const met = holds(rule.condition, value, threshold!);
  // While firing, the value shown stays the last that met the condition until the alert resolves.
  if (met || state.phase !== 'firing') state.value = value;
  switch (state.phase) {
    case 'inactive':
      if (!met) return undefined;
      state.since = at;
      if (rule.forMs === 0) return fire(state);
      state.phase = 'pending';
      state.dueMs = nowMs + rule.forMs;
      return 'pending';
    case 'pending':
      if (!met) return end(state);
      return at - state.since! >= rule.forMs ? fire(state) : undefined;
    case 'firing':
      if (met) {
        delete state.clearSince;
        return undefined;
      }
      state.clearSince ??= at;
      if (at - state.clearSince < rule.clearForMs) return undefined;
      state.value = value;
      return end(state);
  }
}

/** The clock moved (no sample): an `absent` rule's series may start missing; any series may go stale. */
export function onClock(rule: AlertRule, state: SeriesState, nowMs: number): Transition | undefined {
  if (state.arrivedMs === undefined) return undefined;
  const every = Math.max(state.everyMs ?? DEFAULT_CADENCE_MS, MIN_CADENCE_MS);
  if (rule.condition === 'absent') {
    const missingSince = state.arrivedMs + rule.intervals * every;
    if (nowMs < missingSince) return undefined;
    state.value = null;
    if (state.phase === 'inactive') {
      state.since = missingSince;
      if (rule.forMs === 0) return fire(state);
      state.phase = 'pending';
      return 'pending';
    }
    if (state.phase === 'pending' && nowMs - state.since! >= rule.forMs) return fire(state);
    return undefined;
  }
  if (state.phase !== 'inactive' && nowMs - state.arrivedMs >= STALE_INTERVALS * every) {
    state.value = null;
    return end(state);
  }
  // Still holding (a sample that did not would have ended the episode) and `for` has passed by the clock.
  if (state.phase === 'pending' && state.dueMs !== undefined && nowMs >= state.dueMs) return fire(state);
  return undefined;
}

function fire(state: SeriesState): Transition {
  state.phase = 'firing';
  delete state.clearSince;
  delete state.dueMs;
  return 'firing';
}

function end(state: SeriesState): Transition | undefined {
  const was = state.phase;
  state.phase = 'inactive';
  delete state.since;
  delete state.clearSince;
  delete state.dueMs;
  if (was === 'firing') return 'resolved';
  if (was === 'pending') return 'aborted';
  return undefined;
}
