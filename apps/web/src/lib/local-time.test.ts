import { describe, expect, it } from 'vitest';
import { formatInZone, formatSiteAndViewerTime, isoToLocalInput, localInputToIso, offsetText, zoneOfCountry } from './local-time.ts';

describe('a site time beside the viewer’s', () => {
  it('names both zones when their clocks differ', () => {
    expect(formatSiteAndViewerTime('2026-12-03T13:00:00Z', 'America/New_York', 'Europe/Paris')).toBe('Thu 3 Dec, 08:00 America/New_York · 14:00 your time (Europe/Paris)');
  });

  it('repeats the date for the viewer when it is another day there', () => {
    expect(formatSiteAndViewerTime('2026-12-04T02:00:00Z', 'America/New_York', 'Europe/Paris')).toBe('Thu 3 Dec, 21:00 America/New_York · Fri 4 Dec, 03:00 your time (Europe/Paris)');
  });

  it('says once when the site and the viewer read the same clock', () => {
    expect(formatSiteAndViewerTime('2026-12-03T13:00:00Z', 'Africa/Casablanca', 'Europe/Paris')).toBe('Thu 3 Dec, 14:00 Africa/Casablanca (also your time, Europe/Paris)');
  });

  it('shows UTC, named, for a zone the browser does not know (never a wrong zone name)', () => {
    expect(formatSiteAndViewerTime('2026-12-03T13:00:00Z', 'Mars/Olympus', 'America/New_York')).toBe('Thu 3 Dec, 13:00 UTC · 08:00 your time (America/New_York)');
    expect(formatInZone('not a time', 'UTC')).toBe('not a time');
  });

  it('knows the zone of every country of the fleet', () => {
    expect(zoneOfCountry('ma')).toBe('Africa/Casablanca');
    expect(zoneOfCountry('US')).toBe('America/New_York');
    expect(zoneOfCountry('ZZ')).toBeUndefined();
  });
});

describe('datetime-local inputs', () => {
  it('round-trips the viewer’s wall clock through an ISO instant with its offset', () => {
    const iso = localInputToIso('2026-12-03T10:15');
    expect(iso).toMatch(/^2026-12-03T10:15:00[+-]\d{2}:\d{2}$/);
    expect(isoToLocalInput(iso)).toBe('2026-12-03T10:15');
  });

  it('refuses what is no time', () => {
    expect(localInputToIso('2026-02-30T10:15')).toBeUndefined();
    expect(localInputToIso('tomorrow')).toBeUndefined();
    expect(isoToLocalInput('nope')).toBe('');
  });

  it('writes offsets east and west of UTC', () => {
    expect(offsetText(60)).toBe('+01:00');
    expect(offsetText(-330)).toBe('-05:30');
  });
});
