import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, mulberry32, type Candidate, type GpuModel, type WorkloadRequest } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import { buildRequest, defaultFleet, defaultPolicy } from './fixtures.ts';
import type { PlanInput, SiteUsage } from './plan-input.ts';

// A seeded batch placed one workload after the other on data/fleet.yaml (bench/placement-batch.mjs in
// miniature, issue 15): the engine's rank-1 choice must pack at least as well as first-fit in fleet
// order — which it did not before the scarcity part.

const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');

const PROFILES = [
  { sector: 'healthcare', dataClass: 'personal' },
  { sector: 'finance', dataClass: 'personal' },
  { sector: 'commercial', dataClass: 'internal' },
  { sector: 'research', dataClass: 'internal' },
] as const;
const ORIGINS = ['MA', 'MA', 'FR', 'ES', 'US', 'GH'] as const;
const SIZES = [16, 32, 64, 128, 256];
const MODELS: (GpuModel | undefined)[] = ['H200', 'B200', undefined, undefined];

function seededBatch(random: () => number, count: number): WorkloadRequest[] {
  const any = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const model = any(MODELS);
    return buildRequest({ name: `batch ${i}`, ...any(PROFILES), dataOrigin: any(ORIGINS), gpus: { count: any(SIZES), ...(model ? { model } : {}) } });
  });
}

/** Places each workload in turn on `choose(candidates)`, holding its GPUs and power. */
function place(fleet: PlanInput['fleet'], batch: readonly WorkloadRequest[], choose: (candidates: Candidate[]) => Candidate) {
  const usage = new Map<string, SiteUsage>();
  let placed = 0;
  let gpus = 0;
  for (const request of batch) {
    const { candidates } = planPlacement({ request, fleet, usage, live: new Map(), policy, at: AT });
    if (candidates.length === 0) continue;
    const chosen = choose(candidates);
    const held = usage.get(chosen.siteId) ?? { gpus: {}, powerKw: 0 };
    held.gpus[chosen.gpuModel] = (held.gpus[chosen.gpuModel] ?? 0) + request.gpus.count;
    held.powerKw += chosen.powerKw;
    usage.set(chosen.siteId, held);
    placed++;
    gpus += request.gpus.count;
  }
  return { placed, gpus };
}

const { fleet } = defaultFleet();
const order = new Map(fleet.sites.map((site, i) => [site.id, i]));
const firstInFleetOrder = (candidates: Candidate[]) => candidates.reduce((first, c) => (order.get(c.siteId)! < order.get(first.siteId)! ? c : first));
const withoutScarcity = { ...DEFAULT_WEIGHTS, scarcity: 0 };

describe('planPlacement: a seeded batch on the default fleet', () => {
  it.each([1, 2, 3, 4])('packs at least as many workloads and GPUs as first-fit (seed %i)', (seed) => {
    const batch = seededBatch(mulberry32(seed), 300);
    const engine = place(fleet, batch, (candidates) => candidates[0]!);
    const firstFit = place(fleet, batch, firstInFleetOrder);
    expect(firstFit.placed).toBeLessThan(batch.length); // the batch outgrows the fleet: packing matters
    expect(engine.placed).toBeGreaterThanOrEqual(firstFit.placed);
    expect(engine.gpus).toBeGreaterThanOrEqual(firstFit.gpus);
    // The scarcity part is what makes the difference: the same engine without it places fewer.
    const blind = place(
      fleet,
      batch.map((r) => ({ ...r, weights: withoutScarcity })),
      (candidates) => candidates[0]!,
    );
    expect(blind.placed).toBeLessThan(engine.placed);
  });
});
