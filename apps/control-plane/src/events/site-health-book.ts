import { isStaleReport, type DeclaredStatus, type ObservedHealth, type SiteHealth, type SiteStatus } from '@corridor/shared';

/** What the fleet's status declares (the fleet file's `degraded` and `offline` are observations, of a built site). */
export function declaredOf(status: SiteStatus): DeclaredStatus {
  return status === 'planned' || status === 'construction' || status === 'maintenance' ? status : 'operational';
}

/** Why a site is down when its own telemetry says so (cleared by its next report of availability above 0). */
export const AVAILABILITY_ZERO = 'availability 0 reported';

/** Cadence assumed for a site that has sent a single frame (no interval known yet): a slow scrape. */
export const DEFAULT_CADENCE_MS = 15_000;

interface Entry {
  fleet?: SiteStatus;
  /** Observed health from evidence: the simulator's physics, faults, reported availability. */
  evidence: { health: ObservedHealth; reason?: string };
  /** No frame for 2.5 of its intervals (STALE_AFTER_INTERVALS), or none yet. */
  silent: boolean;
  /** Wall-clock ms the site's newest frame arrived. */
  receivedMs?: number;
  /** Epoch ms of the site's newest frame (sample time). */
  frameAt?: number;
  /** The site's reporting interval: the larger of the gaps between its last two frames' sample times and arrivals. */
  everyMs?: number;
  maintenanceUntil?: string;
  confirmedDown?: { by: string };
  published?: SiteHealth;
}

/**
 * Each site's declared status and observed health, from the facts that make them: the fleet, a
 * maintenance window, evidence (physics, faults, availability), silence and an operator's
 * confirmation. `down` needs evidence; a site that stops reporting is `no-data`. Pure apart from the
 * `publish` callback, which gets each change once.
 */
export class SiteHealthBook {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly publish: (health: SiteHealth) => void) {}

  get(siteId: string): SiteHealth | undefined {
    return this.entries.get(siteId)?.published;
  }

  all(): Record<string, SiteHealth> {
    const out: Record<string, SiteHealth> = {};
    for (const [id, entry] of this.entries) if (entry.published) out[id] = entry.published;
    return out;
  }

  private entry(siteId: string): Entry {
    let entry = this.entries.get(siteId);
    if (!entry) this.entries.set(siteId, (entry = { evidence: { health: 'ok' }, silent: true }));
    return entry;
  }

  /** The fleet's statuses (at start and whenever the fleet may have changed). */
  declare(sites: readonly { id: string; status: SiteStatus }[], nowMs: number): void {
    for (const site of sites) {
      const entry = this.entry(site.id);
      if (entry.fleet === site.status && entry.published) continue;
      entry.fleet = site.status;
      this.settle(site.id, entry, nowMs);
    }
  }

  observe(siteId: string, health: ObservedHealth, reason: string | undefined, sinceMs: number): void {
    const entry = this.entry(siteId);
    entry.evidence = { health, ...(reason ? { reason } : {}) };
    this.settle(siteId, entry, sinceMs);
  }

  maintenance(siteId: string, untilIso: string | undefined, nowMs: number): void {
    const entry = this.entry(siteId);
    if (untilIso) entry.maintenanceUntil = untilIso;
    else delete entry.maintenanceUntil;
    this.settle(siteId, entry, nowMs);
  }

  confirmDown(siteId: string, by: string | undefined, nowMs: number): void {
    const entry = this.entry(siteId);
    if (by) entry.confirmedDown = { by };
    else delete entry.confirmedDown;
    this.settle(siteId, entry, nowMs);
  }

  /** A frame of the site arrived (sample time `at`, wall clock `nowMs`), with its availability if reported. */
  reported(siteId: string, at: number, nowMs: number, availability: number | undefined): void {
    const entry = this.entry(siteId);
    if (entry.frameAt !== undefined && at <= entry.frameAt) return; // late or repeated: says nothing new
    if (entry.frameAt !== undefined && entry.receivedMs !== undefined) entry.everyMs = Math.max(at - entry.frameAt, nowMs - entry.receivedMs);
    entry.frameAt = at;
    entry.receivedMs = nowMs;
    entry.silent = false;
    if (availability === 0 && entry.evidence.health !== 'down') entry.evidence = { health: 'down', reason: AVAILABILITY_ZERO };
    else if (availability !== undefined && availability > 0 && entry.evidence.reason === AVAILABILITY_ZERO) entry.evidence = { health: 'ok' };
    this.settle(siteId, entry, nowMs);
  }

  /** Marks silent every site whose frames stopped for 2.5 of its intervals (one pass over the sites). */
  checkSilence(nowMs: number): void {
    for (const [siteId, entry] of this.entries) {
      if (entry.silent || entry.receivedMs === undefined) continue;
      if (!isStaleReport(entry.receivedMs, entry.everyMs ?? DEFAULT_CADENCE_MS, nowMs)) continue;
      entry.silent = true;
      this.settle(siteId, entry, nowMs);
    }
  }

  /** Composes the site's health from its facts and publishes it if it changed. */
  private settle(siteId: string, entry: Entry, nowMs: number): void {
    const declared: DeclaredStatus = entry.maintenanceUntil ? 'maintenance' : declaredOf(entry.fleet ?? 'operational');
    const { health, reason } = this.observed(entry);
    const confirmedBy = entry.confirmedDown?.by;
    const current = entry.published;
    if (
      current &&
      current.declared === declared &&
      current.health === health &&
      current.reason === reason &&
      current.maintenanceUntil === entry.maintenanceUntil &&
      current.confirmedBy === confirmedBy
    )
      return;
    const next: SiteHealth = {
      siteId,
      declared,
      health,
      ...(reason ? { reason } : {}),
      since: nowMs,
      ...(entry.maintenanceUntil ? { maintenanceUntil: entry.maintenanceUntil } : {}),
      ...(confirmedBy ? { confirmedBy } : {}),
    };
    entry.published = next;
    this.publish(next);
  }

  private observed(entry: Entry): { health: ObservedHealth; reason?: string } {
    if (entry.confirmedDown) return { health: 'down', reason: `confirmed down by ${entry.confirmedDown.by}` };
    // Evidence of down outlasts silence (a dark site may stop reporting altogether); nothing else does.
    if (entry.evidence.health === 'down') return entry.evidence;
    if (entry.fleet === 'planned' || entry.fleet === 'construction') return { health: 'no-data' };
    if (entry.silent) {
      if (entry.receivedMs === undefined) return { health: 'no-data', reason: 'no telemetry received yet' };
      const everyS = Math.round((entry.everyMs ?? DEFAULT_CADENCE_MS) / 100) / 10;
      return { health: 'no-data', reason: `no telemetry for 3 intervals (every ${everyS} s)` };
    }
    return entry.evidence;
  }
}
