import { randomBytes } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  type AuditRecord,
  type Candidate,
  type Capacity,
  type ErrorBody,
  type Plan,
  type Site,
  type SiteHealth,
  type SiteMetricName,
  type Workload,
  type WorkloadDetail,
  type WorkloadFilter,
  type WorkloadRequest,
} from '@corridor/shared';
import type { ActingAs } from '../auth/acting-as.ts';
import type { LiveState } from '../events/live-state.ts';
import type { FleetService, FleetView } from '../fleet/fleet-service.ts';
import { SharedRead, type Db, type Queryable } from '@corridor/store';
import type { TimelineInput, TimelineSink } from '../noc/ports.ts';
import { committedEntry, leaveReason, migratedEntry, releasedEntry, strandedEntry } from '../timeline/workload-events.ts';
import { appendAudit, auditOf, canonicalJson, recordAudit, sha256Hex, type AuditEntry } from '../audit/audit-log.ts';
import { planPlacement } from './engine.ts';
import { fits, siteCapacity, type Reservation } from './capacity.ts';
import type { LoadedPolicy, SiteLive } from './plan-input.ts';
import { claimIdempotencyKey, findIdempotent, insertWorkload, listWorkloads, lockSite, readUsage, readWorkload, updateWorkload, type StoredCommit } from './workload-store.ts';

/** 409 of a commit no site can take: the one error body plus the plan that shows why (NoSiteFitsSchema). */
export class NoSiteFitsError extends ConflictError {
  constructor(
    message: string,
    readonly plan: Plan,
  ) {
    super(message);
  }

  override toBody(requestId?: string): ErrorBody & { plan: Plan } {
    return { ...super.toBody(requestId), plan: this.plan };
  }
}

export interface WorkloadServiceDeps {
  db: Db;
  fleet: FleetService;
  live: Pick<LiveState, 'siteValue' | 'healthOf'>;
  policy: LoadedPolicy;
  now?: () => number;
  /** Where commits, releases, moves and strandings are recorded for the tenant to see (timeline/); none: not recorded. */
  timeline?: TimelineSink;
}

export interface CommitOptions extends ActingAs {
  /** The Idempotency-Key header: the same key and body answer the first commit again. */
  idempotencyKey?: string;
  /**
   * Aborted when the client is gone: the commit stops before each transaction and rolls back instead of
   * committing, so no one's abandoned request books a site. Once past COMMIT it stands, and a repeat
   * with its key answers it.
   */
  signal?: AbortSignal;
}

/** Thrown when the client of a commit went away before it was done: nothing was written. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client went away before the commit was done; nothing was written');
  }
}

function stopIfGone(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ClientGoneError();
}

/** Site statuses under which a site's workloads must move elsewhere. */
export const DOWN_STATUSES: ReadonlySet<Site['status']> = new Set(['offline', 'maintenance']);

/** The one status placement and the lifecycle read from a site's health: its declared status, unless observed health says worse. */
function liveStatus(health: SiteHealth): Site['status'] | undefined {
  if (health.declared === 'maintenance') return 'maintenance';
  if (health.health === 'down') return 'offline';
  if (health.health === 'degraded') return 'degraded';
  return health.declared === 'operational' && health.health === 'ok' ? 'operational' : undefined;
}

const CARBON_METRIC = 'site_carbon_intensity_grams_per_kilowatt_hour' satisfies SiteMetricName;

/**
 * Plans and commits workloads. A commit plans with the usage of the moment, then tries the candidates
 * in rank order, each in a transaction of its own that locks the site's row, re-reads what is reserved
 * there and inserts only if the workload still fits: whatever the concurrency, a site is never
 * overbooked, and one transaction never holds two site locks (no deadlock between commits).
 */
export class WorkloadService {
  readonly policy: LoadedPolicy;
  private readonly now: () => number;
  /**
   * Every site's usage as plans read it: commits arriving together share one read that started after
   * they asked (a burst sent one full read per commit). A plan only ranks; each reservation re-reads its
   * site under the site's lock, so what is held is never judged on a shared read.
   */
  private readonly usage: SharedRead<Awaited<ReturnType<typeof readUsage>>>;

