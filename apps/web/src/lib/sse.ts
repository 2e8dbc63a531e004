/** Where an event stream stands: opening (or the browser reconnecting), open, or closed for good until we retry. */
export type SseState = 'connecting' | 'open' | 'closed';

/** One named event as it arrived: its raw data and the id the server gave it (empty when it gave none). */
export interface SseMessage {
  type: string;
  data: string;
  lastEventId: string;
}

export interface SseOptions {
  /** The stream's URL; asked again on every new connection, so it can carry `?lastEventId=`. */
  url: () => string;
  /** Named events to listen to (SSE `event:`). */
  events: readonly string[];
  onMessage: (message: SseMessage) => void;
  onStateChange?: (state: SseState) => void;
  /** Delay before a new EventSource once the browser gave up (it retries by itself while it can). */
  retryDelayMs?: (attempt: number) => number;
  /** Tests pass a fake. */
  EventSourceImpl?: new (url: string, init?: EventSourceInit) => EventSource;
}

export interface SseConnection {
  state(): SseState;
  close(): void;
}

/** EventSource.CLOSED (read as a number: fakes in tests need not define it). */
const CLOSED = 2;

/** 1 s, 2 s, 4 s … up to 30 s, with ±20 % jitter so many consoles do not come back in step. */
export const defaultRetryDelayMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)) * (0.8 + Math.random() * 0.4);

/**
 * A same-origin EventSource kept alive: the browser reconnects by itself (sending Last-Event-ID) after a
 * dropped connection; when it gives up (an HTTP error, a wrong content type) a new one is opened after a
 * growing delay, at the URL `url()` gives then.
 */
export function openEventStream(options: SseOptions): SseConnection {
  const Impl = options.EventSourceImpl ?? EventSource;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelayMs;
  let source: EventSource | undefined;
  let state: SseState = 'connecting';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setState = (next: SseState) => {
    if (next === state) return;
    state = next;
    options.onStateChange?.(next);
  };

  const onEvent = (event: Event) => {
    const message = event as MessageEvent<string>;
    options.onMessage({ type: message.type, data: message.data, lastEventId: message.lastEventId });
  };

  const connect = () => {
    retryTimer = undefined;
    if (closed) return;
    const es = new Impl(options.url(), { withCredentials: false });
    source = es;
    for (const type of options.events) es.addEventListener(type, onEvent);
    es.onopen = () => {
      attempt = 0;
      setState('open');
    };
    es.onerror = () => {
      if (closed || source !== es) return;
      if (es.readyState === CLOSED) {
        es.close();
        source = undefined;
        setState('closed');
        retryTimer = setTimeout(connect, retryDelay(attempt++));
      } else {
        // The browser is reconnecting by itself.
        setState('connecting');
      }
    };
  };

  connect();
  return {
    state: () => state,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      source = undefined;
    },
  };
}
