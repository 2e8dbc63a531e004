import type { WorkloadKind } from '@corridor/shared';
import { clamp, uniform, valueNoise, type Seed } from './random.ts';
import { localSolarHour } from './solar.ts';

/**
 * GPU demand on a site before workloads are placed on it: a business-day curve in the site's local
 * solar time (low at night, high mid-afternoon) around a per-site base load, plus slow noise.
 * Once workloads run on a site, their GPUs replace this background demand (siteUtilisation).
 */
export function backgroundUtilisation(site: { id: string; lon: number }, atMs: number, seed: Seed): number {
  const hour = localSolarHour(atMs, site.lon);
  const base = 0.45 + 0.2 * uniform(seed, site.id, 'base-load'); // 0.45–0.65, fixed per site
  const day = Math.cos(((hour - 15) / 24) * 2 * Math.PI); // +1 at 15:00, −1 at 03:00
  const drift = 0.08 * valueNoise(atMs, 20 * 60_000, seed, site.id, 'demand'); // ±0.08 over ~20 min
  return clamp(base + 0.2 * day + drift, 0.05, 0.98);
}

/** GPU load of a workload's GPUs by kind: training saturates them, inference follows its traffic. */
export const WORKLOAD_UTILISATION: Record<WorkloadKind, number> = { training: 0.95, 'fine-tuning': 0.9, inference: 0.6, batch: 0.8 };

/** GPUs a running workload holds on a site. */
export interface RunningGpus {
  kind: WorkloadKind;
  gpuCount: number;
}

/**
 * A site's GPU utilisation, 0–1: the running workloads' GPUs at their kind's load, and the background
 * demand on the GPUs no workload holds. GPUs beyond the site's count are ignored (a workload on a
 * site whose clusters shrank cannot draw more than is installed).
 */
export function siteUtilisation(totalGpus: number, running: readonly RunningGpus[], background: number): number {
  if (totalGpus <= 0) return background;
  let held = 0;
  let load = 0;
  for (const w of running) {
    const gpus = Math.min(w.gpuCount, totalGpus - held);
    held += gpus;
    load += gpus * WORKLOAD_UTILISATION[w.kind];
  }
  return clamp((load + (totalGpus - held) * background) / totalGpus, 0, 1);
}
