import { randomUUID } from 'node:crypto';
import {
  CapacitySchema,
  ForbiddenError,
  NoSiteFitsSchema,
  NotFoundError,
  PlanSchema,
  PolicySchema,
  WorkloadDetailSchema,
  WorkloadListSchema,
  WorkloadSchema,
  type Capacity,
  type Plan,
  type Policy,
  type Principal,
  type Workload,
  type WorkloadDetail,
  type WorkloadFilter,
  type WorkloadList,
  type WorkloadRequest,
} from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { withQuery } from './query-path.ts';

const workloadPath = (id: string) => `/v1/workloads/${encodeURIComponent(id)}`;

/** The tenant a principal is confined to; undefined for roles that see every tenant. */
const tenantOf = (viewer: Principal) => (viewer.role === 'tenant' ? viewer.tenant : undefined);

/** A tenant may only plan and commit for itself: 403 naming the field. */
function checkOwnTenant(viewer: Principal, request: WorkloadRequest): void {
  const own = tenantOf(viewer);
  if (own === undefined || request.tenant === own) return;
  const message = `must be your own tenant "${own}"`;
  throw new ForbiddenError(`tenant ${message}`, [{ field: 'tenant', message }]);
}

/**
 * Placement, workloads, capacity and policy, from the control plane the set says places (its `placer`;
 * a workload's detail and release from the one that holds it), as seen by the principal acting (the
 * upstream client signs it onto every call; the control plane checks it again).
 *
 * A tenant sees and acts on its own workloads only: its list is confined to its tenant (a filter for
 * another tenant answers an empty list, as a filter that matches nothing does), another tenant's
 * workload answers 404 exactly like one that does not exist (so ids cannot be probed), and a plan or
 * commit for another tenant is a 403 naming `tenant`.
 *
 * Why one control plane places, and which, is ControlPlaneSet.placer's to say: with several control planes
 * it plans, commits and answers for its own sites only.
 */
export class PlacementService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'placer' | 'holderOfWorkload'>) {}

  /** A dry run: every site, a candidate or rejected with its reasons; nothing is held. */
  async plan(request: WorkloadRequest, viewer: Principal): Promise<Plan> {
    checkOwnTenant(viewer, request);
    return (await this.planes.placer().write('POST', '/v1/placements/plan', PlanSchema, { body: request })).data;
  }

  /**
   * Plans and reserves in one atomic step on the control plane; no site fits → a 409 that carries the plan.
   * Always sent with an Idempotency-Key — the client's, or one made here — so the upstream client may
   * send it again when an answer is lost, and a 503 whose outcome is unknown can name the key that
   * learns the truth. The key made here is a UUID: no client's key collides with it by chance.
   */
  async commit(request: WorkloadRequest, viewer: Principal, idempotencyKey: string = `bff-${randomUUID()}`): Promise<Workload> {
    checkOwnTenant(viewer, request);
    return (await this.planes.placer().write('POST', '/v1/workloads', WorkloadSchema, { body: request, conflict: NoSiteFitsSchema, idempotencyKey })).data;
  }

  async list(filter: WorkloadFilter, viewer: Principal): Promise<WorkloadList> {
    const own = tenantOf(viewer);
    if (own !== undefined && filter.tenant !== undefined && filter.tenant !== own) return { workloads: [] };
    const scoped = own === undefined ? filter : { ...filter, tenant: own };
    return (await this.planes.placer().get(withQuery('/v1/workloads', scoped), WorkloadListSchema)).data;
  }

  /** One workload with the plan that placed it and its audit trail. */
  async detail(id: string, viewer: Principal): Promise<WorkloadDetail> {
    const detail = (await this.planes.holderOfWorkload(id).get(workloadPath(id), WorkloadDetailSchema)).data;
    const own = tenantOf(viewer);
    if (own !== undefined && detail.workload.tenant !== own) throw new NotFoundError(`no workload "${id}"`);
    return detail;
  }

  /**
   * Releases the workload's reservation; answers it in its released state. A tenant's is read beforehand
   * (another tenant's is a 404). Releasing twice answers the released workload unchanged, so a release
   * whose answer was lost is sent again, and a client that gets a 503 with the outcome unknown releases again.
   */
  async release(id: string, viewer: Principal): Promise<Workload> {
    if (tenantOf(viewer) !== undefined) await this.detail(id, viewer);
    return (await this.planes.holderOfWorkload(id).write('DELETE', workloadPath(id), WorkloadSchema, { idempotent: true })).data;
  }

  /** Every site's GPUs by model and IT power: installed, reserved, free. */
  async capacity(): Promise<Capacity> {
    return (await this.planes.placer().get('/v1/capacity', CapacitySchema)).data;
  }

  async policy(): Promise<Policy> {
    return (await this.planes.placer().get('/v1/policy', PolicySchema)).data;
  }
}
