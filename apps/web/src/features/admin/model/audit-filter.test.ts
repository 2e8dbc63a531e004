import { describe, expect, it } from 'vitest';
import { auditQueryString, isFiltered, isoToLocalInput, localInputToIso, offsetText } from './audit-filter.ts';

describe('the audit log filter', () => {
  it('asks for the filters in a fixed order, then the page', () => {
    expect(auditQueryString({})).toBe('');
    expect(auditQueryString({ to: '2026-12-03T10:00:00Z', actor: 'admin', action: 'user-created' }, 41, 50)).toBe('?action=user-created&actor=admin&to=2026-12-03T10%3A00%3A00Z&before=41&limit=50');
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ actor: 'admin' })).toBe(true);
  });

  it('writes zone offsets east and west of UTC', () => {
    expect(offsetText(60)).toBe('+01:00');
    expect(offsetText(-270)).toBe('-04:30');
    expect(offsetText(0)).toBe('+00:00');
  });

  it('turns the wall-clock input into an ISO time with the viewer’s offset, and back', () => {
    const iso = localInputToIso('2026-12-03T10:15');
    expect(iso).toMatch(/^2026-12-03T10:15:00[+-]\d{2}:\d{2}$/);
    // The same instant as the viewer's wall clock.
    expect(new Date(iso!).getHours()).toBe(10);
    expect(isoToLocalInput(iso)).toBe('2026-12-03T10:15');
  });

  it('refuses what is no time', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('yesterday')).toBeUndefined();
    expect(localInputToIso('2026-02-31T10:00')).toBeUndefined();
    expect(isoToLocalInput('not a time')).toBe('');
    expect(isoToLocalInput(undefined)).toBe('');
  });
});
