import { randomBytes } from 'node:crypto';
import type { Logger } from '@corridor/http-kit';
import { InputError, NotFoundError, type MaintenanceCreate, type MaintenanceWindow } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { appendAudit } from '../audit/audit-log.ts';
import type { FleetService, FleetView } from '../fleet/fleet-service.ts';
import type { MaintenanceOracle, TimelineSink } from '../noc/ports.ts';
import { deleteWindow, insertWindow, readWindows, type StoredWindow } from './maintenance-store.ts';
import { siteTimeZone } from './time-zone.ts';
import { activeOccurrence, currentOccurrence, nextBoundary, WEEK_MS } from './window-occurrence.ts';

/** Where a site's declared status goes: LiveState's `setMaintenance` (declared `maintenance` until the given end, or no longer). */
export interface MaintenanceStatusSink {
  setMaintenance(siteId: string, untilIso: string | undefined): void;
}

export interface MaintenanceServiceDeps {
  db: Db;
  fleet: FleetService;
  logger: Logger;
  /** The declared status of sites (LiveState); absent in tests of the windows alone. */
  status?: MaintenanceStatusSink;
  timeline?: TimelineSink;
  now?: () => number;
}

export interface MaintenanceFilter {
  site?: string;
  link?: string;
  active?: boolean;
}

/** Another replica's windows are read again at least this often (the timer also fires at every window's start and end). */
const RELOAD_EVERY_MS = 60_000;
/** setTimeout's largest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Maintenance windows on sites and links: stored (migration 009), kept in memory, and applied. While a
 * window is in force its site is declared `maintenance` until the window's end (LiveState, which placement
 * reads, so the engine rejects it "in maintenance until …"), and the alert service, asking `activeFor`
 * per batch, records its alerts without notifying them. A timer re-applies at every window's start and
 * end; a change through the API applies at once. Implements the NOC's MaintenanceOracle (noc/ports.ts).
 */