  constructor(private readonly deps: WorkloadServiceDeps) {
    this.policy = deps.policy;
    this.now = deps.now ?? Date.now;
    this.usage = new SharedRead(() => readUsage(deps.db));
  }

  /**
   * Live status (when it differs from the fleet's) and carbon intensity, per site: a maintenance window
   * in force is `maintenance` (with its end), observed `down` is `offline`, `degraded` stays `degraded`;
   * `no-data` changes nothing (silence is not evidence of anything).
   */
  liveFigures(sites: readonly Site[]): Map<string, SiteLive> {
    const { live } = this.deps;
    const figures = new Map<string, SiteLive>();
    for (const site of sites) {
      const carbon = live.siteValue(site.id, CARBON_METRIC);
      const health = live.healthOf(site.id);
      const status = health ? liveStatus(health) : undefined;
      const entry: SiteLive = {
        ...(carbon !== undefined ? { carbonGPerKwh: carbon } : {}),
        ...(status !== undefined && status !== site.status ? { status } : {}),
        ...(health?.maintenanceUntil ? { maintenanceUntil: health.maintenanceUntil } : {}),
      };
      if (Object.keys(entry).length > 0) figures.set(site.id, entry);
    }
    return figures;
  }

  /** A plan with the usage, telemetry and fleet of this moment. */
  async makePlan(request: WorkloadRequest, exclude?: ReadonlySet<string>): Promise<Plan> {
    return (await this.planWithFleet(request, exclude)).plan;
  }

  /** A plan and the fleet it was made on, so a commit re-checks against the same sites. */
  private async planWithFleet(request: WorkloadRequest, exclude?: ReadonlySet<string>): Promise<{ plan: Plan; fleet: FleetView }> {
    const fleet = await this.deps.fleet.current();
    const usage = await this.usage.read();
    const plan = planPlacement({
      request,
      fleet,
      usage,
      live: this.liveFigures(fleet.sites),
      policy: this.policy,
      at: new Date(this.now()),
      ...(exclude ? { exclude } : {}),
    });
    return { plan, fleet };
  }

  /** A dry run: nothing is held; the plan is audited. */
  async plan(request: WorkloadRequest, as: ActingAs): Promise<Plan> {
    ownTenantOnly(request.tenant, as);
    const plan = await this.makePlan(request);
    await this.record({ actor: as.actor, action: 'plan', subject: `tenant:${request.tenant}`, detail: planSummary(request, plan) });
    return plan;
  }

  /** Plans and commits; `replayed` when an earlier commit with the same Idempotency-Key answers. */
  async commit(request: WorkloadRequest, options: CommitOptions): Promise<{ workload: Workload; replayed: boolean }> {
    ownTenantOnly(request.tenant, options);
    const { signal } = options;
    const requestHash = sha256Hex(canonicalJson(request));
    const key = options.idempotencyKey;
    stopIfGone(signal);
    if (key) {
      const stored = await findIdempotent(this.deps.db, key);
      if (stored) return { workload: replay(stored, key, requestHash), replayed: true };
    }

    stopIfGone(signal);
    const { plan, fleet } = await this.planWithFleet(request);
    const chosen = request.siteId;
    if (chosen !== undefined && !fleet.siteById.has(chosen)) {
      const message = `no site "${chosen}" in the fleet; choose a site among the plan's candidates`;
      throw new InputError(`siteId: ${message}`, [{ field: 'siteId', message }]);
    }
    // A chosen site is the only one tried: the requester picked it, so no other site is booked instead.
    const tries = chosen === undefined ? plan.candidates : plan.candidates.filter((c) => c.siteId === chosen);
    for (const candidate of tries) {
      stopIfGone(signal);
      const at = new Date(this.now());
      const workload = newWorkload(request, candidate, at);
      const committed = await this.reserve(fleet, { ...candidate, gpuCount: request.gpus.count }, async (tx) => {
        // The wait for the site's lock (or PGlite's one connection) can be long under a burst: look again.
        stopIfGone(signal);
        await insertWorkload(tx, workload, plan);
        if (key && !(await claimIdempotencyKey(tx, key, requestHash, workload))) throw new KeyTaken();
        await appendAudit(tx, { actor: options.actor, action: 'commit', subject: `workload:${workload.id}`, detail: commitDetail(workload, candidate, plan) }, at);
        // Last look before COMMIT: thrown here, everything above rolls back.
        stopIfGone(signal);
        return workload;
      }).catch(async (error: unknown) => {
        if (!(error instanceof KeyTaken)) throw error;
        // A concurrent commit with the same key won: answer what it committed.
        return replay((await findIdempotent(this.deps.db, key!))!, key!, requestHash);
      });
      if (committed?.id === workload.id) this.note(committedEntry(committed, options.actor));
      if (committed) return { workload: committed, replayed: committed.id !== workload.id };
    }

    // Every candidate tried was full by then, or there was none: show why, as of now.
    const fresh = tries.length > 0 ? await this.makePlan(request) : plan;
    const detail = { ...planSummary(request, fresh), ...(chosen !== undefined ? { siteId: chosen } : {}) };
    await this.record({ actor: options.actor, action: 'commit-rejected', subject: `tenant:${request.tenant}`, detail });
    throw new NoSiteFitsError(noFitMessage(plan, fresh, chosen), fresh);
  }

