import { AlertSchema, ConsoleStatusSchema, FaultViewSchema, SiteHealthSchema, TelemetryFrameSchema, TimelineEventSchema, type Alert, type ConsoleStatus, type TimelineEvent } from '@corridor/shared';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { openEventStream, type SseConnection, type SseMessage, type SseOptions, type SseState } from '../../../lib/sse.ts';
import { RANGE_SPECS } from '../model/chart-range.ts';
import { appendSample, type ChartSeries } from '../model/chart-rows.ts';
import { DEFAULT_TICK_MS, describeFreshness, estimateTickMs, msUntilStale, type Freshness, type LiveConnection } from '../model/freshness.ts';
import { applyBatch, emptyBatch, eventsAfter, type FaultEvent, type LiveBatch, type LiveState } from '../model/live-state.ts';
import { liveQueries } from './live-queries.ts';

/** Commits to the cache at most this often: a burst of events costs one render. */
export const COMMIT_INTERVAL_MS = 250;
/**
 * The charts' live tail is redrawn at most this often: redrawing four charts costs ~25 ms, too much to
 * repeat every second for a change of one 15 s bucket. Frames in between are kept and folded in together.
 */
export const CHART_TAIL_INTERVAL_MS = 5000;
/** A snapshot that failed is not asked for again sooner than this (events keep coming meanwhile). */
const SNAPSHOT_RETRY_MS = 5000;
/** Events kept to replay over a snapshot still loading. */
const MAX_REPLAY = 500;
const FRAME_TIMES_KEPT = 12;

const FaultEventSchema = z.object({ action: z.enum(['injected', 'cleared']), fault: FaultViewSchema });
const ResyncSchema = z.object({ lastEventId: z.number().int().min(0) }).partial();

export const LIVE_EVENT_TYPES = ['telemetry', 'site-health', 'fault', 'alert', 'timeline', 'resync', 'status'] as const;

/** A NOC event from the stream, handed as it comes to whoever follows them (the alerts and timeline views). */
export type NocEvent = { type: 'alert'; alert: Alert } | { type: 'timeline'; event: TimelineEvent };

type Pending = { id: number } & ({ kind: 'frame'; frame: LiveBatch['frames'][number] } | { kind: 'health'; health: LiveBatch['health'][number] } | { kind: 'fault'; fault: FaultEvent });

/** Why the console should ask /api/status once: the stream says something about its link may have changed. */
export type StatusCheckReason = 'reconnected' | 'resync' | 'stale' | 'fresh';

export interface LiveClientOptions {
  /** A `status` event: the BFF's view of its control planes. */
  onStatus?: (status: ConsoleStatus) => void;
  onCheckStatus?: (reason: StatusCheckReason) => void;
  /** Live data flows again after a gap: whatever followed the stream may have missed points. */
  onResumed?: () => void;
  /** The stream's URL (tests point it elsewhere). */
  streamPath?: string;
  EventSourceImpl?: SseOptions['EventSourceImpl'];
  now?: () => number;
}

/**
 * The console's one live feed: loads /api/live into the query cache, then follows /api/stream and
 * applies every event to that cache entry. Events are parsed as they come and gathered; the cache is
 * written at most every COMMIT_INTERVAL_MS, so thousands of sites updating every second cost a few
 * renders a second. It also tells whether the data is fresh (getFreshness / subscribe).
 */
