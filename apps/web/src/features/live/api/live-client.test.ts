import type { ConsoleStatus, LiveSnapshot, TelemetryFrame } from '@corridor/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartSeries } from '../model/chart-rows.ts';
import type { LiveState } from '../model/live-state.ts';
import { COMMIT_INTERVAL_MS, LiveClient, type LiveClientOptions } from './live-client.ts';
import { liveQueries } from './live-queries.ts';

/** A stand-in for the browser's EventSource: the test opens it, sends events, drops it. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  private lastId = '';
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(giveUp = false) {
    this.readyState = giveUp ? 2 : 0;
    this.onerror?.();
  }
  emit(type: string, data: unknown, id?: number) {
    if (id !== undefined) this.lastId = String(id);
    const event = { type, data: JSON.stringify(data), lastEventId: this.lastId } as MessageEvent;
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

const snapshot = (lastEventId: number, pue = 1.2): LiveSnapshot => ({
  lastEventId,
  frame: { at: 1_000, sites: { rabat: { site_pue_ratio: pue, site_it_power_watts: 5e6 } }, links: {} },
  health: {},
  faults: [],
});
const frame = (at: number, pue: number): TelemetryFrame => ({ at, sites: { rabat: { site_pue_ratio: pue } }, links: {} });
const down: ConsoleStatus = { ok: false, checkedAt: '2026-06-21T12:00:00Z', upstreams: [{ name: 'control plane', url: 'http://cp', ok: false, latencyMs: null, error: 'ECONNREFUSED' }] };

let now = 0;
let snapshots: LiveSnapshot[];
let queryClient: QueryClient;

function startClient(options: Partial<LiveClientOptions> = {}) {
  const client = new LiveClient(queryClient, { EventSourceImpl: FakeEventSource as never, now: () => now, ...options });
  client.start();
  return client;
}

const live = () => queryClient.getQueryData<LiveState>(liveQueries.snapshot().queryKey);
const stream = () => FakeEventSource.instances.at(-1)!;
/** Lets promises settle and timers due by then run. */
async function advance(ms: number) {
  now += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  now = 10_000;
  FakeEventSource.instances = [];
  snapshots = [snapshot(100)];
  queryClient = new QueryClient();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(snapshots.shift() ?? snapshot(999)), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('LiveClient', () => {
  it('loads the snapshot, then follows the stream from its position', async () => {
    startClient();
    await advance(0);
    expect(live()!.sites.rabat!.values.site_pue_ratio).toBe(1.2);
    expect(stream().url).toBe('/api/stream?lastEventId=100');
  });

  it('commits a burst of events to the cache once, at most every 250 ms', async () => {
    startClient();
    await advance(0);
    stream().open();
    const writes = vi.fn();
    queryClient.getQueryCache().subscribe((e) => e.type === 'updated' && e.action.type === 'success' && writes());
    stream().emit('telemetry', frame(2_000, 1.3), 101);
    await advance(0);
    expect(writes).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) stream().emit('telemetry', frame(3_000 + i, 1.4 + i / 100), 102 + i);
    stream().emit('site-health', { siteId: 'rabat', declared: 'operational', health: 'degraded', reason: 'cooling failure', since: 3_000 }, 130);
    await advance(COMMIT_INTERVAL_MS - 1);
    expect(writes).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(writes).toHaveBeenCalledTimes(2);
    expect(live()!.sites.rabat!.values.site_pue_ratio).toBeCloseTo(1.59);
    expect(live()!.health.rabat!.health).toBe('degraded');
    expect(live()!.lastEventId).toBe(130);
  });

  it('on resync reloads the snapshot and replays over it only the events newer than it', async () => {
    snapshots = [snapshot(100), snapshot(205, 1.5)];
    startClient();
    await advance(0);
    stream().open();
    stream().emit('resync', { lastEventId: 200 }, 200);
    // While the new snapshot loads: one event it holds (204), one it does not (206).
    stream().emit('telemetry', frame(4_000, 9.9), 204);
    stream().emit('telemetry', frame(5_000, 1.7), 206);
    await advance(COMMIT_INTERVAL_MS);
    await advance(0);
    expect(live()!.lastEventId).toBe(206);
    expect(live()!.sites.rabat!.values.site_pue_ratio).toBe(1.7);
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2);
  });

  it('shows stale data while the stream is down and asks for the status once it is back', async () => {
    const onCheckStatus = vi.fn();
    const client = startClient({ onCheckStatus });
    await advance(0);
    expect(client.getFreshness().kind).toBe('connecting');
    stream().open();
    expect(client.getFreshness()).toEqual({ kind: 'live', message: 'Live' });
    stream().drop();
    expect(client.getFreshness()).toMatchObject({ kind: 'stale', message: 'Live data stale — stream disconnected' });
    stream().open();
    expect(client.getFreshness().kind).toBe('live');
    expect(onCheckStatus).toHaveBeenCalledWith('reconnected');
  });

  it('opens a new stream at its last position when the browser gives up', async () => {
    startClient();
    await advance(0);
    stream().open();
    stream().emit('telemetry', frame(2_000, 1.3), 150);
    stream().drop(true);
    await advance(2_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(stream().url).toBe('/api/stream?lastEventId=150');
  });

  it('goes stale after three ticks without telemetry, and live again when it flows', async () => {
    const onCheckStatus = vi.fn();
    const client = startClient({ onCheckStatus });
    await advance(0);
    stream().open();
    for (let i = 1; i <= 4; i++) {
      stream().emit('telemetry', frame(1_000 + i * 1000, 1.3), 100 + i);
      await advance(1000);
    }
    // A 1 s tick: stale after 3 × 1 s + 5 s of silence.
    await advance(7_900);
    expect(client.getFreshness().kind).toBe('live');
    await advance(200);
    expect(client.getFreshness()).toMatchObject({ kind: 'stale', reason: 'silence' });
    expect(onCheckStatus).toHaveBeenLastCalledWith('stale');
    stream().emit('telemetry', frame(20_000, 1.3), 110);
    await advance(COMMIT_INTERVAL_MS);
    expect(client.getFreshness().kind).toBe('live');
    expect(onCheckStatus).toHaveBeenLastCalledWith('fresh');
  });

  it('takes status events into the console status and the badge', async () => {
    const onStatus = vi.fn();
    const client = startClient({ onStatus });
    await advance(0);
    stream().open();
    stream().emit('status', down);
    expect(onStatus).toHaveBeenCalledWith(down);
    expect(client.getFreshness()).toMatchObject({ kind: 'stale', message: 'Live data stale — control plane unreachable' });
    stream().emit('status', { ...down, ok: true, upstreams: [] });
    expect(client.getFreshness().kind).toBe('live');
  });

  it('appends stream samples to the hour charts of the site (the live tail), not to longer ranges', async () => {
    startClient();
    await advance(0);
    stream().open();
    const series = (): ChartSeries =>
      ({
        metric: 'site_pue_ratio',
        unit: 'ratio',
        kind: 'gauge',
        siteId: 'rabat',
        resolution: 'raw',
        stepMs: 15_000,
        from: 0,
        to: 15_000,
        points: [{ t: 0, avg: 1.2, count: 1 }],
        tailAt: 1_000,
      }) as ChartSeries;
    queryClient.setQueryData(liveQueries.series('site', 'rabat', 'site_pue_ratio', '1h').queryKey, series());
    queryClient.setQueryData(liveQueries.series('site', 'rabat', 'site_pue_ratio', '24h').queryKey, series());
    stream().emit('telemetry', frame(16_000, 1.4), 101);
    await advance(COMMIT_INTERVAL_MS);
    const hour = queryClient.getQueryData<ChartSeries>(liveQueries.series('site', 'rabat', 'site_pue_ratio', '1h').queryKey)!;
    expect(hour.points.at(-1)).toMatchObject({ t: 15_000, avg: 1.4 });
    expect(queryClient.getQueryData<ChartSeries>(liveQueries.series('site', 'rabat', 'site_pue_ratio', '24h').queryKey)!.points).toHaveLength(1);
  });

  it('ignores malformed events', async () => {
    startClient();
    await advance(0);
    stream().open();
    stream().emit('telemetry', { at: 'soon', sites: 3 }, 101);
    stream().emit('site-health', { siteId: 'rabat', status: 'on fire', since: 1 }, 102);
    await advance(COMMIT_INTERVAL_MS);
    expect(live()!.lastEventId).toBe(100);
  });
});
