/**
 * Where the sun is, and how much clear-sky sunlight reaches a site.
 *
 * Standard engineering approximations (accurate to a few tenths of a degree, plenty for a simulator):
 * declination after Cooper (1969), the equation of time after Spencer-style fits, local solar time
 * from longitude, and the zenith angle from latitude, declination and hour angle. Clear-sky global
 * horizontal irradiance follows the simple model in DESIGN.md: 1098 · cos z · e^(−0.057 / cos z) W/m².
 */

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;

/** Derate of a PV plant from nameplate (DC) to delivered AC power: inverter, temperature, soiling, wiring. */
export const PV_DERATE = 0.8;

/** Day of year, 1 on 1 January (UTC), with the time of day as a fraction (1.5 = 1 Jan, noon UTC). */
export function dayOfYear(atMs: number): number {
  const year = new Date(atMs).getUTCFullYear();
  return (atMs - Date.UTC(year, 0, 1)) / DAY_MS + 1;
}

/** Solar declination in radians (Cooper): ±23.44° at the solstices. */
export function declinationRad(day: number): number {
  return 23.44 * DEG * Math.sin((2 * Math.PI * (284 + day)) / 365);
}

/** Equation of time in minutes: apparent solar time minus mean solar time (−14 … +16 min). */
export function equationOfTimeMinutes(day: number): number {
  const b = (2 * Math.PI * (day - 81)) / 364;
  return 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
}

/** Apparent local solar time in hours [0, 24): 12 when the sun crosses the site's meridian. */
export function localSolarHour(atMs: number, lon: number): number {
  const utcHours = (((atMs % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  const hour = utcHours + lon / 15 + equationOfTimeMinutes(dayOfYear(atMs)) / 60;
  return ((hour % 24) + 24) % 24;
}

export interface SolarPosition {
  declinationDeg: number;
  /** 0 at solar noon, negative in the morning, 15° per hour. */
  hourAngleDeg: number;
  zenithDeg: number;
  cosZenith: number;
  /** Elevation above the horizon (90° − zenith); negative at night. */
  elevationDeg: number;
  localSolarHour: number;
}

export function solarPosition(atMs: number, lat: number, lon: number): SolarPosition {
  const day = dayOfYear(atMs);
  const dec = declinationRad(day);
  const solarHour = localSolarHour(atMs, lon);
  const hourAngle = 15 * (solarHour - 12) * DEG;
  const phi = lat * DEG;
  const cosZ = Math.max(-1, Math.min(1, Math.sin(phi) * Math.sin(dec) + Math.cos(phi) * Math.cos(dec) * Math.cos(hourAngle)));
  const zenithDeg = Math.acos(cosZ) / DEG;
  return {
    declinationDeg: dec / DEG,
    hourAngleDeg: hourAngle / DEG,
    zenithDeg,
    cosZenith: cosZ,
    elevationDeg: 90 - zenithDeg,
    localSolarHour: solarHour,
  };
}

/** Clear-sky global horizontal irradiance in W/m²: 1098 · cos z · e^(−0.057/cos z); 0 below the horizon. */
export function clearSkyIrradiance(cosZenith: number): number {
  if (cosZenith <= 0) return 0;
  return 1098 * cosZenith * Math.exp(-0.057 / cosZenith);
}

/** AC output in kW of a PV plant of `installedMw` (peak, at 1000 W/m²) under `irradiance` W/m². */
export function pvOutputKw(installedMw: number, irradiance: number, derate = PV_DERATE): number {
  if (!(installedMw > 0) || !(irradiance > 0)) return 0;
  return installedMw * 1000 * (irradiance / 1000) * derate;
}

/** On-site solar output in kW of a site at an instant, under a clear sky. */
export function siteSolarKw(site: { lat: number; lon: number; onSiteSolarMw: number }, atMs: number): number {
  return pvOutputKw(site.onSiteSolarMw, clearSkyIrradiance(solarPosition(atMs, site.lat, site.lon).cosZenith));
}

/** The UTC instant of local solar noon at longitude `lon` on the UTC day that starts at `dayStartUtcMs`. */
export function solarNoonUtcMs(dayStartUtcMs: number, lon: number): number {
  const eot = equationOfTimeMinutes(dayOfYear(dayStartUtcMs + DAY_MS / 2));
  return dayStartUtcMs + (12 - lon / 15 - eot / 60) * 3_600_000;
}
