import { type Seed, valueNoise } from './random.ts';
import { dayOfYear, localSolarHour } from './solar.ts';

/**
 * Outdoor air temperature from latitude, season and the local solar hour — a deliberately simple
 * climatology, not a weather model:
 * - annual mean ≈ 27 − 0.0075 · lat² °C (≈ 27 at the equator, 20 at 30°, 12 at 45°, 0 at 60°);
 * - seasonal half-range ≈ 1 + 0.2 · |lat| °C, warmest around 19 July in the north and 17 January
 *   in the south (a month after the solstice);
 * - diurnal half-range 4 ± 1.5 °C (wider in summer), coldest near 05:00 and warmest near 15:00
 *   local solar time;
 * - optional weather: a smooth anomaly of up to ±3 °C drifting over days, keyed by seed and site.
 * Coasts, altitude and deserts are ignored; Marrakech comes out a little cool, Grenoble a little warm.
 */

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
/** Day of year of the warmest day in the northern hemisphere. */
const NORTH_PEAK_DAY = 200;
const WEATHER_AMPLITUDE_C = 3;

export function annualMeanC(lat: number): number {
  return 27 - 0.0075 * lat * lat;
}

export function seasonalAmplitudeC(lat: number): number {
  return 1 + 0.2 * Math.abs(lat);
}

/** +1 at the height of local summer, −1 in deep winter (hemisphere-aware). */
export function seasonFactor(lat: number, day: number): number {
  const peak = lat >= 0 ? NORTH_PEAK_DAY : NORTH_PEAK_DAY - YEAR_DAYS / 2;
  return Math.cos((2 * Math.PI * (day - peak)) / YEAR_DAYS);
}

/** Daily cycle in [−1, 1]: −1 at 05:00, +1 at 15:00 local solar time; rises over 10 h, falls over 14 h. */
export function diurnalShape(solarHour: number): number {
  const h = (((solarHour - 5) % 24) + 24) % 24; // hours since the minimum
  return h <= 10 ? -Math.cos((Math.PI * h) / 10) : Math.cos((Math.PI * (h - 10)) / 14);
}

export function diurnalAmplitudeC(season: number): number {
  return 4 + 1.5 * season;
}

export interface WeatherKey {
  seed: Seed;
  /** Usually the site id: each site has its own weather. */
  key: string;
}

/** Ambient (outdoor) temperature in °C. Without `weather` the value is the pure climatology. */
export function ambientTemperatureC(lat: number, lon: number, atMs: number, weather?: WeatherKey): number {
  const season = seasonFactor(lat, dayOfYear(atMs));
  const climate = annualMeanC(lat) + seasonalAmplitudeC(lat) * season + diurnalAmplitudeC(season) * diurnalShape(localSolarHour(atMs, lon));
  if (!weather) return climate;
  // Two octaves: a multi-day front (3 days between knots) and a smaller half-day swing.
  const anomaly = 0.75 * valueNoise(atMs, 3 * DAY_MS, weather.seed, weather.key, 'weather') + 0.25 * valueNoise(atMs, DAY_MS / 2, weather.seed, weather.key, 'weather-short');
  return climate + WEATHER_AMPLITUDE_C * anomaly;
}
