import type { FaultView, LiveSnapshot, Sample, SiteHealth, TelemetryFrame } from '@corridor/shared';
import type { EventBus } from './event-bus.ts';

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

/**
 * What the console needs to draw "now": the latest value of every metric per site and link, each
 * site's observed health and the faults in force. It is kept in step with the event bus, so a snapshot
 * plus the events after its `lastEventId` is exactly the live state.
 */
export class LiveState {
  private readonly latest: TelemetryFrame = { at: 0, sites: {}, links: {} };
  private readonly health = new Map<string, SiteHealth>();
  private readonly faults = new Map<string, FaultView>();

  constructor(private readonly bus: EventBus) {}

  /** Records samples (from the simulator or ingest) and publishes them as telemetry events. */
  publishSamples(samples: readonly Sample[]): void {
    for (const frame of framesOf(samples)) {
      if (frame.at >= this.latest.at) this.latest.at = frame.at;
      for (const [id, values] of Object.entries(frame.sites)) Object.assign((this.latest.sites[id] ??= {}), values);
      for (const [id, values] of Object.entries(frame.links)) Object.assign((this.latest.links[id] ??= {}), values);
      this.bus.publish('telemetry', frame);
    }
  }

  /** Publishes a health change; a repeat of the current status is not an event. */
  setHealth(next: SiteHealth): void {
    const current = this.health.get(next.siteId);
    if (current && current.status === next.status && current.reason === next.reason) return;
    this.health.set(next.siteId, next);
    this.bus.publish('site-health', next);
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

  snapshot(): LiveSnapshot {
    return {
      lastEventId: this.bus.lastId,
      frame: structuredClone(this.latest),
      health: Object.fromEntries(this.health),
      faults: this.listFaults(),
    };
  }
}
