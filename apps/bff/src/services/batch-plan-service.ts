import { BatchPlanSchema, ForbiddenError, LIMITS, type BatchPlan, type BatchPlanRequest, type Principal } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';

/** A tenant batches for itself only: 403 naming the first row of another tenant (`workloads.3.tenant`). */
function checkOwnRows(viewer: Principal, batch: BatchPlanRequest): void {
  if (viewer.role !== 'tenant') return;
  const index = batch.workloads.findIndex((w) => w.tenant !== viewer.tenant);
  if (index < 0) return;
  const field = `workloads.${index}.tenant`;
  const message = `must be your own tenant "${viewer.tenant}", not "${batch.workloads[index]!.tenant}"`;
  throw new ForbiddenError(`${field} ${message}`, [{ field, message }]);
}

/**
 * The batch what-if (issue 15), asked of the control plane that places (as a single plan is): every row
 * planned in turn on its fleet and committed figures, nothing held. A dry run, so safe to send again when
 * an answer is lost; the control plane checks the tenant again.
 */
export class BatchPlanService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'placer'>) {}

  async plan(batch: BatchPlanRequest, viewer: Principal): Promise<BatchPlan> {
    checkOwnRows(viewer, batch);
    return (await this.planes.placer().write('POST', '/v1/placements/batch-plan', BatchPlanSchema, { body: batch, holdsNothing: true, timeoutMs: LIMITS.batchPlanTimeoutMs })).data;
  }
}
