import { NotFoundError, type SiteHealth } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { appendAudit } from '../audit/audit-log.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { TimelineSink } from '../noc/ports.ts';

/** Where a confirmation takes effect: LiveState, whose health book then reads the site `down`. */
export interface ConfirmedDownSink {
  setConfirmedDown(siteId: string, by: string | undefined): void;
  healthOf(siteId: string): SiteHealth | undefined;
}

export interface ConfirmDownServiceDeps {
  db: Db;
  fleet: Pick<FleetService, 'current'>;
  live: ConfirmedDownSink;
  timeline?: TimelineSink;
  now?: () => number;
}

/**
 * An operator's confirmation that a site is down (issue 16: automatic migration only on a site-down
 * fault, an ingested status or an operator's confirmation — never on no-data alone). While confirmed,
 * the site reads `down` everywhere ("confirmed down by …") and the workload lifecycle re-places its
 * workloads as for an observed site-down; withdrawing it lets the site's own evidence speak again.
 * Each change is stored (a restart keeps it), audited with the operator, and on the timeline. Confirming
 * twice, or withdrawing what is not confirmed, changes nothing and records nothing.
 */
export class ConfirmDownService {
  private readonly confirmed = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly deps: ConfirmDownServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Applies the stored confirmations (before the first request and the first lifecycle step). */
  async start(): Promise<void> {
    const { rows } = await this.deps.db.query<{ site_id: string; confirmed_by: string }>('SELECT site_id, confirmed_by FROM site_confirmed_down');
    for (const { site_id, confirmed_by } of rows) {
      this.confirmed.set(site_id, confirmed_by);
      this.deps.live.setConfirmedDown(site_id, confirmed_by);
    }
  }

  async confirm(siteId: string, actor: string): Promise<SiteHealth> {
    await this.known(siteId);
    if (!this.confirmed.has(siteId)) {
      const at = new Date(this.now());
      await this.deps.db.transaction(async (tx) => {
        await tx.query('INSERT INTO site_confirmed_down (site_id, confirmed_by, confirmed_at) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO NOTHING', [siteId, actor, at]);
        await appendAudit(tx, { actor, action: 'site-confirmed-down', subject: `site:${siteId}`, detail: {} }, at);
      });
      this.confirmed.set(siteId, actor);
      this.deps.live.setConfirmedDown(siteId, actor);
      await this.note(siteId, actor, `site ${siteId} confirmed down by ${actor}: its workloads are moved elsewhere`, 'confirmed');
    }
    return this.healthOf(siteId);
  }

  async withdraw(siteId: string, actor: string): Promise<SiteHealth> {
    await this.known(siteId);
    if (this.confirmed.has(siteId)) {
      const at = new Date(this.now());
      await this.deps.db.transaction(async (tx) => {
        await tx.query('DELETE FROM site_confirmed_down WHERE site_id = $1', [siteId]);
        await appendAudit(tx, { actor, action: 'site-down-confirmation-withdrawn', subject: `site:${siteId}`, detail: { confirmedBy: this.confirmed.get(siteId)! } }, at);
      });
      this.confirmed.delete(siteId);
      this.deps.live.setConfirmedDown(siteId, undefined);
      await this.note(siteId, actor, `site ${siteId}: confirmation of down withdrawn by ${actor}`, 'withdrawn');
    }
    return this.healthOf(siteId);
  }

  private async known(siteId: string): Promise<void> {
    if (!(await this.deps.fleet.current()).siteById.has(siteId)) throw new NotFoundError(`no site "${siteId}" in the fleet`);
  }

  private healthOf(siteId: string): SiteHealth {
    // LiveState knows every site of the fleet (declared at start); a site added since answers as confirmed.
    return this.deps.live.healthOf(siteId) ?? { siteId, declared: 'operational', health: 'down', since: this.now() };
  }

  /** The operator's act on the timeline (the health change it causes is recorded by the timeline's follower, as `system`). */
  private async note(siteId: string, actor: string, summary: string, change: 'confirmed' | 'withdrawn'): Promise<void> {
    await this.deps.timeline?.record({ kind: 'health', siteId, actor, summary, detail: { change: `down-${change}` } });
  }
}
