import { formatClock } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import type { SseState } from '../../../lib/sse.ts';

/** Simulator tick assumed until the stream has shown its own. */
export const DEFAULT_TICK_MS = 5000;
/** Silence allowed beyond three ticks before the data is called stale (network and processing slack). */
const STALE_SLACK_MS = 5000;
const MIN_TICK_MS = 250;

/** What the console knows about its live feed, as the stale badge reads it. */
export interface LiveConnection {
  stream: SseState;
  /** The stream has been open at least once (before that the console is still connecting). */
  everOpened: boolean;
  /** Wall-clock ms when the last telemetry event arrived. */
  lastTelemetryAt?: number;
  /** Wall-clock ms when the stream last opened. */
  openedAt?: number;
  /** Typical ms between telemetry frames, measured from the frames themselves. */
  tickMs: number;
  /** The BFF said its link to a control plane is down (a `status` event). */
  upstreamDown: boolean;
}

export type Freshness = { kind: 'connecting'; message: string } | { kind: 'live'; message: string } | { kind: 'stale'; reason: 'stream' | 'upstream' | 'silence'; message: string };

/** More than three ticks without telemetry is stale: 20 s at the default 5 s tick. */
export const staleAfterMs = (tickMs: number): number => 3 * tickMs + STALE_SLACK_MS;

/**
 * The typical interval between frames: the median of the gaps between successive distinct frame
 * instants, ignoring gaps under a quarter second (frames of several control planes at one tick).
 */
export function estimateTickMs(frameTimes: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < frameTimes.length; i++) {
    const gap = frameTimes[i]! - frameTimes[i - 1]!;
    if (gap >= MIN_TICK_MS) gaps.push(gap);
  }
  if (gaps.length === 0) return DEFAULT_TICK_MS;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/**
 * A freshness whose message is read in the language in force each time it is shown: the live client
 * keeps one until the feed changes, and the language may change in between.
 */
function said<F extends { kind: Freshness['kind'] }>(state: F, text: () => string): F & { readonly message: string } {
  return {
    ...state,
    get message() {
      return text();
    },
  };
}

/** Whether the figures on screen are live, and if not, why — in the words the badge shows. */
export function describeFreshness(c: LiveConnection, nowMs: number): Freshness {
  if (!c.everOpened && c.stream !== 'open') return said({ kind: 'connecting' }, () => translate('live.fresh.connecting'));
  if (c.stream !== 'open') return said({ kind: 'stale', reason: 'stream' }, () => translate('live.fresh.streamDown'));
  if (c.upstreamDown) return said({ kind: 'stale', reason: 'upstream' }, () => translate('live.fresh.upstreamDown'));
  const since = c.lastTelemetryAt ?? c.openedAt ?? nowMs;
  if (nowMs - since > staleAfterMs(c.tickMs)) {
    const last = c.lastTelemetryAt;
    return said({ kind: 'stale', reason: 'silence' }, () => (last === undefined ? translate('live.fresh.noTelemetry') : translate('live.fresh.silentSince', { time: formatClock(last) })));
  }
  return said({ kind: 'live' }, () => translate('live.fresh.live'));
}

/** Ms from `nowMs` until the data turns stale if nothing arrives (0 when it already is). */
export function msUntilStale(c: LiveConnection, nowMs: number): number {
  const since = c.lastTelemetryAt ?? c.openedAt ?? nowMs;
  return Math.max(0, since + staleAfterMs(c.tickMs) - nowMs + 1);
}
