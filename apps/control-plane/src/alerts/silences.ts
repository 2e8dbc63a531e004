import { randomUUID } from 'node:crypto';
import { InputError, type Alert, type Silence, type SilenceCreate } from '@corridor/shared';

/**
 * Silences, as pure functions of the clock: a silence is pending before its start, active until its
 * end (or until someone expires it) and expired after. A silenced alert is still evaluated and still
 * records firing and resolved; only its notification is held back (`silencedBy` says by which).
 */

export function silenceState(silence: Silence, nowMs: number): Silence['state'] {
  if (silence.expiredAt !== undefined || nowMs >= Date.parse(silence.endsAt)) return 'expired';
  return nowMs < Date.parse(silence.startsAt) ? 'pending' : 'active';
}

/** The silence with its state as of now. */
export const withState = (silence: Silence, nowMs: number): Silence => ({ ...silence, state: silenceState(silence, nowMs) });

/** Every matcher given matches the alert (a silence names at least one). */
export function silenceMatches(silence: Silence, alert: Pick<Alert, 'ruleId' | 'siteId' | 'linkId' | 'severity'>): boolean {
  const m = silence.matchers;
  return (
    (m.ruleId === undefined || m.ruleId === alert.ruleId) &&
    (m.siteId === undefined || m.siteId === alert.siteId) &&
    (m.linkId === undefined || m.linkId === alert.linkId) &&
    (m.severity === undefined || m.severity === alert.severity)
  );
}

/** Ids of the active silences that match the alert, sorted (so a change is a real change). */
export function silencedBy(silences: readonly Silence[], alert: Pick<Alert, 'ruleId' | 'siteId' | 'linkId' | 'severity'>, nowMs: number): string[] {
  return silences
    .filter((s) => silenceState(s, nowMs) === 'active' && silenceMatches(s, alert))
    .map((s) => s.id)
    .sort();
}

/** A new silence from a checked request: starts now unless said, ends at `endsAt` or after `durationMinutes`. */
export function newSilence(request: SilenceCreate, createdBy: string, nowMs: number): Silence {
  const startsMs = request.startsAt !== undefined ? Date.parse(request.startsAt) : nowMs;
  const endsMs = request.endsAt !== undefined ? Date.parse(request.endsAt) : startsMs + request.durationMinutes! * 60_000;
  if (endsMs <= startsMs) throw new InputError('the silence must end after it starts', [{ field: 'endsAt', message: 'must be after startsAt' }]);
  if (endsMs <= nowMs) throw new InputError('the silence would already be over', [{ field: 'endsAt', message: 'must be in the future' }]);
  const silence: Silence = {
    id: randomUUID(),
    matchers: request.matchers,
    startsAt: new Date(startsMs).toISOString(),
    endsAt: new Date(endsMs).toISOString(),
    createdBy,
    comment: request.comment,
    createdAt: new Date(nowMs).toISOString(),
    state: 'active',
  };
  return withState(silence, nowMs);
}