export class LiveClient {
  private readonly now: () => number;
  private pendingChartFrames: LiveBatch['frames'] = [];
  private lastChartAppendAt = -Infinity;
  private stream?: SseConnection;
  private batch: Pending[] = [];
  private commitTimer?: ReturnType<typeof setTimeout>;
  private lastCommitAt = -Infinity;
  private staleTimer?: ReturnType<typeof setTimeout>;
  private lastSeenId = 0;
  private snapshotLoad?: Promise<void>;
  private snapshotFailedAt = -Infinity;
  /** Events applied while a snapshot loads, replayed over it once it arrives. */
  private replay?: Pending[];
  private frameTimes: number[] = [];
  private upstreamCheckAt = -Infinity;
  private connection: LiveConnection = { stream: 'connecting', everOpened: false, tickMs: DEFAULT_TICK_MS, upstreamDown: false };
  private freshness: Freshness;
  private readonly listeners = new Set<() => void>();
  private readonly nocListeners = new Set<(event: NocEvent) => void>();
  private stopped = false;
  private started = false;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly options: LiveClientOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.freshness = describeFreshness(this.connection, this.now());
  }

  /** Loads the snapshot, then follows the stream from its position. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.loadSnapshot().finally(() => {
      if (this.stopped || this.stream) return;
      this.stream = openEventStream({
        url: () => `${this.options.streamPath ?? '/api/stream'}${this.lastSeenId ? `?lastEventId=${this.lastSeenId}` : ''}`,
        events: LIVE_EVENT_TYPES,
        onMessage: (m) => this.receive(m),
        onStateChange: (state) => this.streamState(state),
        EventSourceImpl: this.options.EventSourceImpl,
      });
    });
  }

  /** Without a stream (a synthetic fleet): an empty live state that events given to `receive` fill. */
  startDetached(): void {
    const key = liveQueries.snapshot().queryKey;
    if (!this.queryClient.getQueryData(key)) this.queryClient.setQueryData<LiveState>(key, { lastEventId: 0, at: 0, sites: {}, links: {}, health: {}, faults: {} });
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    clearTimeout(this.commitTimer);
    clearTimeout(this.staleTimer);
    this.listeners.clear();
    this.nocListeners.clear();
  }

  /**
   * Follows the stream's alert and timeline events (each view keeps its own query data up to date with
   * them); a `resync` or a reconnection is seen through `subscribe` and the freshness, after which a view
   * reloads what it shows.
   */
  onNocEvent = (listener: (event: NocEvent) => void): (() => void) => {
    this.nocListeners.add(listener);
    return () => this.nocListeners.delete(listener);
  };

  isStopped(): boolean {
    return this.stopped;
  }

  getFreshness = (): Freshness => this.freshness;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** One stream message, as the EventSource delivers it (benchmarks and tests may call it directly). */
  receive({ type, data, lastEventId }: SseMessage): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const id = Number(lastEventId) || 0;
    if (type === 'telemetry') {
      const parsed = TelemetryFrameSchema.safeParse(json);
      if (parsed.success) this.enqueue({ id, kind: 'frame', frame: parsed.data });
    } else if (type === 'site-health') {
      const parsed = SiteHealthSchema.safeParse(json);
      if (parsed.success) this.enqueue({ id, kind: 'health', health: parsed.data });
    } else if (type === 'fault') {
      const parsed = FaultEventSchema.safeParse(json);
      if (parsed.success) this.enqueue({ id, kind: 'fault', fault: parsed.data });
    } else if (type === 'alert') {
      const parsed = AlertSchema.safeParse(json);
      if (parsed.success) for (const listener of this.nocListeners) listener({ type: 'alert', alert: parsed.data });
    } else if (type === 'timeline') {
      const parsed = TimelineEventSchema.safeParse(json);
      if (parsed.success) for (const listener of this.nocListeners) listener({ type: 'timeline', event: parsed.data });
    } else if (type === 'resync') {
      const parsed = ResyncSchema.safeParse(json);
      if (parsed.success && parsed.data.lastEventId !== undefined) this.lastSeenId = parsed.data.lastEventId;
      this.options.onCheckStatus?.('resync');
      void this.loadSnapshot(true);
    } else if (type === 'status') {
      const parsed = ConsoleStatusSchema.safeParse(json);
      if (!parsed.success) return;
      this.noteStatus(parsed.data);
      this.options.onStatus?.(parsed.data);
    }
  }

  /** What the BFF last said of its control planes (a `status` event, or /api/status answering). */
  noteStatus(status: ConsoleStatus): void {
    const upstreamDown = !status.ok || status.stream?.connected === false;
    if (upstreamDown !== this.connection.upstreamDown) this.setConnection({ upstreamDown });
  }

  private enqueue(event: Pending): void {
    if (event.id > this.lastSeenId) this.lastSeenId = event.id;
    this.batch.push(event);
    if (this.commitTimer !== undefined) return;
    const wait = Math.max(0, this.lastCommitAt + COMMIT_INTERVAL_MS - this.now());
    this.commitTimer = setTimeout(() => this.commit(), wait);
  }

  /** Writes the gathered events to the cache: the live state, then the live tail of the hour charts. */
  commit(): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    this.lastCommitAt = this.now();
    const events = this.batch;
    this.batch = [];
    if (events.length === 0) return;

    const key = liveQueries.snapshot().queryKey;
    if (this.replay) {
      this.replay.push(...events);
      if (this.replay.length > MAX_REPLAY) this.replay.splice(0, this.replay.length - MAX_REPLAY);
    }
    const batch = toBatch(events);
    if (this.queryClient.getQueryData(key)) {
      this.queryClient.setQueryData<LiveState>(key, (state) => (state ? applyBatch(state, batch) : state));
    } else if (!this.snapshotLoad && this.now() - this.snapshotFailedAt >= SNAPSHOT_RETRY_MS) {
      // Events without a state to apply them to (the first load failed): load it now, these replay over it.
      void this.loadSnapshot();
      this.replay?.push(...events);
    }
    if (batch.frames.length > 0) {
      this.appendToCharts(batch.frames);
      this.telemetryArrived(batch.frames);
    }
  }

  private appendToCharts(frames: LiveBatch['frames']): void {
    this.pendingChartFrames.push(...frames);
    const now = this.now();
    if (now - this.lastChartAppendAt < CHART_TAIL_INTERVAL_MS) return;
    this.lastChartAppendAt = now;
    frames = this.pendingChartFrames;
    this.pendingChartFrames = [];
    const queries = this.queryClient.getQueryCache().findAll({ queryKey: liveQueries.allSeries() });
    for (const query of queries) {
      const [, kind, id, metric, range] = query.queryKey as ReturnType<typeof liveQueries.series>['queryKey'];
      const series = query.state.data as ChartSeries | undefined;
      if (!series || !RANGE_SPECS[range]?.liveTail) continue;
      let next = series;
      for (const frame of frames) {
        const value = (kind === 'site' ? frame.sites : frame.links)[id]?.[metric];
        if (value !== undefined) next = appendSample(next, frame.at, value, RANGE_SPECS[range].rangeMs);
      }
      if (next !== series) this.queryClient.setQueryData(query.queryKey, next);
    }
  }

  private telemetryArrived(frames: LiveBatch['frames']): void {
    for (const f of frames) {
      const last = this.frameTimes[this.frameTimes.length - 1];
      if (last === undefined || f.at > last) this.frameTimes.push(f.at);
    }
    if (this.frameTimes.length > FRAME_TIMES_KEPT) this.frameTimes.splice(0, this.frameTimes.length - FRAME_TIMES_KEPT);
    const now = this.now();
    this.setConnection({ lastTelemetryAt: now, tickMs: estimateTickMs(this.frameTimes) });
    // Data flows although the BFF said its control plane was down: that has changed, ask again.
    if (this.connection.upstreamDown && now - this.upstreamCheckAt >= SNAPSHOT_RETRY_MS) {
      this.upstreamCheckAt = now;
      this.options.onCheckStatus?.('fresh');
    }
  }

  /** (Re)loads the snapshot; events applied meanwhile are replayed over it when they are newer. */
  private loadSnapshot(force = false): Promise<void> {
    if (this.snapshotLoad) return this.snapshotLoad;
    const options = liveQueries.snapshot();
    this.replay = [];
    const load = (force ? this.queryClient.fetchQuery({ ...options, staleTime: 0 }) : this.queryClient.fetchQuery(options))
      .then((state) => {
        const newer = eventsAfter(this.replay ?? [], state.lastEventId);
        if (state.lastEventId > this.lastSeenId) this.lastSeenId = state.lastEventId;
        if (newer.length > 0) this.queryClient.setQueryData<LiveState>(options.queryKey, (s) => (s ? applyBatch(s, toBatch(newer)) : s));
        this.options.onResumed?.();
      })
      .catch(() => {
        this.snapshotFailedAt = this.now();
      })
      .finally(() => {
        this.snapshotLoad = undefined;
        this.replay = undefined;
      });
    this.snapshotLoad = load;
    return load;
  }

  private streamState(state: SseState): void {
    const reopened = state === 'open' && this.connection.everOpened;
    this.setConnection({ stream: state, ...(state === 'open' ? { everOpened: true, openedAt: this.now() } : {}) });
    if (reopened) this.options.onCheckStatus?.('reconnected');
  }

  private setConnection(patch: Partial<LiveConnection>): void {
    this.connection = { ...this.connection, ...patch };
    this.refreshFreshness();
  }

  private refreshFreshness(): void {
    const now = this.now();
    const next = describeFreshness(this.connection, now);
    clearTimeout(this.staleTimer);
    if (next.kind === 'live') this.staleTimer = setTimeout(() => this.refreshFreshness(), msUntilStale(this.connection, now));
    const before = this.freshness;
    if (next.kind === before.kind && next.message === before.message) return;
    this.freshness = next;
    if (next.kind === 'stale' && before.kind !== 'stale') this.options.onCheckStatus?.('stale');
    if (next.kind === 'live' && before.kind === 'stale') {
      this.options.onCheckStatus?.('fresh');
      this.options.onResumed?.();
    }
    for (const listener of this.listeners) listener();
  }
}

function toBatch(events: readonly Pending[]): LiveBatch {
  const batch = emptyBatch();
  for (const e of events) {
    if (e.kind === 'frame') batch.frames.push(e.frame);
    else if (e.kind === 'health') batch.health.push(e.health);
    else batch.faults.push(e.fault);
    if (e.id > batch.lastEventId) batch.lastEventId = e.id;
  }
  return batch;
}
