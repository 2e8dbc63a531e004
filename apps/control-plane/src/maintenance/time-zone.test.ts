import { describe, expect, it } from 'vitest';
import { defaultFleet } from '../placement/fixtures.ts';
import { siteTimeZone } from './time-zone.ts';

describe("a site's time zone", () => {
  it('is its country’s, by longitude where the country spans several', () => {
    expect(siteTimeZone({ country: 'MA', lat: 33.57, lon: -7.64 })).toBe('Africa/Casablanca');
    expect(siteTimeZone({ country: 'MA', lat: 23.7, lon: -15.94 })).toBe('Africa/Casablanca');
    expect(siteTimeZone({ country: 'ES', lat: 40.4, lon: -3.63 })).toBe('Europe/Madrid');
    expect(siteTimeZone({ country: 'ES', lat: 28.1, lon: -15.4 })).toBe('Atlantic/Canary');
    expect(siteTimeZone({ country: 'FR', lat: 45.19, lon: 5.72 })).toBe('Europe/Paris');
    expect(siteTimeZone({ country: 'US', lat: 39.04, lon: -77.49 })).toBe('America/New_York');
    expect(siteTimeZone({ country: 'US', lat: 33.75, lon: -84.39 })).toBe('America/New_York');
    expect(siteTimeZone({ country: 'US', lat: 32.78, lon: -96.8 })).toBe('America/Chicago');
    expect(siteTimeZone({ country: 'US', lat: 33.45, lon: -112.07 })).toBe('America/Denver');
    expect(siteTimeZone({ country: 'US', lat: 45.6, lon: -121.2 })).toBe('America/Los_Angeles');
    expect(siteTimeZone({ country: 'SN', lat: 14.7, lon: -17.18 })).toBe('Africa/Dakar');
    expect(siteTimeZone({ country: 'CI', lat: 5.35, lon: -4.01 })).toBe('Africa/Abidjan');
    expect(siteTimeZone({ country: 'NG', lat: 6.45, lon: 3.35 })).toBe('Africa/Lagos');
    expect(siteTimeZone({ country: 'GH', lat: 5.6, lon: -0.19 })).toBe('Africa/Accra');
  });

  it('falls back to a whole-hour offset from the longitude for a country it has no zone for', () => {
    expect(siteTimeZone({ country: 'JP', lat: 35.7, lon: 139.7 })).toBe('Etc/GMT-9');
    expect(siteTimeZone({ country: 'BR', lat: -23.5, lon: -46.6 })).toBe('Etc/GMT+3');
  });

  it('is a zone the runtime knows for every site of the default fleet', () => {
    for (const site of defaultFleet().fleet.sites) {
      const zone = siteTimeZone(site);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), `${site.id} → ${zone}`).not.toThrow();
    }
  });
});
