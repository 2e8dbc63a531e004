import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleStatusSchema, LiveSnapshotSchema } from '@corridor/shared';
import { eventually, fakeControlPlane, frame, openBrowser, startStreamBff, type Browser, type SignedIn } from './stream-helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(stream: Parameters<typeof startStreamBff>[1] = {}, upstream: Parameters<typeof fakeControlPlane>[0] = {}) {
  const cp = await fakeControlPlane(upstream);
  cleanups.push(() => cp.close());
  const bff = await startStreamBff([cp.url], { backoffInitialMs: 50, backoffMaxMs: 200, ...stream });
  cleanups.push(() => bff.close());
  await bff.connected();
  return { cp, bff };
}

async function browsers(bff: SignedIn, count: number, lastEventId?: number | string) {
  const opened = await Promise.all(Array.from({ length: count }, () => openBrowser(bff, lastEventId)));
  cleanups.push(() => opened.forEach((b) => b.close()));
  return opened;
}

const powerOf = (b: Browser) => b.events.map((m) => Object.values(JSON.parse(m.data).sites ?? {}).map((v) => (v as Record<string, number>).site_it_power_watts)[0]);
const idsOf = (b: Browser) => b.messages.map((m) => Number(m.id));

describe('live stream fan-out (against a stand-in control plane)', () => {
  it('gives 20 browsers the same events in order over ONE upstream subscription', async () => {
    const { cp, bff } = await setup();
    const many = await browsers(bff, 20);
    await eventually(async () => expect((await bff.stats()).clients).toBe(20));

    for (const n of [1, 2, 3]) cp.publish('telemetry', frame(n));
    cp.publish('site-health', { siteId: 'site-0', declared: 'operational', health: 'degraded', reason: 'cooling failure (injected fault)', since: Date.now() });
    cp.publish('fault', { action: 'injected', fault: { id: 'f-1', kind: 'cooling-failure', siteId: 'site-0', sinceMs: Date.now() } });
    await eventually(() => expect(many.every((b) => b.messages.length === 5)).toBe(true));

    expect(cp.subscriptions).toHaveLength(1);
    const [first] = many;
    expect(first!.messages.map((m) => m.event)).toEqual(['telemetry', 'telemetry', 'telemetry', 'site-health', 'fault']);
    expect(powerOf(first!).slice(0, 3)).toEqual([1, 2, 3]);
    const ids = idsOf(first!);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    for (const b of many) expect(b.messages).toEqual(first!.messages);
    expect((await bff.stats()).upstreams[0]).toMatchObject({ connected: true, subscriptions: 1 });
  });

  it('sends SSE headers, retry and heartbeats', async () => {
    const { bff } = await setup({ heartbeatMs: 50, retryMs: 1500 });
    const [b] = await browsers(bff, 1);
    expect(b!.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(b!.headers.get('cache-control')).toBe('no-store');
    expect(b!.headers.get('x-accel-buffering')).toBe('no');
    await eventually(() => expect(b!.comments).toBeGreaterThanOrEqual(2));
    expect(b!.raw.startsWith('retry: 1500\n\n')).toBe(true);
  });

  it('replays exactly what a reconnecting browser missed', async () => {
    const { cp, bff } = await setup();
    const [watcher, leaver] = await browsers(bff, 2);
    for (const n of [1, 2, 3]) cp.publish('telemetry', frame(n));
    await eventually(() => expect(leaver!.events).toHaveLength(3));
    leaver!.close();
    for (const n of [4, 5]) cp.publish('telemetry', frame(n));
    await eventually(() => expect(watcher!.events).toHaveLength(5));

    const [resumed] = await browsers(bff, 1, leaver!.events[2]!.id);
    await eventually(() => expect(resumed!.messages).toHaveLength(2));
    expect(resumed!.messages).toEqual(watcher!.messages.slice(3));

    const [current] = await browsers(bff, 1, watcher!.events[4]!.id);
    cp.publish('telemetry', frame(6));
    await eventually(() => expect(current!.messages).toHaveLength(1));
    expect(powerOf(current!)).toEqual([6]);
  });

  it('tells a browser to resync when it is too far behind, or holds an id this BFF never gave', async () => {
    const { cp, bff } = await setup({ capacity: 3 });
    const [watcher] = await browsers(bff, 1);
    for (const n of [1, 2, 3, 4, 5, 6]) cp.publish('telemetry', frame(n));
    await eventually(() => expect(watcher!.events).toHaveLength(6));
    const lastId = Number(watcher!.events[5]!.id);

    const [behind, future, older, garbled, edge] = await Promise.all([watcher!.events[1]!.id, lastId + 1000, 5, 'not-an-id', watcher!.events[2]!.id].map((id) => openBrowser(bff, id)));
    cleanups.push(() => [behind, future, older, garbled, edge].forEach((b) => b!.close()));
    for (const b of [behind, future, older]) {
      await eventually(() => expect(b!.messages).toHaveLength(1));
      expect(b!.messages[0]).toEqual({ id: String(lastId), event: 'resync', data: JSON.stringify({ lastEventId: lastId }) });
    }
    // The oldest id still in the buffer's reach is replayed; a malformed id counts as none.
    await eventually(() => expect(powerOf(edge!)).toEqual([4, 5, 6]));
    cp.publish('telemetry', frame(7));
    await eventually(() => expect(powerOf(garbled!)).toEqual([7]));
    expect(garbled!.messages.some((m) => m.event === 'resync')).toBe(false);
  });

  it('resumes the upstream subscription with Last-Event-ID after a cut, losing nothing', async () => {
    const { cp, bff } = await setup();
    const [b] = await browsers(bff, 1);
    for (const n of [1, 2]) cp.publish('telemetry', frame(n));
    await eventually(() => expect(b!.events).toHaveLength(2));
    const upstreamLast = cp.lastId;

    cp.dropConnections();
    for (const n of [3, 4]) cp.publish('telemetry', frame(n));
    await eventually(() => expect(cp.subscriptions).toHaveLength(2));
    cp.publish('telemetry', frame(5));
    await eventually(() => expect(b!.events).toHaveLength(5));

    expect(cp.subscriptions[1]!.lastEventId).toBe(String(upstreamLast));
    expect(powerOf(b!)).toEqual([1, 2, 3, 4, 5]);
    expect(b!.messages.some((m) => m.event === 'resync')).toBe(false);
    // The cut and the recovery were announced, as /api/status would answer them.
    await eventually(() => expect(b!.statuses.map((st) => ConsoleStatusSchema.parse(st).stream?.connected)).toEqual([false, true]));
  });

  it('tells every browser to resync when the control plane restarts with a new id series', async () => {
    const { cp, bff } = await setup();
    const many = await browsers(bff, 3);
    cp.publish('telemetry', frame(1));
    await eventually(() => expect(many.every((b) => b.events.length === 1)).toBe(true));
    const before = Number(many[0]!.events[0]!.id);

    cp.restart();
    await eventually(() => expect(many.every((b) => b.messages.some((m) => m.event === 'resync'))).toBe(true));
    cp.publish('telemetry', frame(2));
    await eventually(() => expect(many.every((b) => b.events.length === 2)).toBe(true));

    for (const b of many) {
      expect(b.messages.map((m) => m.event)).toEqual(['telemetry', 'resync', 'telemetry']);
      expect(idsOf(b)).toEqual([before, before + 1, before + 2]);
    }
    // A browser that missed the resync cannot resume across it.
    const [late] = await browsers(bff, 1, before);
    await eventually(() => expect(late!.messages[0]?.event).toBe('resync'));
  });

  it('reconnects a subscription that goes silent (no byte, not even a heartbeat)', async () => {
    const { cp, bff } = await setup({ idleTimeoutMs: 300 });
    const [b] = await browsers(bff, 1);
    const id = cp.publish('telemetry', frame(1));
    await eventually(() => expect(b!.events).toHaveLength(1));
    cp.goSilent();
    cp.dropConnections();
    await eventually(() => expect(cp.subscriptions.length).toBeGreaterThanOrEqual(3));
    expect(cp.subscriptions.at(-1)!.lastEventId).toBe(String(id));
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
  });

  it('drops garbage from the control plane, event by event, and keeps relaying', async () => {
    const { cp, bff } = await setup();
    const [b] = await browsers(bff, 1);
    cp.sendRaw(
      [
        'this is not server-sent events\n\n',
        'data: {"hello":1}\n\n',
        'id: 5\nevent: telemetry\ndata: {not json\n\n',
        'id: 6\nevent: telemetry\ndata: {"at":"yesterday","sites":{},"links":{}}\n\n',
        'event: telemetry\ndata: {"at":1,"sites":{},"links":{}}\n\n',
        'id: 7\r\nevent: site-health\r\ndata: {"siteId":"NOT A SLUG","status":"on fire","since":1}\r\n\r\n',
        'id: 8\nevent: surprise\ndata: {}\n\n',
        '\u0000\u0001\ufffd\r\r\n',
      ].join(''),
    );
    cp.publish('telemetry', frame(42));
    await eventually(() => expect(b!.events).toHaveLength(1));
    expect(powerOf(b!)).toEqual([42]);
    const stats = await bff.stats();
    expect(stats.upstreams[0]).toMatchObject({ connected: true, subscriptions: 1 });
    expect(stats.upstreams[0]!.droppedEvents).toBeGreaterThanOrEqual(6);
  });

  it('keeps serving browsers while the upstream answers something that is not a stream', async () => {
    const requests: string[] = [];
    const liar = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.statusCode = req.url === '/readyz' ? 503 : 200;
      res.setHeader('content-type', 'text/html');
      res.end('<html>maintenance</html>');
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => liar.close(r)));
    const bff = await startStreamBff([`http://127.0.0.1:${(liar.address() as AddressInfo).port}`], { backoffInitialMs: 20, backoffMaxMs: 50 });
    cleanups.push(() => bff.close());

    const [b] = await browsers(bff, 1);
    await eventually(() => expect(requests.filter((u) => u === '/v1/stream').length).toBeGreaterThanOrEqual(3));
    expect(b!.raw).toMatch(/^retry: \d+\n\n/);
    const status = ConsoleStatusSchema.parse(await (await bff.fetch('/api/status')).json());
    expect(status).toMatchObject({ ok: false, stream: { connected: false, upstreams: [{ connected: false, subscriptions: 0 }] } });
    expect((await bff.fetch('/api/live')).status).toBe(502);
  });

  it('drops a browser that stops reading, without holding up the others', async () => {
    const { cp, bff } = await setup({ maxBufferedBytes: 256 * 1024 });
    const fast = await browsers(bff, 3);
    const slow = connect(Number(new URL(bff.url).port), '127.0.0.1');
    let slowClosed = false;
    slow.on('close', () => (slowClosed = true)).on('error', () => undefined);
    slow.write(`GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${bff.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
    slow.pause();
    cleanups.push(() => slow.destroy());
    await eventually(async () => expect((await bff.stats()).clients).toBe(4));

    let published = 0;
    while ((await bff.stats()).droppedSlowClients === 0 && published < 400) {
      cp.publish('telemetry', frame(++published, 3000));
      await eventually(() => expect(fast.every((b) => b.events.length === published)).toBe(true), 10_000);
    }
    const stats = await bff.stats();
    expect(stats).toMatchObject({ droppedSlowClients: 1, clients: 3 });
    cp.publish('telemetry', frame(++published, 3000));
    await eventually(() => expect(fast.every((b) => b.events.length === published)).toBe(true), 10_000);
    for (const b of fast) expect(powerOf(b)).toEqual(Array.from({ length: published }, (_, i) => i + 1));
    slow.resume();
    await eventually(() => expect(slowClosed).toBe(true));
  });

  it('serves a snapshot whose id lets a browser follow on without losing an event relayed meanwhile', async () => {
    const { cp, bff } = await setup();
    const [watcher] = await browsers(bff, 1);
    cp.publish('telemetry', frame(1));
    await eventually(() => expect(watcher!.events).toHaveLength(1));

    const release = cp.holdLive();
    const answer = bff.fetch('/api/live');
    await eventually(() => expect(cp.liveRequests).toBe(1));
    cp.publish('telemetry', frame(2)); // after the control plane's snapshot, before the browser has it
    await eventually(() => expect(watcher!.events).toHaveLength(2));
    release();
    const res = await answer;
    expect(res.headers.get('cache-control')).toBe('no-store');
    const snapshot = LiveSnapshotSchema.parse(await res.json());
    expect(snapshot.frame.sites['site-0']).toEqual({ site_it_power_watts: 1 });
    expect(snapshot.lastEventId).toBe(Number(watcher!.events[0]!.id));

    const [follower] = await browsers(bff, 1, snapshot.lastEventId);
    await eventually(() => expect(powerOf(follower!)).toEqual([2]));
  });

  it('merges the snapshots of several control planes and subscribes once to each', async () => {
    const [ma, es] = [await fakeControlPlane(), await fakeControlPlane({ firstId: 5_000_001 })];
    cleanups.push(
      () => ma.close(),
      () => es.close(),
    );
    const bff = await startStreamBff([ma.url, es.url], { backoffInitialMs: 50 });
    cleanups.push(() => bff.close());
    await bff.connected();
    const many = await browsers(bff, 5);

    ma.publish('telemetry', { at: 1000, sites: { 'ma-nador': { site_pue_ratio: 1.3 } }, links: {} });
    es.publish('telemetry', { at: 2000, sites: { 'es-madrid': { site_pue_ratio: 1.2 } }, links: { 'medusa-1': { link_rtt_seconds: 0.01 } } });
    es.publish('site-health', { siteId: 'es-madrid', declared: 'operational', health: 'down', reason: 'site down (injected fault)', since: 2000 });
    await eventually(() => expect(many.every((b) => b.events.length === 3)).toBe(true));

    const snapshot = LiveSnapshotSchema.parse(await (await bff.fetch('/api/live')).json());
    expect(snapshot).toMatchObject({
      lastEventId: Number(many[0]!.events[2]!.id),
      frame: { at: 2000, sites: { 'ma-nador': { site_pue_ratio: 1.3 }, 'es-madrid': { site_pue_ratio: 1.2 } }, links: { 'medusa-1': { link_rtt_seconds: 0.01 } } },
    });
    expect([ma.subscriptions.length, es.subscriptions.length]).toEqual([1, 1]);
    const status = ConsoleStatusSchema.parse(await (await bff.fetch('/api/status')).json());
    expect(status.stream).toMatchObject({ connected: true, clients: 5, upstreams: [{ subscriptions: 1 }, { subscriptions: 1 }] });
  });

  it('ends every browser stream when the BFF stops', async () => {
    const { bff } = await setup();
    const many = await browsers(bff, 3);
    await eventually(async () => expect((await bff.stats()).clients).toBe(3));
    await bff.close();
    await eventually(() => expect(many.every((b) => b.ended)).toBe(true));
  });
});
