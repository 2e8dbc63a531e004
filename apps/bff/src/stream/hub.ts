import type { Request, Response } from 'express';
import type { Logger } from '@corridor/http-kit';
import type { StreamEvent } from '@corridor/shared';

export interface HubOptions {
  /** Events kept for browsers that reconnect. */
  capacity: number;
  /** …and at most this many bytes of them (a frame of thousands of sites is large). */
  capacityBytes: number;
  heartbeatMs: number;
  /** Sent as `retry:`: how long a browser waits before reconnecting. */
  retryMs: number;
  /** A browser whose unsent bytes pass this is dropped; it reconnects and is replayed or resynced. */
  maxBufferedBytes: number;
  /** The first id is `firstIdAfter + 1`; by default the wall clock (ms × 1000), as the control plane does. */
  firstIdAfter?: number;
}

export const HUB_DEFAULTS: HubOptions = {
  capacity: 500,
  capacityBytes: 32 * 1024 * 1024,
  heartbeatMs: 15_000,
  retryMs: 2000,
  maxBufferedBytes: 1024 * 1024,
};

/** What the hub has done since it started, for /api/stream/stats and the benchmark. */
export interface HubStats {
  clients: number;
  lastEventId: number;
  relayed: number;
  resyncs: number;
  droppedSlowClients: number;
}

/**
 * Who may receive an event: everyone (`undefined`), staff only (`null`: alerts, and timeline events that
 * concern no tenant), or staff and one tenant (a timeline event of that tenant's workload).
 */
export type Audience = string | null | undefined;

/** A browser's reader: staff (every role but tenant) receive everything; a tenant user its own tenant's events and the fleet's. */
export type Viewer = { staff: true } | { staff: false; tenant: string | undefined };

export const STAFF: Viewer = { staff: true };

/** The audience of a relayed event, from its type and tenant alone (one cheap check per browser). */
export function audienceOf(event: StreamEvent): Audience {
  if (event.type === 'alert') return null;
  if (event.type === 'timeline') return event.data.tenant ?? null;
  return undefined;
}

export function mayReceive(viewer: Viewer, audience: Audience): boolean {
  return audience === undefined || viewer.staff || audience === viewer.tenant;
}

/** The reader of a request: staff unless its principal is a tenant user (or, deny by default, there is no principal). */
export function viewerOf(req: Request): Viewer {
  const principal = req.principal;
  return principal && principal.role !== 'tenant' ? STAFF : { staff: false, tenant: principal?.tenant };
}

interface Buffered {
  id: number;
  bytes: Buffer;
  audience: Audience;
}

