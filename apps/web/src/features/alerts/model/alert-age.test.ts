import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { describeAlertAge, describeEta, formatDuration } from './alert-age.ts';

const at = (iso: string) => Date.parse(iso);
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('an alert’s age', () => {
  it('is written with its units, two at most, and never rounds up', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_500)).toBe('45 s');
    expect(formatDuration(59_999)).toBe('59 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(2 * 60_000 + 40_000)).toBe('2 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 30_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(1200 * 86_400_000)).toBe('1,200 d');
  });

  it('reads 0 s for a clock a little behind the server’s, and for nonsense', () => {
    expect(formatDuration(-5000)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });

  it('says what the alert has been doing since when', () => {
    const now = at('2026-12-03T12:03:10Z');
    expect(describeAlertAge(buildAlert({ startsAt: '2026-12-03T11:59:00Z', firingAt: '2026-12-03T12:00:00Z' }), now)).toBe('firing for 3 min');
    expect(describeAlertAge(buildAlert({ state: 'pending', startsAt: '2026-12-03T12:02:50Z', firingAt: undefined }), now)).toBe('pending for 20 s');
    expect(describeAlertAge(buildAlert({ state: 'resolved', resolvedAt: '2026-12-03T11:58:00Z' }), now)).toBe('resolved 5 min ago');
  });

  it('says when an acknowledger expects the fix, and when that time has passed', () => {
    const now = at('2026-12-03T12:05:00Z');
    expect(describeEta('2026-12-03T12:30:00Z', now, clock)).toBe('ETA 12:30 (in 25 min)');
    expect(describeEta('2026-12-03T12:00:00Z', now, clock)).toBe('ETA 12:00 (passed 5 min ago)');
  });
});