  /**
   * Runs `write` in one transaction holding the site's lock, if the reservation still fits with what
   * is held there now; answers undefined (nothing written) when it does not.
   */
  private async reserve<T>(fleet: FleetView, reservation: Reservation, write: (tx: Queryable) => Promise<T>): Promise<T | undefined> {
    const site = fleet.siteById.get(reservation.siteId)?.site;
    if (!site) return undefined;
    return this.deps.db.transaction(async (tx) => {
      if (!(await lockSite(tx, site.id))) return undefined;
      const usage = (await readUsage(tx, site.id)).get(site.id);
      return fits(site, usage, reservation) ? write(tx) : undefined;
    });
  }

  /** The workloads the filter selects; a tenant user's are its own only (a filter on another tenant is refused). */
  list(filter: WorkloadFilter, scope: Pick<ActingAs, 'tenant'> = {}): Promise<Workload[]> {
    if (scope.tenant !== undefined) {
      if (filter.tenant !== undefined) ownTenantOnly(filter.tenant, scope);
      return listWorkloads(this.deps.db, { ...filter, tenant: scope.tenant });
    }
    return listWorkloads(this.deps.db, filter);
  }

  /** One workload with its plan and audit trail; another tenant's is answered as unknown, like a guessed id. */
  async detail(id: string, scope: Pick<ActingAs, 'tenant'> = {}): Promise<WorkloadDetail> {
    const found = visible(await readWorkload(this.deps.db, id), id, scope);
    return { ...found, audit: await auditOf(this.deps.db, `workload:${id}`) };
  }

  /** Frees the workload's reservation. Releasing a released workload changes nothing and answers it as it is. */
  async release(id: string, as: ActingAs): Promise<Workload> {
    let before: Workload | undefined;
    const released = await this.deps.db.transaction(async (tx) => {
      const { workload } = visible(await readWorkload(tx, id, true), id, as);
      if (workload.state === 'released') return workload;
      const at = new Date(this.now());
      const released = await updateWorkload(tx, id, { state: 'released', at: at.toISOString() });
      const detail = { from: workload.state, ...(workload.siteId ? { siteId: workload.siteId } : {}), gpuModel: workload.gpuModel, gpuCount: workload.gpuCount, powerKw: workload.powerKw };
      await appendAudit(tx, { actor: as.actor, action: 'release', subject: `workload:${id}`, detail }, at);
      before = workload;
      return released;
    });
    if (before) this.note(releasedEntry(before, as.actor));
    return released;
  }

  /**
   * Re-plans a migrating workload without the site it leaves and moves its reservation to the best
   * candidate that still fits (→ running, audit `migrate`), or marks it stranded with every site's
   * reasons (audit `strand`). Nothing happens if it is no longer migrating (e.g. released meanwhile).
   */
  async migrate(id: string, actor: string): Promise<Workload | undefined> {
    return this.relocate(id, actor, 'migrating');
  }

