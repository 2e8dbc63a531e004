import { describe, expect, it } from 'vitest';
import { ambientTemperatureC, annualMeanC, diurnalShape, seasonFactor } from './climate.ts';

const MARRAKECH = { lat: 31.63, lon: -8.0 };
const GRENOBLE = { lat: 45.19, lon: 5.72 };
const LAGOS = { lat: 6.45, lon: 3.39 };
const HOUR = 3_600_000;
/** UTC instant of a local solar hour (ignoring the equation of time, ±16 min). */
const atSolarHour = (y: number, m: number, d: number, hour: number, lon: number) => Date.UTC(y, m, d) + (hour - lon / 15) * HOUR;

describe('climate', () => {
  it('cools from the equator to the poles', () => {
    expect(annualMeanC(0)).toBeCloseTo(27);
    expect(annualMeanC(31.63)).toBeGreaterThan(annualMeanC(45.19));
    expect(annualMeanC(-45)).toBe(annualMeanC(45));
  });

  it('has the coldest hour near 05:00 and the warmest near 15:00', () => {
    const hours = Array.from({ length: 240 }, (_, i) => i / 10);
    const values = hours.map(diurnalShape);
    expect(hours[values.indexOf(Math.min(...values))]).toBeCloseTo(5, 0);
    expect(hours[values.indexOf(Math.max(...values))]).toBeCloseTo(15, 0);
    expect(diurnalShape(0)).toBeCloseTo(diurnalShape(24));
  });

  it('knows the hemispheres have opposite seasons', () => {
    const july = 196;
    expect(seasonFactor(45, july)).toBeGreaterThan(0.9);
    expect(seasonFactor(-45, july)).toBeLessThan(-0.9);
    const sydney = { lat: -33.87, lon: 151.21 };
    expect(ambientTemperatureC(sydney.lat, sydney.lon, atSolarHour(2026, 0, 20, 15, sydney.lon))).toBeGreaterThan(
      ambientTemperatureC(sydney.lat, sydney.lon, atSolarHour(2026, 6, 20, 15, sydney.lon)) + 10,
    );
  });

  it('makes a Marrakech summer afternoon far warmer than a Grenoble winter night', () => {
    const marrakech = ambientTemperatureC(MARRAKECH.lat, MARRAKECH.lon, atSolarHour(2026, 6, 20, 15, MARRAKECH.lon));
    const grenoble = ambientTemperatureC(GRENOBLE.lat, GRENOBLE.lon, atSolarHour(2026, 0, 15, 3, GRENOBLE.lon));
    expect(marrakech).toBeGreaterThan(28);
    expect(grenoble).toBeLessThan(3);
    expect(marrakech - grenoble).toBeGreaterThan(25);
    // Weather (±3 °C) never closes the gap.
    for (const seed of [1, 2, 3, 'demo']) {
      const m = ambientTemperatureC(MARRAKECH.lat, MARRAKECH.lon, atSolarHour(2026, 6, 20, 15, MARRAKECH.lon), { seed, key: 'marrakech' });
      const g = ambientTemperatureC(GRENOBLE.lat, GRENOBLE.lon, atSolarHour(2026, 0, 15, 3, GRENOBLE.lon), { seed, key: 'grenoble' });
      expect(m - g).toBeGreaterThan(19);
    }
  });

  it('keeps Lagos warm all year', () => {
    const temps: number[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3 * HOUR) {
      temps.push(ambientTemperatureC(LAGOS.lat, LAGOS.lon, t, { seed: 7, key: 'ng-lagos-1' }));
    }
    const mean = temps.reduce((a, b) => a + b, 0) / temps.length;
    expect(Math.min(...temps)).toBeGreaterThan(17);
    expect(mean).toBeGreaterThan(24);
    expect(mean).toBeLessThan(30);
  });

  it('adds weather that is repeatable per seed and site', () => {
    const at = Date.UTC(2026, 3, 1, 12);
    const a = ambientTemperatureC(LAGOS.lat, LAGOS.lon, at, { seed: 1, key: 'x' });
    expect(ambientTemperatureC(LAGOS.lat, LAGOS.lon, at, { seed: 1, key: 'x' })).toBe(a);
    expect(ambientTemperatureC(LAGOS.lat, LAGOS.lon, at, { seed: 2, key: 'x' })).not.toBe(a);
    expect(Math.abs(a - ambientTemperatureC(LAGOS.lat, LAGOS.lon, at))).toBeLessThanOrEqual(3);
  });
});
