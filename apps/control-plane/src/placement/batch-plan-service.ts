import { ForbiddenError, type BatchPlan, type BatchPlanRequest, type Capacity, type GpuModel } from '@corridor/shared';
import type { ActingAs } from '../auth/acting-as.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import { planBatch, type BatchSnapshot } from './batch-plan.ts';
import type { SiteUsage } from './plan-input.ts';
import type { WorkloadService } from './workload-service.ts';

export interface BatchPlanServiceDeps {
  fleet: Pick<FleetService, 'current'>;
  /** Committed capacity, live figures and the policy in force: what a single plan reads. */
  workloads: Pick<WorkloadService, 'capacity' | 'liveFigures' | 'policy'>;
  now?: () => number;
}

/** A tenant user batches for its own tenant only: 403 naming the first row that is not. */
function ownTenantRows(batch: BatchPlanRequest, as: Pick<ActingAs, 'tenant'>): void {
  if (as.tenant === undefined) return;
  const index = batch.workloads.findIndex((w) => w.tenant !== as.tenant);
  if (index < 0) return;
  const message = `a tenant user plans for its own tenant only ("${as.tenant}"), not "${batch.workloads[index]!.tenant}"`;
  throw new ForbiddenError(`workloads.${index}.tenant: ${message}`, [{ field: `workloads.${index}.tenant`, message }]);
}

/** Committed GPUs by model and kW per site, as GET /v1/capacity counts them from the active workloads. */
function usageOf(capacity: Capacity): Map<string, SiteUsage> {
  const usage = new Map<string, SiteUsage>();
  for (const site of capacity.sites) {
    const gpus: Partial<Record<GpuModel, number>> = {};
    for (const pool of site.gpus) if (pool.reserved > 0) gpus[pool.model] = pool.reserved;
    if (site.powerKw.reserved > 0 || Object.keys(gpus).length > 0) usage.set(site.siteId, { gpus, powerKw: site.powerKw.reserved });
  }
  return usage;
}

/**
 * The batch what-if (POST /v1/placements/batch-plan): one snapshot of the fleet, the committed usage,
 * telemetry and the policy, then every row planned on it in turn (planBatch). Nothing is held, stored
 * or audited: a batch is a question about the fleet, and one of 1,000 rows would flood the audit log.
 */
export class BatchPlanService {
  private readonly now: () => number;

  constructor(private readonly deps: BatchPlanServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async plan(batch: BatchPlanRequest, as: ActingAs, signal?: AbortSignal): Promise<BatchPlan> {
    ownTenantRows(batch, as);
    return planBatch(await this.snapshot(), batch, signal);
  }

  /**
   * The fleet and its committed usage, of one fleet version: read again once if the fleet changed between
   * the two reads (a reload in the middle), so no row is planned on one fleet's sites with another's usage.
   */
  private async snapshot(): Promise<BatchSnapshot> {
    const { fleet: fleetService, workloads } = this.deps;
    let [fleet, capacity] = await Promise.all([fleetService.current(), workloads.capacity()]);
    if (capacity.fleetVersion !== fleet.version) [fleet, capacity] = await Promise.all([fleetService.current(), workloads.capacity()]);
    return { fleet, usage: usageOf(capacity), live: workloads.liveFigures(fleet.sites), policy: workloads.policy, at: new Date(this.now()) };
  }
}
