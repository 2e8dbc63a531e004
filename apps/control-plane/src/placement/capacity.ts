import { GPU_MODELS, type GpuModel, type Site, type SiteCapacity } from '@corridor/shared';
import type { SiteUsage } from './plan-input.ts';

// What a site can still take: the arithmetic a commit re-checks under the site lock, and what
// GET /v1/capacity shows.

/** GPUs and power to hold on one site for one workload. */
export interface Reservation {
  siteId: string;
  gpuModel: GpuModel;
  gpuCount: number;
  powerKw: number;
}

/** GPUs of each model installed at a site. */
function installedGpus(site: Site): Map<GpuModel, number> {
  const installed = new Map<GpuModel, number>();
  for (const c of site.clusters) installed.set(c.gpuModel, (installed.get(c.gpuModel) ?? 0) + c.gpuCount);
  return installed;
}

/** The engine's capacity checks, on the usage re-read under the site lock: GPUs of the model, and IT power. */
export function fits(site: Site, usage: SiteUsage | undefined, reservation: Omit<Reservation, 'siteId'>): boolean {
  const freeGpus = (installedGpus(site).get(reservation.gpuModel) ?? 0) - (usage?.gpus[reservation.gpuModel] ?? 0);
  const freeKw = site.itCapacityMw * 1000 - (usage?.powerKw ?? 0);
  return reservation.gpuCount <= freeGpus && reservation.powerKw <= freeKw;
}

/** A site's row of GET /v1/capacity: GPUs by model installed, reserved and free; power likewise. */
export function siteCapacity(site: Site, usage: SiteUsage | undefined, observed: Site['status'] | undefined): SiteCapacity {
  const installed = installedGpus(site);
  const gpus = GPU_MODELS.flatMap((model) => {
    const count = installed.get(model);
    if (count === undefined) return [];
    const reserved = usage?.gpus[model] ?? 0;
    return [{ model, installed: count, reserved, free: Math.max(0, count - reserved) }];
  });
  const capacityKw = site.itCapacityMw * 1000;
  const reservedKw = round1(usage?.powerKw ?? 0);
  return {
    siteId: site.id,
    status: observed ?? site.status,
    gpus,
    powerKw: { capacity: capacityKw, reserved: reservedKw, free: round1(Math.max(0, capacityKw - reservedKw)) },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
