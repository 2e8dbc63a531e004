import { DrainPlanSchema, DrainSchema, MaintenanceListSchema, MaintenanceWindowSchema, NotFoundError, SiteHealthSchema } from '@corridor/shared';
import type { Drain, DrainPlan, MaintenanceCreate, MaintenanceFilter, MaintenanceWindow, SiteHealth } from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { withQuery } from './query-path.ts';

/**
 * Maintenance windows and drains across the control planes. A window lives with the control plane that
 * owns its site or link (it declares the site in maintenance and keeps its alerts quiet there), the
 * placer when no fleet read has shown the owner; lists are merged, earliest start first. A drain is
 * planned where the site's workloads are placed and executed where its plan is kept; a window, plan or
 * drain is found by asking each control plane in turn. The control plane checks noc:read / noc:operate
 * again for the acting user signed onto each call.
 */
export class MaintenanceService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'all' | 'placer' | 'ownerOf'>) {}

  async list(filter: MaintenanceFilter): Promise<{ windows: MaintenanceWindow[] }> {
    const lists = await Promise.all(this.planes.all().map(async (cp) => (await cp.get(withQuery('/v1/maintenance', filter), MaintenanceListSchema)).data.windows));
    return { windows: lists.flat().sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id.localeCompare(b.id))) };
  }

  async schedule(request: MaintenanceCreate): Promise<MaintenanceWindow> {
    const owner = (request.siteId !== undefined ? this.planes.ownerOf('site', request.siteId) : this.planes.ownerOf('link', request.linkId!)) ?? this.planes.placer();
    return (await owner.write('POST', '/v1/maintenance', MaintenanceWindowSchema, { body: request })).data;
  }

  delete(id: string): Promise<MaintenanceWindow> {
    return this.whereKnown(id, async (cp) => (await cp.write('DELETE', `/v1/maintenance/${encodeURIComponent(id)}`, MaintenanceWindowSchema, { idempotent: true })).data);
  }

  /** Workloads are placed by the placer: it holds the site's workloads and plans their moves. */
  async planDrain(siteId: string): Promise<DrainPlan> {
    return (await this.planes.placer().write('POST', `/v1/sites/${encodeURIComponent(siteId)}/drain-plan`, DrainPlanSchema)).data;
  }

  execute(planId: string): Promise<Drain> {
    return this.whereKnown(planId, async (cp) => (await cp.write('POST', '/v1/drains', DrainSchema, { body: { planId } })).data);
  }

  drain(id: string): Promise<Drain> {
    return this.whereKnown(id, async (cp) => (await cp.get(`/v1/drains/${encodeURIComponent(id)}`, DrainSchema)).data);
  }

  /**
   * An operator's confirmation that a site is down (`POST`), or its withdrawal (`DELETE`): sent to the
   * control plane that owns the site (its health, as the live stream shows it) and to the placer when that
   * is another (its workload lifecycle moves the site's workloads). Both answer the same whatever is
   * sent again, so a retry is safe. The owner's answer is the site's health.
   */
  async confirmDown(siteId: string, method: 'POST' | 'DELETE'): Promise<SiteHealth> {
    const path = `/v1/sites/${encodeURIComponent(siteId)}/confirm-down`;
    const placer = this.planes.placer();
    const owner = this.planes.ownerOf('site', siteId) ?? placer;
    const health = (await owner.write(method, path, SiteHealthSchema, { idempotent: true })).data;
    if (placer !== owner) await placer.write(method, path, SiteHealthSchema, { idempotent: true });
    return health;
  }

  /** Asks each control plane in turn until one knows the id (404 only when none does). */
  private async whereKnown<T>(id: string, call: (cp: ControlPlaneClient) => Promise<T>): Promise<T> {
    for (const cp of this.planes.all()) {
      try {
        return await call(cp);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    throw new NotFoundError(`no such id "${id}"`);
  }
}
