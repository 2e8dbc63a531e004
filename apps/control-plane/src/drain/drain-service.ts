import { randomBytes } from 'node:crypto';
import type { Logger } from '@corridor/http-kit';
import { ConflictError, NotFoundError, type Drain, type DrainPlan, type RejectedSite, type Workload } from '@corridor/shared';
import type { Db, Queryable } from '@corridor/store';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { AlertSink, TimelineSink } from '../noc/ports.ts';
import { fits } from '../placement/capacity.ts';
import type { WorkloadService } from '../placement/workload-service.ts';
import { listWorkloads, lockSite, readUsage, readWorkload, updateWorkload } from '../placement/workload-store.ts';
import { planDrain, type PlannedMove } from './drain-planner.ts';
import { blockedSummary } from './drain-words.ts';

export interface DrainServiceDeps {
  db: Db;
  fleet: FleetService;
  workloads: Pick<WorkloadService, 'liveFigures' | 'policy' | 'makePlan'>;
  logger: Logger;
  /** The next window on the site, for the drain's deadline. */
  maintenance?: { nextStartOn(siteId: string, atMs: number): number | undefined };
  alerts?: AlertSink;
  timeline?: TimelineSink;
  now?: () => number;
}

/** How long a dry run may be executed after it was made: past it, the fleet has moved on. */
export const PLAN_TTL_MS = 15 * 60_000;
/** A drain's deadline when no window is coming on the site (on demand, or the window already started). */
export const DEFAULT_DEADLINE_MS = 30 * 60_000;
/** Drains and plans kept in memory (oldest forgotten first). */
const KEEP = 200;

interface StoredPlan {
  plan: DrainPlan;
  moves: PlannedMove[];
  expiresAtMs: number;
  executedBy?: string;
}

type Item = Drain['items'][number];

const iso = (ms: number) => new Date(ms).toISOString();
const newId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

/**
 * Drains a site: a dry run (every workload's lawful destination with its score, or every site's reasons
 * why none, and the effect on each destination's free GPUs), kept for PLAN_TTL_MS, then executed by its
 * id. Execution marks the workloads `migrating`, then reserves every move in ONE transaction that locks
 * the destination sites in id order (as commits lock a site, so no deadlock and no overbooking whatever
 * runs at once) and re-checks each move against what is held there now. A move that no longer fits is
 * re-planned; one with nowhere lawful to go stays on its site and raises a critical alert saying why.
 * Plans and drains are kept in memory (a restart forgets them; the audit chain and the timeline keep
 * what was done, and workloads left `migrating` are moved by the lifecycle).
 */
export class DrainService {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly drains = new Map<string, Drain>();
  private readonly running = new Map<string, Promise<Drain>>();
  /** Workloads a drain is moving now: the lifecycle leaves them to it. */
  private readonly moving = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: DrainServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** True while a drain is moving this workload (Supervisor asks before re-planning a `migrating` one). */
  isMoving(workloadId: string): boolean {
    return this.moving.has(workloadId);
  }

  /** The dry run for every placed or running workload of the site; audited, kept for execution. */
  async plan(siteId: string, actor: string): Promise<DrainPlan> {
    const fleet = await this.deps.fleet.current();
    if (!fleet.siteById.has(siteId)) throw new NotFoundError(`no site "${siteId}"`);
    const onSite = (await listWorkloads(this.deps.db, { site: siteId })).filter((w) => w.state === 'placed' || w.state === 'running');
    const usage = await readUsage(this.deps.db);
    const at = this.now();
    const { moves, capacityEffect } = planDrain({ siteId, fleet, usage, live: this.deps.workloads.liveFigures(fleet.sites), policy: this.deps.workloads.policy, at: new Date(at) }, onSite);
    const plan: DrainPlan = {
      id: newId('dp'),
      siteId,
      createdAt: iso(at),
      createdBy: actor,
      expiresAt: iso(at + PLAN_TTL_MS),
      moves: moves.map(({ from: _from, reservation: _r, policyVersion: _p, ...move }) => move),
      capacityEffect,
      blocked: moves.filter((m) => m.to === null).length,
    };
    await recordAudit(
      this.deps.db,
      { actor, action: 'drain-planned', subject: `site:${siteId}`, detail: { planId: plan.id, workloads: moves.length, blocked: plan.blocked, policyVersion: this.deps.workloads.policy.version } },
      new Date(at),
    );
    this.keep(this.plans, plan.id, { plan, moves, expiresAtMs: at + PLAN_TTL_MS });
    return plan;
  }

