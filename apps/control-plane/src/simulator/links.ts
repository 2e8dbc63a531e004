import type { LinkValues } from './faults.ts';
import { type Seed, clamp, gaussian, rng, valueNoise } from './random.ts';
import { localSolarHour } from './solar.ts';

/**
 * A network link as probes between its two ends see it: round-trip time, loss and utilisation.
 *
 * - Utilisation follows the day at the link's midpoint: low near 05:00, peaking in the evening
 *   (~21:00 local solar time), 0.15–0.75 around a base of 0.45, plus a slow drift of ±0.05.
 * - RTT = the link's base RTT (measured or modelled, FACTS.md) + queueing delay growing as
 *   ρ/(1 − ρ) with utilisation ρ + jitter of ~1 % of the base; never below the fibre floor of
 *   1 ms per 100 km of route.
 * - Loss is ~10⁻⁵ when the link is uncongested and rises quadratically above 85 % utilisation.
 */

export interface SimLink {
  id: string;
  /** Typical round-trip time in ms with no queueing. */
  rttMs: number;
  /** Route length in km (sets the fibre floor of the RTT). */
  lengthKm?: number;
  /** Longitude of the link's midpoint, for its local time of day (UTC when absent). */
  midLon?: number;
}

const HOUR_MS = 3_600_000;
/** Queueing delay scale in ms: delay = QUEUE_MS × ρ/(1 − ρ), capped. */
const QUEUE_MS = 0.5;
const MAX_QUEUE_MS = 25;

/** Diurnal traffic shape in [−1, 1]: −1 at 05:00, +1 at 21:00 local solar time. */
export function trafficShape(solarHour: number): number {
  const h = (((solarHour - 5) % 24) + 24) % 24;
  return h <= 16 ? -Math.cos((Math.PI * h) / 16) : Math.cos((Math.PI * (h - 16)) / 8);
}

export function linkUtilisation(link: SimLink, atMs: number, seed: Seed): number {
  const shape = trafficShape(localSolarHour(atMs, link.midLon ?? 0));
  const drift = valueNoise(atMs, 2 * HOUR_MS, seed, link.id, 'traffic');
  return clamp(0.45 + 0.3 * shape + 0.05 * drift, 0.02, 0.97);
}

export function queueingDelayMs(utilisation: number): number {
  const rho = clamp(utilisation, 0, 0.999);
  return Math.min(MAX_QUEUE_MS, (QUEUE_MS * rho) / (1 - rho));
}

export function linkRttMs(link: SimLink, utilisation: number, next: () => number): number {
  const floor = (link.lengthKm ?? 0) / 100;
  const jitter = 0.01 * link.rttMs * gaussian(next);
  return Math.max(floor, link.rttMs + queueingDelayMs(utilisation) + jitter);
}

export function linkLossRatio(utilisation: number, next: () => number): number {
  const congestion = utilisation > 0.85 ? 0.5 * (utilisation - 0.85) ** 2 : 0;
  return clamp(1e-5 * (0.5 + next()) + congestion, 0, 1);
}

/** A healthy link's values at an instant (RTT in seconds, per the catalogue). */
export function linkValues(link: SimLink, atMs: number, seed: Seed): LinkValues {
  const next = rng(seed, link.id, atMs, 'link');
  const utilisation = linkUtilisation(link, atMs, seed);
  return {
    link_rtt_seconds: linkRttMs(link, utilisation, next) / 1000,
    link_loss_ratio: linkLossRatio(utilisation, next),
    link_utilization_ratio: utilisation,
  };
}
