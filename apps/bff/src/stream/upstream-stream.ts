import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'undici';
import type { Logger } from '@corridor/http-kit';
import { SseParser, STREAM_EVENT_TYPES, StreamEventSchema, type SseMessage, type StreamEvent } from '@corridor/shared';

export interface UpstreamStreamOptions {
  /** No byte at all (not even a heartbeat) for this long: the connection is dead, reconnect. */
  idleTimeoutMs: number;
  /** First reconnection delay; doubles on each failure up to `backoffMaxMs`. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  connectTimeoutMs: number;
}

export const UPSTREAM_DEFAULTS: UpstreamStreamOptions = {
  idleTimeoutMs: 35_000,
  backoffInitialMs: 250,
  backoffMaxMs: 5000,
  connectTimeoutMs: 2000,
};

export interface UpstreamHandlers {
  /** A validated event, in the upstream's order. */
  onEvent: (event: StreamEvent) => void;
  /** Continuity is lost (the upstream said resync, restarted, or the subscription began afresh). */
  onResync: (reason: string) => void;
  /** The subscription opened, or was lost (called on changes only, not on every failed retry). */
  onConnectionChange?: (connected: boolean) => void;
}

/** What one subscription has seen, for /api/status and the benchmark. */
export interface UpstreamStreamStatus {
  name: string;
  url: string;
  connected: boolean;
  /** Subscriptions opened to this control plane since the BFF started (1 while all is well). */
  subscriptions: number;
  /** The upstream's id of the last event relayed. */
  lastUpstreamEventId: number | null;
  /** Wall-clock ms of the last byte received. */
  lastByteAt: number | null;
  droppedEvents: number;
}

/** A connection that stayed up this long was healthy: the next failure starts the backoff over. */
const HEALTHY_AFTER_MS = 5000;
const LOG_DROPS_EVERY_MS = 10_000;

/**
 * ONE subscription to a control plane's `GET /v1/stream`, kept open for as long as the BFF runs.
 * It remembers the upstream's last event id and resumes with `Last-Event-ID` after any failure
 * (refused, reset, closed, or silent for `idleTimeoutMs`), with a bounded, jittered exponential backoff.
 * Every event is parsed with StreamEventSchema; anything malformed is logged and dropped.
 */
export class UpstreamStream {
  readonly name: string;
  readonly url: string;
  private readonly options: UpstreamStreamOptions;
  private readonly client: Client;
  private readonly stopping = new AbortController();
  private current?: AbortController;
  private running?: Promise<void>;
  private lastId: number | undefined;
  private state = { connected: false, subscriptions: 0, lastByteAt: null as number | null, droppedEvents: 0 };
  private drops = { count: 0, loggedAt: 0, reason: '' };
  private readonly headers: () => Record<string, string>;

  constructor(
    { name, url, headers }: { name: string; url: string; /** The service credential, sent on every subscription. */ headers: () => Record<string, string> },
    private readonly handlers: UpstreamHandlers,
    private readonly logger: Logger,
    options: Partial<UpstreamStreamOptions> = {},
  ) {
    this.name = name;
    this.url = url.replace(/\/$/, '');
    this.headers = headers;
    this.options = { ...UPSTREAM_DEFAULTS, ...options };
    // A connection of its own: the stream never takes a slot of the request pool, nor waits behind it.
    this.client = new Client(this.url, { connectTimeout: this.options.connectTimeoutMs, headersTimeout: this.options.idleTimeoutMs, bodyTimeout: 0, pipelining: 0 });
  }

  start(): void {
    this.running ??= this.run().catch((error: Error) => this.logger.error({ err: error, upstream: this.name }, 'live stream: subscriber stopped unexpectedly'));
  }

  status(): UpstreamStreamStatus {
    return {
      name: this.name,
      url: this.url,
      connected: this.state.connected,
      subscriptions: this.state.subscriptions,
      lastUpstreamEventId: this.lastId ?? null,
      lastByteAt: this.state.lastByteAt,
      droppedEvents: this.state.droppedEvents,
    };
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.current?.abort();
    await this.running;
    await this.client.destroy();
  }

