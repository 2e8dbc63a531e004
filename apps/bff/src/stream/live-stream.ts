import type { Request, Response } from 'express';
import type { Logger } from '@corridor/http-kit';
import { LiveSnapshotSchema, type ConsoleStatus, type LiveSnapshot, type LiveStreamStatus, type StreamEvent } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { StreamHub, type HubOptions, type HubStats } from './hub.ts';
import { UpstreamStream, type UpstreamStreamOptions, type UpstreamStreamStatus } from './upstream-stream.ts';

export type LiveStreamOptions = HubOptions & UpstreamStreamOptions;

/** The hub's counters and every subscription's state, for /api/stream/stats. */
export interface LiveStreamStats extends HubStats {
  upstreams: UpstreamStreamStatus[];
}

/** Merges per-control-plane snapshots (each owns its own sites and links) into one. */
export function mergeSnapshots(lastEventId: number, parts: LiveSnapshot[]): LiveSnapshot {
  return {
    lastEventId,
    frame: {
      at: Math.max(0, ...parts.map((p) => p.frame.at)),
      sites: Object.assign({}, ...parts.map((p) => p.frame.sites)),
      links: Object.assign({}, ...parts.map((p) => p.frame.links)),
    },
    health: Object.assign({}, ...parts.map((p) => p.health)),
    faults: parts.flatMap((p) => p.faults),
  };
}

/**
 * The console's live view of every control plane of the set: one upstream subscription each (whose state
 * the set keeps as part of that control plane's health), relayed through one hub in the BFF's id space,
 * and the snapshot a browser loads before following the stream.
 *
 * Snapshot contract: `lastEventId` is the hub's id read BEFORE the control planes are asked, so every
 * event missing from the snapshot has a higher id and is replayed to a browser that follows with
 * `Last-Event-ID: <lastEventId>`. Some replayed events may already be in the snapshot; they arrive in
 * order and each sets values (latest metrics, a site's health, a fault injected or cleared), so applying
 * the snapshot then every event with a higher id, in order, ends in exactly the control planes' state.
 */
export class LiveStream {
  readonly hub: StreamHub;
  private readonly upstreams: UpstreamStream[];
  private inflight?: { hubId: number; snapshot: Promise<LiveSnapshot> };
  private started = false;
  private announcing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly planes: ControlPlaneSet,
    private readonly logger: Logger,
    options: Partial<LiveStreamOptions> = {},
    /** The console status (as /api/status answers it), announced as a `status` event when a subscription opens or is lost. */
    private readonly consoleStatus?: () => Promise<ConsoleStatus>,
  ) {
    this.hub = new StreamHub(logger, options);
    this.upstreams = planes.all().map((c) => {
      const handlers = {
        onEvent: (e: StreamEvent) => this.hub.publish(e),
        onResync: (reason: string) => this.hub.resync(reason),
        onConnectionChange: (connected: boolean) => {
          planes.streamChanged(c, connected);
          this.announceStatus();
        },
      };
      return new UpstreamStream({ name: c.name, url: c.url, headers: () => c.serviceHeaders() }, handlers, logger, options);
    });
  }

  /**
   * Opens the subscriptions; called on first use (a browser asking for /api/live or /api/stream), so a
   * BFF that no console has opened costs the control planes nothing. Idempotent.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const u of this.upstreams) u.start();
  }

  attach(req: Request, res: Response): void {
    this.start();
    this.hub.attach(req, res);
  }

  /**
   * The state as of the hub's current id. Browsers asking while a read is under way share it (a resync
   * sends them all here at once), unless a resync happened since it began: its id would be void.
   */
  snapshot(): Promise<LiveSnapshot> {
    this.start();
    const pending = this.inflight;
    if (pending && pending.hubId >= this.hub.resumableFrom) return pending.snapshot;
    const hubId = this.hub.lastId;
    const snapshot = Promise.all(this.planes.all().map(async (c) => (await c.get('/v1/live', LiveSnapshotSchema))!.data))
      .then((parts) => mergeSnapshots(hubId, parts))
      .finally(() => {
        if (this.inflight?.snapshot === snapshot) this.inflight = undefined;
      });
    this.inflight = { hubId, snapshot };
    return snapshot;
  }

  /** For /api/status: is every control plane's subscription open? Undefined until first use. */
  status(): LiveStreamStatus | undefined {
    if (!this.started) return undefined;
    const upstreams = this.upstreams.map((u) => u.status());
    return {
      connected: upstreams.every((u) => u.connected),
      clients: this.hub.stats().clients,
      lastEventId: this.hub.lastId,
      upstreams: upstreams.map(({ name, connected, subscriptions, lastByteAt }) => ({ name, connected, subscriptions, lastByteAt })),
    };
  }

  /** Tells every browser at once that a control plane's stream came or went: its stale badge need not wait. */
  private announceStatus(): void {
    const read = this.consoleStatus;
    if (!read || this.closed) return;
    // In order: a slow probe for "down" must not land after the quick one for "up again".
    const status = read();
    status.catch(() => undefined); // handled below, possibly after it settles
    this.announcing = this.announcing
      .then(() => status)
      .then((s) => this.hub.announce('status', s))
      .catch((error: Error) => this.logger.warn({ err: error }, 'live stream: could not read the console status to announce it'));
  }

  stats(): LiveStreamStats {
    return { ...this.hub.stats(), upstreams: this.upstreams.map((u) => u.status()) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.hub.close();
    await Promise.all(this.upstreams.map((u) => u.close()));
  }
}