  /** A plan not yet executed nor expired → a drain under way (its items `migrating`); `settled(id)` waits for the end. */
  async execute(planId: string, actor: string): Promise<Drain> {
    const stored = this.plans.get(planId);
    if (!stored) throw new NotFoundError(`no drain plan "${planId}" (plans are kept ${PLAN_TTL_MS / 60_000} min): make a new one`);
    if (stored.executedBy) throw new ConflictError(`drain plan "${planId}" was already executed by drain ${stored.executedBy}`);
    const at = this.now();
    if (at >= stored.expiresAtMs) throw new ConflictError(`drain plan "${planId}" expired at ${iso(stored.expiresAtMs)}: make a new one`);
    const { plan, moves } = stored;
    const drain: Drain = {
      id: newId('dr'),
      planId,
      siteId: plan.siteId,
      state: 'running',
      createdBy: actor,
      startedAt: iso(at),
      deadline: iso(this.deps.maintenance?.nextStartOn(plan.siteId, at) ?? at + DEFAULT_DEADLINE_MS),
      items: moves.map((m) => ({
        workloadId: m.workloadId,
        workloadName: m.workloadName,
        tenant: m.tenant,
        from: m.from,
        to: m.to,
        state: m.to === null ? 'blocked' : 'pending',
        ...(m.to === null ? { reason: blockedSummary(m.reasons) } : {}),
      })),
    };
    // Taken before the first await: two executions of one plan cannot both start.
    stored.executedBy = drain.id;
    this.keep(this.drains, drain.id, drain);
    await recordAudit(
      this.deps.db,
      { actor, action: 'drain-executed', subject: `site:${plan.siteId}`, detail: { drainId: drain.id, planId, moves: moves.length - plan.blocked, blocked: plan.blocked } },
      new Date(at),
    );
    await this.note({
      kind: 'drain',
      siteId: plan.siteId,
      actor,
      summary: `drain of ${plan.siteId} started: ${moves.length - plan.blocked} to move, ${plan.blocked} with nowhere lawful to go`,
      detail: { drainId: drain.id, planId, change: 'started' },
    });
    await this.markMigrating(drain, moves);
    const finished = this.run(drain, moves, actor).catch((error: Error) => {
      this.deps.logger.error({ err: error, drainId: drain.id }, 'drain failed; its workloads left migrating are moved by the lifecycle');
      for (const item of drain.items) if (item.state === 'migrating' || item.state === 'pending') Object.assign(item, { state: 'failed', reason: `the drain stopped: ${error.message}` });
      return this.finish(drain, actor);
    });
    this.running.set(drain.id, finished);
    return structuredClone(drain);
  }

  /** The drain as it stands (progress, deadline, every blocked item's reason); unknown → 404. */
  get(id: string): Drain {
    const drain = this.drains.get(id);
    if (!drain) throw new NotFoundError(`no drain "${id}"`);
    return structuredClone(drain);
  }

  /** Resolves when the drain has finished (tests and shutdown). */
  async settled(id: string): Promise<Drain> {
    await this.running.get(id);
    return this.get(id);
  }

  /** Waits for every drain under way. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  /** Each pending item still placed or running on the site → `migrating` (one transaction); the others failed, saying why. */
  private async markMigrating(drain: Drain, moves: readonly PlannedMove[]): Promise<void> {
    const at = iso(this.now());
    const byId = new Map(moves.map((m) => [m.workloadId, m]));
    const pending = drain.items.filter((i) => i.state === 'pending');
    await this.deps.db.transaction(async (tx) => {
      for (const item of [...pending].sort((a, b) => (a.workloadId < b.workloadId ? -1 : 1))) {
        const current = (await readWorkload(tx, item.workloadId, true))?.workload;
        if (!current || (current.state !== 'placed' && current.state !== 'running') || current.siteId !== byId.get(item.workloadId)!.from) {
          Object.assign(item, { state: 'failed', reason: `no longer placed or running on ${drain.siteId} (${current ? current.state : 'gone'} since the plan)` });
          continue;
        }
        await updateWorkload(tx, item.workloadId, { state: 'migrating', at });
        item.state = 'migrating';
        this.moving.add(item.workloadId);
      }
    });
  }

  private async run(drain: Drain, moves: readonly PlannedMove[], actor: string): Promise<Drain> {
    const byId = new Map(moves.map((m) => [m.workloadId, m]));
    // Nowhere lawful to go at planning time: they stay, and the NOC is told why at once.
    for (const item of drain.items.filter((i) => i.state === 'blocked')) await this.raiseBlocked(drain, item, actor);
    const migrating = drain.items.filter((i) => i.state === 'migrating');
    const leftOver = await this.reserveBatch(drain, migrating, byId, actor);
    for (const item of leftOver) await this.replan(drain, item, byId.get(item.workloadId)!, actor);
    return this.finish(drain, actor);
  }