  private async run(): Promise<void> {
    let delayMs = this.options.backoffInitialMs;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      const started = Date.now();
      try {
        await this.subscribeOnce();
        this.logger.warn({ upstream: this.name }, 'live stream: the control plane closed the subscription; reconnecting');
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        const e = error as { code?: string; message?: string };
        // The first failure of a series at warn, then about once a minute while the control plane stays away.
        const level = failures % 12 === 0 ? 'warn' : 'debug';
        this.logger[level]({ upstream: this.name, error: e.code ?? e.message, failures: failures + 1 }, 'live stream: subscription failed; reconnecting');
      } finally {
        this.setConnected(false);
      }
      if (Date.now() - started >= HEALTHY_AFTER_MS) {
        delayMs = this.options.backoffInitialMs;
        failures = 0;
      } else {
        failures++;
      }
      const jittered = Math.round(delayMs * (0.8 + Math.random() * 0.4));
      await sleep(jittered, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      delayMs = Math.min(delayMs * 2, this.options.backoffMaxMs);
    }
  }

  private async subscribeOnce(): Promise<void> {
    const controller = new AbortController();
    this.current = controller;
    const idle = setTimeout(() => controller.abort(new Error(`no byte for ${this.options.idleTimeoutMs} ms`)), this.options.idleTimeoutMs);
    try {
      const res = await this.client.request({
        path: '/v1/stream',
        method: 'GET',
        headers: { ...this.headers(), accept: 'text/event-stream', ...(this.lastId !== undefined ? { 'last-event-id': String(this.lastId) } : {}) },
        signal: controller.signal,
      });
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        await res.body.dump().catch(() => undefined);
        throw new Error(`GET /v1/stream answered HTTP ${res.statusCode} (${type || 'no content type'})`);
      }
      const resumed = this.lastId !== undefined;
      this.state.subscriptions++;
      this.setConnected(true);
      this.logger.info({ upstream: this.name, resumeAfter: this.lastId }, 'live stream: subscribed');
      // Without a position the stream starts at "now": whatever a browser loaded before may have a gap.
      if (!resumed) this.handlers.onResync(`${this.name}: subscription started without a position`);

      const parser = new SseParser({
        onMessage: (m) => this.receive(m),
        onOverflow: (chars) => this.dropped(`an event of over ${chars} characters`),
      });
      for await (const chunk of res.body) {
        idle.refresh();
        this.state.lastByteAt = Date.now();
        parser.push(chunk as Buffer);
      }
      parser.end();
    } finally {
      clearTimeout(idle);
      this.current = undefined;
    }
  }

  private setConnected(connected: boolean): void {
    if (this.state.connected === connected) return;
    this.state.connected = connected;
    this.handlers.onConnectionChange?.(connected);
  }

  private receive(message: SseMessage): void {
    if (message.event === 'resync') {
      const lastEventId = resyncPosition(message.data);
      if (lastEventId !== undefined) this.lastId = lastEventId;
      this.handlers.onResync(`${this.name}: the control plane cannot replay from ${this.lastId ?? 'here'}`);
      return;
    }
    if (!(STREAM_EVENT_TYPES as readonly string[]).includes(message.event)) {
      this.dropped(`an event of unknown type "${message.event.slice(0, 40)}"`);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      this.dropped(`a ${message.event} event whose data is not JSON`);
      return;
    }
    const id = message.id !== undefined && /^\d{1,16}$/.test(message.id) ? Number(message.id) : undefined;
    const parsed = StreamEventSchema.safeParse({ id, type: message.event, data });
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      this.dropped(`a malformed ${message.event} event (${first?.path.join('.') || 'event'}: ${first?.message})`);
      return;
    }
    const event = parsed.data;
    if (this.lastId !== undefined && event.id <= this.lastId) {
      // The control plane only ever sends ids above the one we resumed from: a lower one is a new series
      // (a restarted control plane whose clock is behind, or another replica).
      this.handlers.onResync(`${this.name}: event ids went back from ${this.lastId} to ${event.id}`);
    }
    this.lastId = event.id;
    this.handlers.onEvent(event);
  }

  /** Counts a dropped event; logs the first at once, then at most one summary line per interval. */
  private dropped(reason: string): void {
    this.state.droppedEvents++;
    this.drops.count++;
    this.drops.reason = reason;
    const now = Date.now();
    if (now - this.drops.loggedAt >= LOG_DROPS_EVERY_MS) {
      this.logger.warn({ upstream: this.name, dropped: this.drops.count, last: reason }, 'live stream: dropped events that break the contract');
      this.drops.count = 0;
      this.drops.loggedAt = now;
    }
  }
}

function resyncPosition(data: string): number | undefined {
  try {
    const value = (JSON.parse(data) as { lastEventId?: unknown }).lastEventId;
    return Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined;
  } catch {
    return undefined;
  }
}
