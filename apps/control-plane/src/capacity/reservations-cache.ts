import type { Queryable } from '@corridor/store';
import type { SiteUsage } from '../placement/plan-input.ts';
import { readAuditHead, readReservations, readTenantUsage, type Reservations } from './capacity-store.ts';

/*
 * The reservations the ledger reads — the per-site and per-tenant sums the database keeps in the
 * writer's transaction (migration 013), a few thousand rows at the benchmark's 100,000 workloads —
 * read again only when the audit head has moved. Every change of a reservation is audited in the
 * transaction that makes it, and the head is locked to the end of that transaction, so the head is a
 * commit-ordered counter of those changes: a ledger read costs one one-row query until something is
 * committed, released, moved or stranded — by this control plane or by a replica on the same server.
 * A writer that changed reservations without auditing would leave this stale: the drift test
 * (test/capacity-ledger.test.ts) compares it with a fresh SQL sum after commits and releases in parallel,
 * test/site-reservations.test.ts the summaries themselves after every write path.
 */

/** At most this many tenants' own reservations are held; beyond, the held ones are dropped and read again. */
const MAX_TENANTS = 64;

interface Held<T> {
  auditHead: number;
  value: T;
}

export class ReservationsCache {
  private fleet?: Held<Reservations>;
  private fleetRead?: Promise<Reservations>;
  private readonly tenants = new Map<string, Held<Map<string, SiteUsage>>>();

  constructor(private readonly db: Queryable) {}

  /** Every site's reservations and the median request, as of the audit head now or later. */
  async all(): Promise<Reservations> {
    const head = await readAuditHead(this.db);
    if (this.fleet && this.fleet.auditHead >= head) return this.fleet.value;
    // Concurrent readers share the read under way, unless it is of a state older than the head they saw
    // (it may have begun before); a read started now answers that head or a later one.
    const underWay = this.fleetRead;
    if (underWay) {
      const shared = await underWay;
      if (shared.auditHead >= head) return shared;
    }
    return this.startFleetRead();
  }

  /** One tenant's reservations per site, as of the audit head now or later. */
  async ofTenant(tenant: string): Promise<Map<string, SiteUsage>> {
    const head = await readAuditHead(this.db);
    const held = this.tenants.get(tenant);
    if (held && held.auditHead >= head) return held.value;
    const fresh = await readTenantUsage(this.db, tenant);
    if (!this.tenants.has(tenant) && this.tenants.size >= MAX_TENANTS) this.tenants.clear();
    const now = this.tenants.get(tenant);
    if (!now || now.auditHead < fresh.auditHead) this.tenants.set(tenant, { auditHead: fresh.auditHead, value: keepUnchanged(now?.value, fresh.usage) });
    return this.tenants.get(tenant)!.value;
  }

  private startFleetRead(): Promise<Reservations> {
    const read = readReservations(this.db)
      .then((fresh) => {
        const held = this.fleet;
        if (held && held.auditHead >= fresh.auditHead) return held.value;
        const value = { ...fresh, usage: keepUnchanged(held?.value.usage, fresh.usage) };
        this.fleet = { auditHead: fresh.auditHead, value };
        return value;
      })
      .finally(() => {
        if (this.fleetRead === read) this.fleetRead = undefined;
      });
    this.fleetRead = read;
    return read;
  }
}

/**
 * The fresh usage, with each site's previous object kept where its figures are the same: the ledger
 * rebuilds a site's row only when its usage object changed (ledger-memo.ts), so a commit costs one row.
 */
function keepUnchanged(before: ReadonlyMap<string, SiteUsage> | undefined, fresh: Map<string, SiteUsage>): Map<string, SiteUsage> {
  if (!before) return fresh;
  for (const [siteId, usage] of fresh) {
    const old = before.get(siteId);
    if (old && sameUsage(old, usage)) fresh.set(siteId, old);
  }
  return fresh;
}

function sameUsage(a: SiteUsage, b: SiteUsage): boolean {
  const models = Object.keys(a.gpus) as (keyof SiteUsage['gpus'])[];
  return a.powerKw === b.powerKw && models.length === Object.keys(b.gpus).length && models.every((m) => a.gpus[m] === b.gpus[m]);
}