/** Parses a Last-Event-ID (header, or `?lastEventId=` for a first connection); malformed → undefined. */
export function lastEventIdOf(header: string | undefined, query: unknown): number | undefined {
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || !/^\d{1,16}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

const resyncText = (id: number) => `id: ${id}\nevent: resync\ndata: {"lastEventId":${id}}\n\n`;
const HEARTBEAT = Buffer.from(': heartbeat\n\n');

/**
 * Fans the relayed events out to every browser over SSE.
 *
 * Ids are the BFF's own: every relayed event, whichever control plane it came from, gets the next
 * integer, so a browser holds one position however many control planes are federated. The series starts
 * from the wall clock (ms × 1000), so an id handed out by an earlier BFF process, or by another replica,
 * falls outside [floor, lastId] and is answered with `resync` rather than a wrong replay.
 *
 * `resync()` (an upstream lost continuity) takes an id of its own, clears the buffer and raises the floor:
 * a browser resuming from before it is told to resync too, one resuming from it or later is replayed.
 *
 * Each event is serialised once, to bytes; the same buffer is written to every browser that may read it
 * (no per-browser JSON or UTF-8 encoding): alerts go to staff only, a timeline event to staff and the
 * tenant it concerns, the rest to everyone (`audienceOf`). A tenant's position still moves past the
 * events it is not sent, since ids only say order: a replay from any of its ids is filtered the same way. A browser that does not read (its unsent bytes pass `maxBufferedBytes` when
 * the next event comes) is dropped instead of growing the BFF's memory; it reconnects and resumes.
 */
export class StreamHub {
  private readonly options: HubOptions;
  private lastIdValue: number;
  /** Lowest id a browser may resume from: the hub's start, or its latest resync. */
  private floor: number;
  private readonly buffer: Buffered[] = [];
  private bufferedBytes = 0;
  private readonly clients = new Map<Response, Viewer>();
  private readonly heartbeat: NodeJS.Timeout;
  private counters = { relayed: 0, resyncs: 0, droppedSlowClients: 0 };

  constructor(
    private readonly logger: Logger,
    options: Partial<HubOptions> = {},
  ) {
    this.options = { ...HUB_DEFAULTS, ...options };
    this.lastIdValue = this.options.firstIdAfter ?? Date.now() * 1000;
    this.floor = this.lastIdValue;
    this.heartbeat = setInterval(() => this.broadcast(HEARTBEAT), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** The id of the last event (or resync) the hub sent: a browser holding it has missed nothing. */
  get lastId(): number {
    return this.lastIdValue;
  }

  /** Lowest id a browser can resume from without a resync. */
  get resumableFrom(): number {
    return this.floor;
  }

  stats(): HubStats {
    return { clients: this.clients.size, lastEventId: this.lastIdValue, ...this.counters };
  }

  /** Relays one (already validated) upstream event under the hub's next id. */
  publish(event: StreamEvent): number {
    const id = ++this.lastIdValue;
    const bytes = Buffer.from(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    const audience = audienceOf(event);
    this.buffer.push({ id, bytes, audience });
    this.bufferedBytes += bytes.length;
    while (this.buffer.length > this.options.capacity || (this.bufferedBytes > this.options.capacityBytes && this.buffer.length > 1)) {
      this.bufferedBytes -= this.buffer.shift()!.bytes.length;
    }
    this.counters.relayed++;
    this.broadcast(bytes, audience);
    return id;
  }

  /** Continuity with an upstream was lost: every browser reloads the snapshot, older positions become void. */
  resync(reason: string): number {
    const id = ++this.lastIdValue;
    this.buffer.length = 0;
    this.bufferedBytes = 0;
    this.floor = id;
    this.counters.resyncs++;
    this.logger.info({ reason, lastEventId: id, clients: this.clients.size }, 'live stream: browsers told to resync');
    this.broadcast(Buffer.from(resyncText(id)));
    return id;
  }

  /**
   * A message about the stream itself (e.g. `status`): sent to every browser now, without an id and not
   * buffered, so it never moves a browser's position nor is replayed.
   */
  announce(type: string, data: unknown): void {
    this.broadcast(Buffer.from(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
  }

  /** Buffered events after `lastId` that `viewer` may read, or undefined when the browser must resync (too old, or unknown). */
  since(lastId: number, viewer: Viewer = STAFF): Buffer[] | undefined {
    if (lastId > this.lastIdValue || lastId < this.floor) return undefined;
    if (lastId === this.lastIdValue) return [];
    const oldest = this.buffer[0];
    if (!oldest || lastId < oldest.id - 1) return undefined;
    return this.buffer
      .slice(lastId - oldest.id + 1)
      .filter((b) => mayReceive(viewer, b.audience))
      .map((b) => b.bytes);
  }

  /** Serves GET /api/stream: headers, `retry:`, the replay (or a resync), then every event as it comes. */
  attach(req: Request, res: Response): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    const viewer = viewerOf(req);
    const opening: Buffer[] = [Buffer.from(`retry: ${this.options.retryMs}\n\n`)];
    const lastId = lastEventIdOf(req.get('last-event-id'), req.query.lastEventId);
    if (lastId !== undefined) {
      const missed = this.since(lastId, viewer);
      opening.push(...(missed ?? [Buffer.from(resyncText(this.lastIdValue))]));
    }
    // Synchronous from the replay to joining the set: no event can fall between them.
    this.clients.set(res, viewer);
    res.on('close', () => this.clients.delete(res));
    this.write(res, Buffer.concat(opening));
  }

  /** Ends every browser's stream (the BFF is stopping). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients.keys()) res.end();
    this.clients.clear();
  }

  /** To every browser the audience admits (all of them for an `undefined` audience: heartbeats, resyncs, announcements). */
  private broadcast(bytes: Buffer, audience?: Audience): void {
    for (const [res, viewer] of this.clients) if (mayReceive(viewer, audience)) this.write(res, bytes);
  }

  /** Writes unless what is still unsent passes the bound (checked before, so one large event never drops everyone). */
  private write(res: Response, bytes: Buffer): void {
    if (res.destroyed) {
      this.clients.delete(res);
      return;
    }
    if (res.writableLength > this.options.maxBufferedBytes) {
      this.clients.delete(res);
      this.counters.droppedSlowClients++;
      this.logger.warn({ unsentBytes: res.writableLength, remoteAddress: res.req.socket.remoteAddress }, 'live stream: dropped a browser that does not keep up');
      res.destroy();
      return;
    }
    res.write(bytes);
  }
}
