import type { Logger } from '@corridor/http-kit';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { Db } from '@corridor/store';
import { appendAudit } from '../audit/audit-log.ts';
import { DOWN_STATUSES, type WorkloadService } from './workload-service.ts';
import { ACTIVE_STATES, markMigrating, startPlaced, workloadIdsIn } from './workload-store.ts';

export interface SupervisorDeps {
  db: Db;
  fleet: FleetService;
  workloads: WorkloadService;
  logger: Logger;
  /** Workloads a drain is moving now (drain/): the lifecycle leaves those to it. */
  drains?: { isMoving(workloadId: string): boolean };
  now?: () => number;
}

/** What one lifecycle step did, by workload id. */
export interface StepReport {
  started: string[];
  migrating: string[];
  /** Stranded workloads placed again this step. */
  replaced: string[];
}

/** Stranded workloads tried again per step, oldest first: bounds a step's planning work. */
const STRANDED_RETRIES_PER_STEP = 20;

/** Lifecycle changes are made by the control plane itself. */
const ACTOR = 'system';

/**
 * The workload lifecycle, one step per simulator tick (or on its own timer with the simulator off):
 * placed workloads start running on sites that are up and not in maintenance; workloads on a site
 * confirmed down (observed `down`: a site-down fault, an ingested status or an operator's confirmation;
 * declared offline; or gone from the fleet) go migrating, and each migrating one is re-planned elsewhere
 * or stranded; stranded ones are tried again, so they run again once a lawful site has room. Never on
 * `no-data` alone (silence is not evidence) and never on maintenance: the operator drains a site in
 * maintenance, and workloads a drain is moving are left to it. The `migrating` state is stored first,
 * so a step cut short resumes at the next one.
 */
export class Supervisor {
  private stepping?: Promise<StepReport>;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly deps: SupervisorDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A step that sees every change made before the call: a step already under way is waited out first. */
  async step(): Promise<StepReport> {
    while (this.stepping) await this.stepping.catch(() => undefined);
    const step = this.run().finally(() => (this.stepping = undefined));
    this.stepping = step;
    return step;
  }

  /** Steps every `intervalMs` on its own (when no simulator drives the steps); a late step is skipped. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      if (this.stepping) return;
      this.step().catch((error: Error) => this.deps.logger.error({ err: error }, 'workload lifecycle step failed; the next step will retry'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.stepping?.catch(() => undefined);
  }

  private async run(): Promise<StepReport> {
    const { db, fleet, workloads } = this.deps;
    const view = await fleet.current();
    const live = workloads.liveFigures(view.sites);
    const statusOf = (siteId: string | null) => {
      const site = siteId ? view.siteById.get(siteId)?.site : undefined;
      return site && (live.get(site.id)?.status ?? site.status);
    };
    // Cannot take or start work: down, offline or in maintenance (or gone).
    const isDown = (siteId: string | null) => {
      const status = statusOf(siteId);
      return !status || DOWN_STATUSES.has(status);
    };
    // Its workloads must leave: confirmed down (live `offline` is observed `down`), or gone from the fleet.
    const mustLeave = (siteId: string | null) => {
      const status = statusOf(siteId);
      return !status || status === 'offline';
    };
    const drained = (id: string) => this.deps.drains?.isMoving(id) ?? false;
    // One read per step: those stranded by this step's migrations are tried again at the next one.
    const listed = await workloadIdsIn(db, [...ACTIVE_STATES, 'stranded']);
    const active = listed.filter((w) => w.state !== 'stranded');
    const stranded = listed.filter((w) => w.state === 'stranded');
    const at = new Date(this.now()).toISOString();

    const leaving = active.filter((w) => w.state !== 'migrating' && mustLeave(w.siteId)).map((w) => w.id);
    const migrating = leaving.length ? await db.transaction((tx) => markMigrating(tx, leaving, at)) : [];

    const started = active.some((w) => w.state === 'placed' && !isDown(w.siteId))
      ? await db.transaction(async (tx) => {
          const upSiteIds = view.sites.filter((s) => !isDown(s.id)).map((s) => s.id);
          const list = await startPlaced(tx, upSiteIds, at);
          for (const w of list) {
            await appendAudit(tx, { actor: ACTOR, action: 'start', subject: `workload:${w.id}`, detail: { siteId: w.siteId, gpuModel: w.gpuModel, gpuCount: w.gpuCount } }, new Date(at));
          }
          return list.map((w) => w.id);
        })
      : [];

    const toMove = [...active.filter((w) => w.state === 'migrating' && !drained(w.id)).map((w) => w.id), ...migrating];
    for (const id of toMove) await workloads.migrate(id, ACTOR);
    if (toMove.length) this.deps.logger.info({ workloads: toMove }, 'workloads re-planned off sites that are down');

    const replaced: string[] = [];
    for (const { id } of stranded.slice(0, STRANDED_RETRIES_PER_STEP)) if (await workloads.retryStranded(id, ACTOR)) replaced.push(id);
    if (replaced.length) this.deps.logger.info({ workloads: replaced }, 'stranded workloads placed again');
    return { started, migrating: toMove, replaced };
  }
}
