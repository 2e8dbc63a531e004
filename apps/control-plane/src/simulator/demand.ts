import { clamp, uniform, valueNoise, type Seed } from './random.ts';
import { localSolarHour } from './solar.ts';

/**
 * GPU demand on a site before workloads are placed on it: a business-day curve in the site's local
 * solar time (low at night, high mid-afternoon) around a per-site base load, plus slow noise.
 * Once workloads run on a site, their GPUs replace this background demand.
 */
export function backgroundUtilisation(site: { id: string; lon: number }, atMs: number, seed: Seed): number {
  const hour = localSolarHour(atMs, site.lon);
  const base = 0.45 + 0.2 * uniform(seed, site.id, 'base-load'); // 0.45–0.65, fixed per site
  const day = Math.cos(((hour - 15) / 24) * 2 * Math.PI); // +1 at 15:00, −1 at 03:00
  const drift = 0.08 * valueNoise(atMs, 20 * 60_000, seed, site.id, 'demand'); // ±0.08 over ~20 min
  return clamp(base + 0.2 * day + drift, 0.05, 0.98);
}
