// Shared by the placement benchmarks: the engine (TypeScript, through tsx), synthetic fleets as the
// engine sees them, seeded reservations, and a mix of workload requests in the shared vocabulary.
import { register } from 'tsx/esm/api';
import { syntheticFleet } from './synthetic-fleet.mjs';

register();
const placement = new URL('../../apps/control-plane/src/placement/', import.meta.url);
const { planPlacement } = await import(new URL('engine.ts', placement).href);
const { buildRequest, defaultPolicy, fleetSnapshot } = await import(new URL('fixtures.ts', placement).href);
const { DEFAULT_WEIGHTS, mulberry32 } = await import(new URL('../../../../packages/shared/src/index.ts', placement).href);

export { planPlacement, buildRequest, DEFAULT_WEIGHTS, mulberry32 };

/** The default policy pack (data/policy), as the control plane loads it. */
export const policy = defaultPolicy();

/** A synthetic fleet of `siteCount` sites (bench/lib/synthetic-fleet.mjs: H200 and B200 halls, ~1 link a site). */
export function planFleet(siteCount) {
  return fleetSnapshot(syntheticFleet(siteCount), `synthetic-${siteCount}`);
}

/** Seeded reservations: each GPU pool of each site 0–60 % held, power to match. */
export function seededUsage(fleet, seed = 7) {
  const random = mulberry32(seed);
  const usage = new Map();
  for (const site of fleet.sites) {
    const gpus = {};
    let powerKw = 0;
    for (const c of site.clusters) {
      const held = Math.floor(c.gpuCount * 0.6 * random());
      gpus[c.gpuModel] = (gpus[c.gpuModel] ?? 0) + held;
      powerKw += held * c.kwPerGpu;
    }
    usage.set(site.id, { gpus, powerKw });
  }
  return usage;
}

/** Live carbon intensity on every other site (the rest fall back to the fleet file's grid figure). */
export function seededLive(fleet) {
  return new Map(fleet.sites.filter((_, i) => i % 2 === 0).map((s) => [s.id, { carbonGPerKwh: Math.round(s.gridCarbonGPerKwh * 0.8) }]));
}

/** Six requests that exercise different rules, models, latency objectives and weights. */
export const REQUEST_MIX = [
  { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 64, model: 'H200' }, latency: { from: 'Casablanca', maxRttMs: 20 } },
  { sector: 'government', dataClass: 'sensitive-personal', dataOrigin: 'FR', gpus: { count: 256 }, latency: { from: 'Paris', maxRttMs: 30 } },
  { sector: 'commercial', dataClass: 'personal', dataOrigin: 'ES', gpus: { count: 512, model: 'B200' }, conditions: ['sccs-signed'] },
  { sector: 'commercial', dataClass: 'internal', dataOrigin: 'US', gpus: { count: 1024 }, latency: { from: 'New York', maxRttMs: 60 } },
  { sector: 'government', dataClass: 'internal', dataOrigin: 'NG', gpus: { count: 32 }, latency: { from: 'Lagos', maxRttMs: 40 } },
  { sector: 'energy', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 128, model: 'B200' }, weights: { carbon: 1, latency: 0 } },
].map((r) => buildRequest(r));

/** The p-th percentile of sorted numbers (nearest rank). */
export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