  /**
   * The batch: one transaction locking every destination site in id order, then every moving workload in
   * id order, before writing anything. Each move is re-checked against the usage read under those locks
   * plus the moves before it. Answers the items that no longer fit their planned destination.
   */
  private async reserveBatch(drain: Drain, items: Item[], byId: Map<string, PlannedMove>, actor: string): Promise<Item[]> {
    if (items.length === 0) return [];
    const fleet = await this.deps.fleet.current();
    const live = this.deps.workloads.liveFigures(fleet.sites);
    const policyVersion = this.deps.workloads.policy.version;
    const at = new Date(this.now());
    const moved: Item[] = [];
    const leftOver = await this.deps.db.transaction(async (tx) => {
      const destinations = [...new Set(items.map((i) => i.to!))].sort();
      const locked = new Set<string>();
      for (const siteId of destinations) if (await lockSite(tx, siteId)) locked.add(siteId);
      const current = new Map<string, Workload | undefined>();
      for (const item of [...items].sort((a, b) => (a.workloadId < b.workloadId ? -1 : 1))) current.set(item.workloadId, (await readWorkload(tx, item.workloadId, true))?.workload);
      const usage = await readUsage(tx);
      const rest: Item[] = [];
      for (const item of items) {
        const move = byId.get(item.workloadId)!;
        const w = current.get(item.workloadId);
        if (w?.state !== 'migrating' || w.siteId !== move.from) {
          Object.assign(item, { state: 'failed', reason: `moved or released by someone else during the drain (now ${w ? w.state : 'gone'})` });
          continue;
        }
        const site = fleet.siteById.get(item.to!)?.site;
        const status = site ? (live.get(site.id)?.status ?? site.status) : undefined;
        const reservation = { gpuModel: move.reservation!.gpuModel, gpuCount: w.gpuCount, powerKw: move.reservation!.powerKw };
        if (!site || !locked.has(site.id) || status !== 'operational' || move.policyVersion !== policyVersion || !fits(site, usage.get(site.id), reservation)) {
          rest.push(item);
          continue;
        }
        const held = usage.get(site.id) ?? { gpus: {}, powerKw: 0 };
        held.gpus[reservation.gpuModel] = (held.gpus[reservation.gpuModel] ?? 0) + reservation.gpuCount;
        held.powerKw += reservation.powerKw;
        usage.set(site.id, held);
        await this.moveIn(tx, w, site.id, reservation, drain, actor, at);
        moved.push(item);
      }
      return rest;
    });
    // After COMMIT only: a rolled-back batch moved nothing.
    for (const item of moved) await this.moved(drain, item, byId.get(item.workloadId)!, actor);
    return leftOver;
  }

  /** A move that no longer fits where planned: planned again from scratch, tried site by site under each one's lock; nowhere → it stays. */
  private async replan(drain: Drain, item: Item, move: PlannedMove, actor: string): Promise<void> {
    const found = (await readWorkload(this.deps.db, item.workloadId))?.workload;
    if (found?.state !== 'migrating') {
      Object.assign(item, { state: 'failed', reason: `moved or released by someone else during the drain (now ${found ? found.state : 'gone'})` });
      return;
    }
    const plan = await this.deps.workloads.makePlan(found.request, new Set([move.from]));
    const fleet = await this.deps.fleet.current();
    for (const candidate of plan.candidates) {
      const reservation = { gpuModel: candidate.gpuModel, gpuCount: found.gpuCount, powerKw: candidate.powerKw };
      const ok = await this.deps.db.transaction(async (tx) => {
        const site = fleet.siteById.get(candidate.siteId)?.site;
        if (!site || !(await lockSite(tx, site.id))) return false;
        const w = (await readWorkload(tx, item.workloadId, true))?.workload;
        if (w?.state !== 'migrating' || w.siteId !== move.from) return null;
        if (!fits(site, (await readUsage(tx, site.id)).get(site.id), reservation)) return false;
        await this.moveIn(tx, w, site.id, reservation, drain, actor, new Date(this.now()));
        return true;
      });
      if (ok === null) {
        Object.assign(item, { state: 'failed', reason: 'moved or released by someone else during the drain' });
        return;
      }
      if (ok) {
        item.to = candidate.siteId;
        await this.moved(drain, item, { ...move, to: candidate.siteId }, actor, 'its planned destination filled up; planned again');
        return;
      }
    }
    await this.stay(drain, item, move, plan.rejected, actor);
  }

