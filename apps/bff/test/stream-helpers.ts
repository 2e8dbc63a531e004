import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { SseParser, type LiveSnapshot, type SseMessage, type StreamEventType, type TelemetryFrame } from '@corridor/shared';
import type { LiveStreamOptions, LiveStreamStats } from '../src/stream/live-stream.ts';
import { startBff } from './harness.ts';

/** Waits for `assertion` to pass, polling, for at most `timeout` ms (never a fixed sleep). */
export const eventually = (assertion: () => unknown, timeout = 5000) => vi.waitFor(assertion, { timeout, interval: 20 });

/** A BFF as a signed-in browser reaches it: its URL and the session cookie. */
export interface SignedIn {
  url: string;
  cookie: string;
}

/** The BFF on a free port, with the live stream tuned for tests. */
export async function startStreamBff(urls: string[], stream: Partial<LiveStreamOptions> = {}) {
  const bff = await startBff(urls, { stream });
  const stats = async () => (await (await bff.fetch('/api/stream/stats')).json()) as LiveStreamStats;
  return {
    ...bff,
    stats,
    /** Opens the subscriptions (first use) and waits until every one is up. */
    async connected(timeout = 5000) {
      const probe = await openBrowser(bff);
      await eventually(async () => {
        const s = await stats();
        if (!s.upstreams.every((u) => u.connected)) throw new Error('not subscribed yet');
      }, timeout);
      probe.close();
    },
  };
}

export interface Browser {
  /** Every message that carries a position: relayed events and resyncs, in order. */
  messages: SseMessage[];
  /** `status` announcements (no id), parsed. */
  statuses: unknown[];
  /** Comment lines received (heartbeats). */
  readonly comments: number;
  /** The first 64 KB of the body as received. */
  readonly raw: string;
  /** Messages other than resync, i.e. the relayed events. */
  readonly events: SseMessage[];
  readonly ended: boolean;
  headers: Headers;
  close(): void;
}

/** An EventSource-like client over fetch streaming: every message it receives, in order. */
export async function openBrowser({ url, cookie }: SignedIn, lastEventId?: number | string): Promise<Browser> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/stream`, {
    headers: { cookie, accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  const statuses: unknown[] = [];
  let ended = false;
  let comments = 0;
  let raw = '';
  const decoder = new TextDecoder();
  const parser = new SseParser({
    onMessage: (m) => (m.event === 'status' ? statuses.push(JSON.parse(m.data)) : messages.push(m)),
    onComment: () => comments++,
  });
  void (async () => {
    try {
      for await (const chunk of res.body!) {
        if (raw.length < 65_536) raw += decoder.decode(chunk, { stream: true });
        parser.push(chunk);
      }
    } catch {
      // aborted or reset
    }
    ended = true;
  })();
  return {
    messages,
    statuses,
    get events() {
      return messages.filter((m) => m.event !== 'resync');
    },
    get ended() {
      return ended;
    },
    get comments() {
      return comments;
    },
    get raw() {
      return raw;
    },
    headers: res.headers,
    close: () => controller.abort(),
  };
}

/** A telemetry frame whose IT power tells frames apart; `sites` makes it as large as a test needs. */
export function frame(itPowerWatts: number, sites = 1): TelemetryFrame {
  const entries = Array.from({ length: sites }, (_, i) => [`site-${i}`, { site_it_power_watts: itPowerWatts + i }]);
  return { at: Date.now(), sites: Object.fromEntries(entries), links: {} };
}

/**
 * A stand-in control plane serving /v1/stream as the real one does (ids, replay after Last-Event-ID from
 * a buffer, resync when too old) and /v1/live, that can also misbehave: drop connections, restart with a
 * new id series, go silent, hold a snapshot, send garbage. It counts every subscription it is asked for.
 */
export async function fakeControlPlane({ firstId = 1_000_001, capacity = 100 } = {}) {
  let nextId = firstId;
  const buffer: { id: number; text: string }[] = [];
  const streams = new Set<ServerResponse>();
  const subscriptions: { lastEventId: string | undefined }[] = [];
  let liveRequests = 0;
  let silent = false;
  let hold: Promise<void> | undefined;
  let live: Omit<LiveSnapshot, 'lastEventId'> = { frame: { at: 0, sites: {}, links: {} }, health: {}, faults: [] };

  const server = createServer((req, res) => {
    if (req.url === '/readyz') {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true,"store":"pglite"}');
      return;
    }
    if (req.url === '/v1/live') {
      liveRequests++;
      // The snapshot is taken now; `hold` delays only the answer, as a slow network would.
      const body = JSON.stringify({ lastEventId: nextId - 1, ...structuredClone(live) });
      void Promise.resolve(hold).then(() => {
        res.setHeader('content-type', 'application/json');
        res.end(body);
      });
      return;
    }
    if (req.url?.startsWith('/v1/stream')) {
      const header = req.headers['last-event-id'];
      subscriptions.push({ lastEventId: typeof header === 'string' ? header : undefined });
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      if (silent) {
        res.flushHeaders();
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      let opening = 'retry: 2000\n\n';
      if (typeof header === 'string') {
        const last = Number(header);
        const oldest = buffer[0];
        if (!oldest || last < oldest.id - 1) opening += `event: resync\ndata: ${JSON.stringify({ lastEventId: nextId - 1 })}\n\n`;
        else
          opening += buffer
            .filter((e) => e.id > last)
            .map((e) => e.text)
            .join('');
      }
      res.write(opening);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const writeAll = (text: string) => {
    if (!silent) for (const res of streams) res.write(text);
  };

  return {
    url,
    subscriptions,
    get liveRequests() {
      return liveRequests;
    },
    get openStreams() {
      return streams.size;
    },
    get lastId() {
      return nextId - 1;
    },
    publish<T extends StreamEventType>(type: T, data: unknown): number {
      const id = nextId++;
      const text = `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
      buffer.push({ id, text });
      if (buffer.length > capacity) buffer.shift();
      if (type === 'telemetry') live = { ...live, frame: data as TelemetryFrame };
      writeAll(text);
      return id;
    },
    /** Bytes as they are, on every open subscription. */
    sendRaw(text: string) {
      writeAll(text);
    },
    dropConnections() {
      for (const res of streams) res.destroy();
    },
    /** A new instance: connections cut, buffer gone, ids from a new (higher) series. */
    restart() {
      this.dropConnections();
      buffer.length = 0;
      nextId += 1_000_000;
    },
    /** From now on, sends nothing at all on subscriptions (not even the opening). */
    goSilent() {
      silent = true;
    },
    /** Holds /v1/live answers until the returned function is called. */
    holdLive(): () => void {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = undefined;
        release();
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}