export class MaintenanceService implements MaintenanceOracle {
  private windows: StoredWindow[] = [];
  /** What was last applied: site or link key → ISO end of the window in force. */
  private applied = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly deps: MaintenanceServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Reads the windows and applies those in force, quietly (a restart is not a window starting); then keeps them applied. */
  async start(): Promise<void> {
    this.windows = await readWindows(this.deps.db);
    this.apply(false);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** The window in force on a site or link at an instant (the alert service asks this per sample batch: answered from memory). */
  activeFor(entity: { siteId?: string; linkId?: string }, atMs: number): { windowId: string; endsAt: string } | undefined {
    let found: { windowId: string; endsAtMs: number } | undefined;
    for (const w of this.windows) {
      if (!(entity.siteId !== undefined ? w.siteId === entity.siteId : entity.linkId !== undefined && w.linkId === entity.linkId)) continue;
      const o = activeOccurrence(w, atMs);
      // Overlapping windows: the one that lasts longest says until when.
      if (o && (!found || o.endsAtMs > found.endsAtMs)) found = { windowId: w.id, endsAtMs: o.endsAtMs };
    }
    return found && { windowId: found.windowId, endsAt: iso(found.endsAtMs) };
  }

  /** The start of the site's next window after `atMs` (a drain before it must be done by then). */
  nextStartOn(siteId: string, atMs: number): number | undefined {
    let next: number | undefined;
    for (const w of this.windows) {
      if (w.siteId !== siteId) continue;
      const o = currentOccurrence(w, atMs);
      if (o && o.startsAtMs > atMs && (next === undefined || o.startsAtMs < next)) next = o.startsAtMs;
    }
    return next;
  }

  async list(filter: MaintenanceFilter): Promise<MaintenanceWindow[]> {
    const fleet = await this.deps.fleet.current();
    const at = this.now();
    return this.windows
      .filter((w) => (filter.site === undefined || w.siteId === filter.site) && (filter.link === undefined || w.linkId === filter.link))
      .map((w) => this.view(w, fleet, at))
      .filter((v) => filter.active === undefined || v.active === filter.active);
  }

  /** Schedules a window (audited, on the timeline); a site or link the fleet does not know, or a weekly window of 7 days or more, is a 400 naming the field. */
  async create(input: MaintenanceCreate, actor: string): Promise<MaintenanceWindow> {
    const fleet = await this.deps.fleet.current();
    if (input.siteId !== undefined && !fleet.siteById.has(input.siteId)) throw fieldError('siteId', `no site "${input.siteId}" in the fleet`);
    if (input.linkId !== undefined && !fleet.links.some((l) => l.id === input.linkId)) throw fieldError('linkId', `no link "${input.linkId}" in the fleet`);
    const startsAtMs = Date.parse(input.startsAt);
    const endsAtMs = Date.parse(input.endsAt);
    if (input.recurrence === 'weekly' && endsAtMs - startsAtMs >= WEEK_MS) throw fieldError('endsAt', 'a weekly window must last less than 7 days (it would never end)');
    const at = this.now();
    const window: StoredWindow = {
      id: `mw-${randomBytes(8).toString('hex')}`,
      ...(input.siteId !== undefined ? { siteId: input.siteId } : {}),
      ...(input.linkId !== undefined ? { linkId: input.linkId } : {}),
      startsAtMs,
      endsAtMs,
      ...(input.recurrence ? { recurrence: input.recurrence } : {}),
      reason: input.reason,
      createdBy: actor,
      createdAt: iso(at),
    };
    await this.deps.db.transaction(async (tx) => {
      await insertWindow(tx, window);
      const detail = { windowId: window.id, startsAt: input.startsAt, endsAt: input.endsAt, recurrence: input.recurrence ?? null, reason: input.reason };
      await appendAudit(tx, { actor, action: 'maintenance-scheduled', subject: subjectOf(window), detail }, new Date(at));
    });
    this.windows = [...this.windows, window].sort((a, b) => a.startsAtMs - b.startsAtMs || (a.id < b.id ? -1 : 1));
    const view = this.view(window, fleet, at);
    await this.note(window, actor, `maintenance scheduled on ${where(window)}: ${when(view)}, ${window.reason}`, { windowId: window.id, change: 'scheduled' });
    this.apply(true);
    return view;
  }

  /** Deletes a window (in force or not: its site is operational again at once); unknown → 404. */
  async delete(id: string, actor: string): Promise<MaintenanceWindow> {
    const at = this.now();
    const deleted = await this.deps.db.transaction(async (tx) => {
      const w = await deleteWindow(tx, id, actor, iso(at));
      if (w) await appendAudit(tx, { actor, action: 'maintenance-deleted', subject: subjectOf(w), detail: { windowId: id } }, new Date(at));
      return w;
    });
    if (!deleted) throw new NotFoundError(`no maintenance window "${id}"`);
    this.windows = this.windows.filter((w) => w.id !== id);
    const view = this.view(deleted, await this.deps.fleet.current(), at);
    await this.note(deleted, actor, `maintenance window on ${where(deleted)} deleted`, { windowId: id, change: 'deleted' });
    this.apply(true);
    return { ...view, active: false };
  }

  /** Declares each site's maintenance as the windows say now; timeline entries for windows that start or end (`announce`). */
  private apply(announce: boolean): void {
    const at = this.now();
    const inForce = new Map<string, { window: StoredWindow; until: string }>();
    for (const w of this.windows) {
      const active = this.activeFor(w.siteId !== undefined ? { siteId: w.siteId } : { linkId: w.linkId! }, at);
      if (active?.windowId === w.id) inForce.set(keyOf(w), { window: w, until: active.endsAt });
    }
    for (const [key, { window, until }] of inForce) {
      if (this.applied.get(key) === until) continue;
      const started = !this.applied.has(key);
      this.applied.set(key, until);
      if (window.siteId !== undefined) this.deps.status?.setMaintenance(window.siteId, until);
      if (announce && started) void this.note(window, 'system', `maintenance started on ${where(window)} until ${until}: ${window.reason}`, { windowId: window.id, change: 'started', until });
    }
    for (const key of [...this.applied.keys()]) {
      if (inForce.has(key)) continue;
      this.applied.delete(key);
      const [kind, id] = key.split(':') as ['site' | 'link', string];
      if (kind === 'site') this.deps.status?.setMaintenance(id, undefined);
      if (announce) void this.note(kind === 'site' ? { siteId: id } : { linkId: id }, 'system', `maintenance ended on ${kind} ${id}`, { change: 'ended' });
    }
    this.schedule(at);
  }

  /** Wakes at the next start or end of any window, and at least every RELOAD_EVERY_MS to read other replicas' windows. */
  private schedule(at: number): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    const boundaries = this.windows.map((w) => nextBoundary(w, at)).filter((t): t is number => t !== undefined);
    const wakeAt = Math.min(at + RELOAD_EVERY_MS, ...boundaries);
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - at)));
    this.timer.unref();
  }

  /** Reads the windows again (another replica's changes) and applies them as of now; the timer calls it at every boundary. */
  async refresh(): Promise<void> {
    const windows = await readWindows(this.deps.db);
    if (this.closed) return;
    this.windows = windows;
    this.apply(true);
  }

  private tick(): void {
    this.refresh().catch((error: Error) => {
      this.deps.logger.error({ err: error }, 'reading maintenance windows failed; trying again');
      this.schedule(this.now());
    });
  }

  private view(w: StoredWindow, fleet: FleetView, at: number): MaintenanceWindow {
    const current = currentOccurrence(w, at);
    return {
      id: w.id,
      ...(w.siteId !== undefined ? { siteId: w.siteId } : {}),
      ...(w.linkId !== undefined ? { linkId: w.linkId } : {}),
      startsAt: iso(w.startsAtMs),
      endsAt: iso(w.endsAtMs),
      ...(w.recurrence ? { recurrence: w.recurrence } : {}),
      reason: w.reason,
      createdBy: w.createdBy,
      createdAt: w.createdAt,
      active: current !== undefined && current.startsAtMs <= at,
      ...(current ? { current: { startsAt: iso(current.startsAtMs), endsAt: iso(current.endsAtMs) } } : {}),
      timeZone: zoneOf(w, fleet),
    };
  }

  /** A timeline entry; the timeline being down must not undo or fail a window. */
  private async note(entity: { siteId?: string; linkId?: string }, actor: string, summary: string, detail: Record<string, unknown>): Promise<void> {
    try {
      await this.deps.timeline?.record({
        kind: 'maintenance',
        ...(entity.siteId !== undefined ? { siteId: entity.siteId } : {}),
        ...(entity.linkId !== undefined ? { linkId: entity.linkId } : {}),
        actor,
        summary,
        detail,
      });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'recording a maintenance event on the timeline failed');
    }
  }
}

function fieldError(field: string, message: string): InputError {
  return new InputError(`${field} ${message}`, [{ field, message }]);
}

const keyOf = (w: StoredWindow) => (w.siteId !== undefined ? `site:${w.siteId}` : `link:${w.linkId}`);
const subjectOf = keyOf;
const where = (w: { siteId?: string; linkId?: string }) => (w.siteId !== undefined ? `site ${w.siteId}` : `link ${w.linkId}`);
const when = (v: MaintenanceWindow) => `${v.startsAt} → ${v.endsAt}${v.recurrence ? ' every week' : ''} (${v.timeZone})`;

/** The site's zone, or the zone of the link's first end; UTC for a site the fleet no longer has. */
function zoneOf(w: StoredWindow, fleet: FleetView): string {
  if (w.siteId !== undefined) {
    const site = fleet.siteById.get(w.siteId)?.site;
    return site ? siteTimeZone(site) : 'UTC';
  }
  const link = fleet.links.find((l) => l.id === w.linkId);
  return link ? siteTimeZone(link.from) : 'UTC';
}
