import { describe, expect, it } from 'vitest';
import { clearSkyIrradiance, declinationRad, localSolarHour, pvOutputKw, siteSolarKw, solarNoonUtcMs, solarPosition } from './solar.ts';

const CASABLANCA = { lat: 33.57, lon: -7.59, onSiteSolarMw: 1 };
/** Morocco keeps UTC+1 for most of the year: local civil time → UTC. */
const casablancaLocal = (y: number, m: number, d: number, h: number) => Date.UTC(y, m, d, h - 1);
const SEASONS = [
  [2026, 0, 15],
  [2026, 3, 15],
  [2026, 5, 21],
  [2026, 8, 22],
  [2026, 11, 21],
] as const;

describe('solar position', () => {
  it('puts the declination at ±23.4° at the solstices and ~0 at the equinoxes', () => {
    expect(declinationRad(172) * (180 / Math.PI)).toBeCloseTo(23.44, 0);
    expect(declinationRad(355) * (180 / Math.PI)).toBeCloseTo(-23.44, 0);
    expect(Math.abs(declinationRad(80) * (180 / Math.PI))).toBeLessThan(1);
  });

  it('finds local solar noon from the longitude, with the sun highest then', () => {
    const noon = solarNoonUtcMs(Date.UTC(2026, 5, 21), CASABLANCA.lon);
    expect(localSolarHour(noon, CASABLANCA.lon)).toBeCloseTo(12, 1);
    const atNoon = solarPosition(noon, CASABLANCA.lat, CASABLANCA.lon);
    // At solar noon the zenith angle is |lat − declination|.
    expect(atNoon.zenithDeg).toBeCloseTo(Math.abs(CASABLANCA.lat - atNoon.declinationDeg), 0);
    for (const dh of [-2, -1, 1, 2]) {
      expect(solarPosition(noon + dh * 3_600_000, CASABLANCA.lat, CASABLANCA.lon).elevationDeg).toBeLessThan(atNoon.elevationDeg);
    }
  });

  it('gives the clear-sky irradiance of the design formula, 0 below the horizon', () => {
    expect(clearSkyIrradiance(1)).toBeCloseTo(1098 * Math.exp(-0.057), 6);
    expect(clearSkyIrradiance(0.5)).toBeCloseTo(1098 * 0.5 * Math.exp(-0.114), 6);
    expect(clearSkyIrradiance(0)).toBe(0);
    expect(clearSkyIrradiance(-0.3)).toBe(0);
  });

  it('scales PV output with installed MW, irradiance and the 0.8 derate', () => {
    expect(pvOutputKw(2, 1000)).toBeCloseTo(1600);
    expect(pvOutputKw(2, 500)).toBeCloseTo(800);
    expect(pvOutputKw(0, 1000)).toBe(0);
  });
});

describe('on-site solar in Casablanca', () => {
  it.each(SEASONS)('is 0 at local midnight and > 0 at local noon (%i-%i-%i)', (y, m, d) => {
    expect(siteSolarKw(CASABLANCA, casablancaLocal(y, m, d, 0))).toBe(0);
    expect(siteSolarKw(CASABLANCA, casablancaLocal(y, m, d, 12))).toBeGreaterThan(0);
    expect(siteSolarKw(CASABLANCA, solarNoonUtcMs(Date.UTC(y, m, d), CASABLANCA.lon))).toBeGreaterThan(300);
  });

  it('is higher at noon in June than in December', () => {
    const june = siteSolarKw(CASABLANCA, solarNoonUtcMs(Date.UTC(2026, 5, 21), CASABLANCA.lon));
    const december = siteSolarKw(CASABLANCA, solarNoonUtcMs(Date.UTC(2026, 11, 21), CASABLANCA.lon));
    expect(june).toBeGreaterThan(december * 1.3);
    expect(june).toBeLessThanOrEqual(1000 * 0.8 * 1.04);
  });
});
