import {
  expectedCadence,
  isStaleReport,
  type FaultView,
  type MetricName,
  type LiveSnapshot,
  type ObservedHealth,
  type Sample,
  type SiteHealth,
  type SiteStatus,
  type TelemetryFrame,
} from '@corridor/shared';
import type { EventBus } from './event-bus.ts';
import { SiteHealthBook } from './site-health-book.ts';

/** Groups samples by instant into telemetry frames (most batches hold one instant). */
export function framesOf(samples: readonly Sample[]): TelemetryFrame[] {
  const byAt = new Map<number, TelemetryFrame>();
  for (const s of samples) {
    let frame = byAt.get(s.at);
    if (!frame) byAt.set(s.at, (frame = { at: s.at, sites: {}, links: {} }));
    const [bucket, id] = s.siteId !== undefined ? [frame.sites, s.siteId] : [frame.links, s.linkId!];
    (bucket[id] ??= {})[s.metric] = s.value;
  }
  return [...byAt.values()].sort((a, b) => a.at - b.at);
}

/** When each metric of one site or link was last reported, and its cadence. */
interface Reports {
  /** Epoch ms of the entity's newest frame. */
  at: number;
  /** Epoch ms of each metric's last report, dropped metrics included (a late frame cannot bring one back). */
  seen: Record<string, number>;
  /** Ms between each metric's last two reports. */
  every: Record<string, number>;
}

function isStale(reports: Reports, metric: string, nowMs: number): boolean {
  return isStaleReport(reports.seen[metric], expectedCadence(reports.every, metric), nowMs);
}

/**
 * Merges one entity's reports from a frame into its latest values (in place): each metric keeps its
 * newest report, so a late frame never overwrites newer values, and a metric unreported for more than
 * STALE_AFTER_INTERVALS of its cadence is dropped.
 */
function mergeReports(latest: Record<string, number>, reports: Reports, at: number, values: Record<string, number>): void {
  const now = Math.max(reports.at, at);
  reports.at = now;
  for (const [metric, value] of Object.entries(values)) {
    const seen = reports.seen[metric];
    if (seen !== undefined && at < seen) continue;
    if (seen !== undefined && at > seen) reports.every[metric] = at - seen;
    reports.seen[metric] = at;
    if (!isStale(reports, metric, now)) latest[metric] = value;
  }
  for (const metric in latest) if (isStale(reports, metric, now)) delete latest[metric];
}

/**
 * What the console needs to draw "now": the latest value of every metric per site and link (those
 * still reported: see STALE_AFTER_INTERVALS), each site's observed health and the faults in force. It is kept in step with the event bus, so a snapshot
 * plus the events after its `lastEventId` is exactly the live state.
 */
export class LiveState {
  private readonly latest: TelemetryFrame = { at: 0, sites: {}, links: {} };
  private readonly reports = { sites: new Map<string, Reports>(), links: new Map<string, Reports>() };
  private readonly health: SiteHealthBook;
  private readonly faults = new Map<string, FaultView>();
  private readonly now: () => number;

  constructor(
    private readonly bus: EventBus,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.health = new SiteHealthBook((h) => this.bus.publish('site-health', h));
  }

  /** Records samples (from the simulator or ingest) and publishes them as telemetry events. */
  publishSamples(samples: readonly Sample[]): void {
    for (const frame of framesOf(samples)) {
      if (frame.at >= this.latest.at) this.latest.at = frame.at;
      for (const kind of ['sites', 'links'] as const) {
        for (const [id, values] of Object.entries(frame[kind])) {
          let reports = this.reports[kind].get(id);
          if (!reports) this.reports[kind].set(id, (reports = { at: frame.at, seen: {}, every: {} }));
          mergeReports((this.latest[kind][id] ??= {}), reports, frame.at, values);
        }
      }
      this.bus.publish('telemetry', frame);
      // After the frame: a site's health event follows the telemetry that changed it.
      const nowMs = this.now();
      for (const [siteId, values] of Object.entries(frame.sites)) this.health.reported(siteId, frame.at, nowMs, values.site_availability_ratio);
    }
  }

  /** The fleet's declared statuses (at start, and by the simulator with each fleet view it ticks over). */
  declare(sites: readonly { id: string; status: SiteStatus }[]): void {
    this.health.declare(sites, this.now());
  }

  /** Observed health from evidence (the simulator's physics and faults); a repeat is not an event. */
  setObserved(siteId: string, health: ObservedHealth, reason: string | undefined, sinceMs: number): void {
    this.health.observe(siteId, health, reason, sinceMs);
  }

  /** A maintenance window started (its end, ISO 8601) or ended (undefined): declared `maintenance` while it lasts. */
  setMaintenance(siteId: string, untilIso: string | undefined): void {
    this.health.maintenance(siteId, untilIso, this.now());
  }

  /** An operator confirmed the site down (their name), or withdrew the confirmation (undefined). */
  setConfirmedDown(siteId: string, by: string | undefined): void {
    this.health.confirmDown(siteId, by, this.now());
  }

  /** Marks `no-data` every site whose frames stopped for 2.5 of its intervals; bounded by the number of sites (run on a timer). */
  checkSilence(): void {
    this.health.checkSilence(this.now());
  }

  healthOf(siteId: string): SiteHealth | undefined {
    return this.health.get(siteId);
  }

  faultInjected(fault: FaultView): void {
    this.faults.set(fault.id, fault);
    this.bus.publish('fault', { action: 'injected', fault });
  }

  faultCleared(fault: FaultView): void {
    this.faults.delete(fault.id);
    this.bus.publish('fault', { action: 'cleared', fault });
  }

  listFaults(): FaultView[] {
    return [...this.faults.values()];
  }

  /**
   * One site's current value of a metric, by the same rule as a snapshot (dropped once stale, also when
   * the site has stopped sending frames): what planning reads for each site, without cloning the frame.
   */
  siteValue(siteId: string, metric: MetricName): number | undefined {
    const value = this.latest.sites[siteId]?.[metric];
    if (value === undefined) return undefined;
    const reports = this.reports.sites.get(siteId);
    return reports && reports.at < this.latest.at && isStale(reports, metric, this.latest.at) ? undefined : value;
  }

  /**
   * The live state now. Each entity's values are those still current by its own frames; a site or link
   * that has stopped sending frames altogether also loses the metrics that are stale by the newest frame
   * of all (the console stamps a snapshot's values with that instant, so they would pass for current).
   */
  snapshot(): LiveSnapshot {
    const frame = structuredClone(this.latest);
    for (const kind of ['sites', 'links'] as const) {
      for (const id in frame[kind]) {
        const values = frame[kind][id]!;
        const reports = this.reports[kind].get(id);
        if (reports && reports.at < frame.at) for (const metric in values) if (isStale(reports, metric, frame.at)) delete values[metric as keyof typeof values];
        if (Object.keys(values).length === 0) delete frame[kind][id];
      }
    }
    return {
      lastEventId: this.bus.lastId,
      frame,
      health: this.health.all(),
      faults: this.listFaults(),
    };
  }
}