  /** Nowhere lawful with room: back to running on its site, blocked with the reasons, a critical alert raised. */
  private async stay(drain: Drain, item: Item, move: PlannedMove, rejected: RejectedSite[], actor: string): Promise<void> {
    const at = iso(this.now());
    await this.deps.db.transaction(async (tx) => {
      const w = (await readWorkload(tx, item.workloadId, true))?.workload;
      if (w?.state === 'migrating' && w.siteId === move.from) await updateWorkload(tx, item.workloadId, { state: 'running', at });
    });
    this.moving.delete(item.workloadId);
    Object.assign(item, { to: null, state: 'blocked', reason: blockedSummary(rejected) });
    await this.raiseBlocked(drain, item, actor);
  }

  private async moveIn(
    tx: Queryable,
    w: Workload,
    to: string,
    reservation: { gpuModel: Workload['gpuModel'] & string; gpuCount: number; powerKw: number },
    drain: Drain,
    actor: string,
    at: Date,
  ): Promise<void> {
    await updateWorkload(tx, w.id, { state: 'running', at: at.toISOString(), placement: { siteId: to, gpuModel: reservation.gpuModel, powerKw: reservation.powerKw } });
    const detail = { from: w.siteId ?? null, to, gpuModel: reservation.gpuModel, gpuCount: reservation.gpuCount, drainId: drain.id, policyVersion: this.deps.workloads.policy.version };
    await appendAudit(tx, { actor, action: 'migrate', subject: `workload:${w.id}`, detail }, at);
  }

  /** Moved: the item says so, the tenant's timeline shows it, an earlier "nowhere to go" alert is cleared. */
  private async moved(drain: Drain, item: Item, move: PlannedMove, actor: string, why = `drain of ${drain.siteId}`): Promise<void> {
    item.state = 'moved';
    this.moving.delete(item.workloadId);
    await this.note({
      kind: 'migration',
      siteId: move.from,
      workloadId: item.workloadId,
      tenant: item.tenant,
      actor,
      summary: `${item.workloadName} moved from ${move.from} to ${item.to}: ${why}`,
      detail: { from: move.from, to: item.to, drainId: drain.id, state: 'running' },
    });
    if (this.deps.alerts) await this.deps.alerts.clear(blockedKey(item.workloadId)).catch((error: Error) => this.deps.logger.error({ err: error }, 'clearing a drain alert failed'));
  }

  private async raiseBlocked(drain: Drain, item: Item, actor: string): Promise<void> {
    await this.note({
      kind: 'migration',
      siteId: drain.siteId,
      workloadId: item.workloadId,
      tenant: item.tenant,
      actor,
      summary: `${item.workloadName} stays on ${drain.siteId}: ${item.reason}`,
      detail: { from: drain.siteId, to: null, drainId: drain.id, state: 'blocked' },
    });
    try {
      await this.deps.alerts?.raise({
        key: blockedKey(item.workloadId),
        ruleId: 'drain-blocked',
        severity: 'critical',
        siteId: drain.siteId,
        summary: `${item.workloadName} (${item.tenant}) cannot leave ${drain.siteId}: ${item.reason}`,
        runbook: 'No lawful site has room for this workload. Free capacity where its policy allows it (release or move other workloads), or postpone the maintenance; then plan the drain again.',
      });
    } catch (error) {
      this.deps.logger.error({ err: error, drainId: drain.id }, 'raising the drain-blocked alert failed');
    }
  }

  private async finish(drain: Drain, actor: string): Promise<Drain> {
    const moved = drain.items.filter((i) => i.state === 'moved').length;
    drain.state = moved === drain.items.length ? 'done' : moved > 0 ? 'partial' : 'failed';
    drain.finishedAt = iso(this.now());
    for (const item of drain.items) this.moving.delete(item.workloadId);
    const counts = { moved, blocked: drain.items.filter((i) => i.state === 'blocked').length, failed: drain.items.filter((i) => i.state === 'failed').length };
    await this.note({
      kind: 'drain',
      siteId: drain.siteId,
      actor,
      summary: `drain of ${drain.siteId} ${drain.state}: ${counts.moved} moved, ${counts.blocked} blocked, ${counts.failed} failed`,
      detail: { drainId: drain.id, change: 'finished', ...counts },
    });
    return drain;
  }

  private async note(input: Parameters<TimelineSink['record']>[0]): Promise<void> {
    try {
      await this.deps.timeline?.record(input);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'recording a drain event on the timeline failed');
    }
  }

  private keep<T>(map: Map<string, T>, id: string, value: T): void {
    map.set(id, value);
    for (const key of map.keys()) {
      if (map.size <= KEEP) break;
      if (key !== id) map.delete(key);
    }
  }
}

const blockedKey = (workloadId: string) => `drain-blocked:${workloadId}`;