  /**
   * Tries a stranded workload again (a site came back, or capacity was released): placed on the best
   * candidate that fits → running, audit `migrate` from nowhere. Still nowhere to go → unchanged and
   * nothing audited, so retrying every lifecycle step does not flood the audit log.
   */
  async retryStranded(id: string, actor: string): Promise<Workload | undefined> {
    return this.relocate(id, actor, 'stranded');
  }

  private async relocate(id: string, actor: string, state: 'migrating' | 'stranded'): Promise<Workload | undefined> {
    const found = await readWorkload(this.deps.db, id);
    if (found?.workload.state !== state) return undefined;
    const { request, siteId: from, gpuCount } = found.workload;
    const exclude = new Set(from ? [from] : []);
    const { plan, fleet } = await this.planWithFleet(request, exclude);
    const left = from ? this.liveFigures(fleet.sites).get(from) : undefined;
    const reason = leaveReason(from ? fleet.siteById.get(from)?.site : undefined, left?.status, left?.maintenanceUntil);
    for (const candidate of plan.candidates) {
      const at = new Date(this.now());
      // null: no longer in that state (nothing to do); undefined: this site no longer fits (try the next).
      const moved = await this.reserve(fleet, { ...candidate, gpuCount }, async (tx) => {
        if (!(await this.stillIn(tx, id, state))) return null;
        const placement = { siteId: candidate.siteId, gpuModel: candidate.gpuModel, powerKw: candidate.powerKw, plan };
        const workload = await updateWorkload(tx, id, { state: 'running', at: at.toISOString(), placement });
        const detail = {
          from: from ?? null,
          to: candidate.siteId,
          rank: candidate.rank,
          gpuModel: candidate.gpuModel,
          gpuCount,
          policyVersion: plan.policyVersion,
          ...(state === 'stranded' ? { after: 'stranded' } : {}),
        };
        await appendAudit(tx, { actor, action: 'migrate', subject: `workload:${id}`, detail }, at);
        return workload;
      });
      if (moved) this.note(migratedEntry(moved, state === 'migrating' ? from : undefined, reason, actor));
      if (moved !== undefined) return moved ?? undefined;
    }
    if (state === 'stranded') return undefined;

    const fresh = plan.candidates.length > 0 ? await this.makePlan(request, exclude) : plan;
    const at = new Date(this.now());
    const codes = [...new Set(fresh.rejected.flatMap((r) => r.reasons.map((reason) => reason.code)))].sort();
    const stranded = await this.deps.db.transaction(async (tx) => {
      if (!(await this.stillIn(tx, id, 'migrating'))) return undefined;
      const workload = await updateWorkload(tx, id, { state: 'stranded', at: at.toISOString(), strandedReasons: fresh.rejected });
      const detail = { from, sites: fresh.rejected.length, codes, policyVersion: fresh.policyVersion };
      await appendAudit(tx, { actor, action: 'strand', subject: `workload:${id}`, detail }, at);
      return workload;
    });
    if (stranded) this.note(strandedEntry(stranded, from, reason, codes));
    return stranded;
  }

  /** Locks the workload's row; true while it is still in `state`. */
  private async stillIn(tx: Queryable, id: string, state: Workload['state']): Promise<boolean> {
    return (await readWorkload(tx, id, true))?.workload.state === state;
  }

  /** Per site: GPUs by model installed, reserved and free; power capacity, reserved and free. */
  async capacity(): Promise<Capacity> {
    const fleet = await this.deps.fleet.current();
    const usage = await readUsage(this.deps.db);
    const live = this.liveFigures(fleet.sites);
    return { fleetVersion: fleet.version, sites: fleet.sites.map((site) => siteCapacity(site, usage.get(site.id), live.get(site.id)?.status)) };
  }

  /** Puts a change on the timeline once it is committed; the change stands whether or not that record is written. */
  private note(input: TimelineInput): void {
    this.deps.timeline?.record(input).catch(() => undefined); // TimelineService logs its own failures
  }

