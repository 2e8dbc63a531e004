import { describe, expect, it } from 'vitest';
import { activeOccurrence, currentOccurrence, nextBoundary, WEEK_MS } from './window-occurrence.ts';

const t = (iso: string) => Date.parse(iso);
const HOUR_MS = 3_600_000;

describe('a maintenance window in time', () => {
  const oneOff = { startsAtMs: t('2026-12-05T22:00:00Z'), endsAtMs: t('2026-12-06T02:00:00Z') };
  const weekly = { ...oneOff, recurrence: 'weekly' as const };

  it('is in force from its start (inclusive) to its end (exclusive), and over after', () => {
    expect(activeOccurrence(oneOff, t('2026-12-05T21:59:59Z'))).toBeUndefined();
    expect(activeOccurrence(oneOff, t('2026-12-05T22:00:00Z'))).toEqual(oneOff);
    expect(activeOccurrence(oneOff, t('2026-12-06T01:59:59Z'))).toEqual(oneOff);
    expect(activeOccurrence(oneOff, t('2026-12-06T02:00:00Z'))).toBeUndefined();
    // Expired: no current occurrence at all, and no boundary left to wake for.
    expect(currentOccurrence(oneOff, t('2026-12-07T00:00:00Z'))).toBeUndefined();
    expect(nextBoundary(oneOff, t('2026-12-07T00:00:00Z'))).toBeUndefined();
  });

  it('repeats weekly: in force again in the second week, idle between, and names the next occurrence', () => {
    const secondWeek = t('2026-12-12T23:30:00Z');
    expect(activeOccurrence(weekly, secondWeek)).toEqual({ startsAtMs: oneOff.startsAtMs + WEEK_MS, endsAtMs: oneOff.endsAtMs + WEEK_MS });
    // Tuesday between the two: not in force; the current occurrence is the next one.
    const between = t('2026-12-08T12:00:00Z');
    expect(activeOccurrence(weekly, between)).toBeUndefined();
    expect(currentOccurrence(weekly, between)).toEqual({ startsAtMs: oneOff.startsAtMs + WEEK_MS, endsAtMs: oneOff.endsAtMs + WEEK_MS });
    expect(nextBoundary(weekly, between)).toBe(oneOff.startsAtMs + WEEK_MS);
    // Ten weeks on, still in force at the same hour.
    expect(activeOccurrence(weekly, oneOff.startsAtMs + 10 * WEEK_MS + HOUR_MS)).toBeDefined();
    // A one-off window is not in force in its second week.
    expect(activeOccurrence(oneOff, secondWeek)).toBeUndefined();
  });

  it('wakes at the start before a window, at the end during it', () => {
    expect(nextBoundary(oneOff, oneOff.startsAtMs - HOUR_MS)).toBe(oneOff.startsAtMs);
    expect(nextBoundary(oneOff, oneOff.startsAtMs + HOUR_MS)).toBe(oneOff.endsAtMs);
  });
});