  /** Appends one record in a transaction of its own. */
  private record(entry: AuditEntry): Promise<AuditRecord> {
    return recordAudit(this.deps.db, entry, new Date(this.now()));
  }
}

/** Thrown inside a commit's transaction to roll it back when its Idempotency-Key is already taken. */
class KeyTaken extends Error {}

function replay(stored: StoredCommit, key: string, requestHash: string): Workload {
  if (stored.requestHash !== requestHash) {
    throw new ConflictError(`Idempotency-Key "${key}" was already used for another request body; use a new key for a new workload`);
  }
  return stored.response;
}

export /** 403 naming `tenant` when a tenant user asks for another tenant. */
function ownTenantOnly(tenant: string, scope: Pick<ActingAs, 'tenant'>): void {
  if (scope.tenant === undefined || tenant === scope.tenant) return;
  const message = `a tenant user acts for its own tenant only ("${scope.tenant}"), not "${tenant}"`;
  throw new ForbiddenError(message, [{ field: 'tenant', message }]);
}

/** The workload when it exists and the scope may see it; 404 otherwise, the same answer either way. */
function visible<T extends { workload: Workload }>(found: T | undefined, id: string, scope: Pick<ActingAs, 'tenant'>): T {
  if (!found || (scope.tenant !== undefined && found.workload.tenant !== scope.tenant)) throw new NotFoundError(`no workload "${id}"`);
  return found;
}

function newWorkloadId(): string {
  return `wl-${randomBytes(8).toString('hex')}`;
}

function newWorkload(request: WorkloadRequest, candidate: Candidate, at: Date): Workload {
  const time = at.toISOString();
  return {
    id: newWorkloadId(),
    name: request.name,
    tenant: request.tenant,
    kind: request.kind,
    sector: request.sector,
    dataClass: request.dataClass,
    dataOrigin: request.dataOrigin,
    state: 'placed',
    siteId: candidate.siteId,
    gpuModel: candidate.gpuModel,
    gpuCount: request.gpus.count,
    powerKw: candidate.powerKw,
    request,
    createdAt: time,
    updatedAt: time,
  };
}

/** Why a commit placed nothing, for the 409: the chosen site's own reasons, or what became of the candidates. */
function noFitMessage(plan: Plan, fresh: Plan, chosen: string | undefined): string {
  if (chosen !== undefined) {
    const reasons = fresh.rejected.find((r) => r.siteId === chosen)?.reasons ?? [];
    const why = reasons.length > 0 ? reasons.map((r) => r.message).join(' ') : 'it filled up before the commit.';
    return `site "${chosen}" cannot take this workload now: ${why} See the plan.`;
  }
  return plan.candidates.length > 0
    ? `no site can take this workload: the ${plan.candidates.length} candidate site(s) filled up before the commit; see the plan`
    : 'no site can take this workload: every site is rejected; see the plan for each site’s reasons';
}

/** What an audit record keeps of a plan: small, yet enough to see what was asked and offered. */
function planSummary(request: WorkloadRequest, plan: Plan): Record<string, unknown> {
  return {
    request: requestSummary(request),
    candidates: plan.candidates.slice(0, 3).map((c) => c.siteId),
    candidateCount: plan.candidates.length,
    rejectedCount: plan.rejected.length,
    policyVersion: plan.policyVersion,
    fleetVersion: plan.fleetVersion,
  };
}

function requestSummary(r: WorkloadRequest): Record<string, unknown> {
  return { name: r.name, tenant: r.tenant, kind: r.kind, sector: r.sector, dataClass: r.dataClass, dataOrigin: r.dataOrigin, gpus: r.gpus };
}

function commitDetail(workload: Workload, candidate: Candidate, plan: Plan): Record<string, unknown> {
  return {
    request: requestSummary(workload.request),
    siteId: candidate.siteId,
    rank: candidate.rank,
    score: candidate.score,
    gpuModel: candidate.gpuModel,
    gpuCount: workload.gpuCount,
    powerKw: workload.powerKw,
    policyVersion: plan.policyVersion,
    fleetVersion: plan.fleetVersion,
  };
}
