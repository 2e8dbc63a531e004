/** How hard a notification is pushed to a receiver that is down, failing or slow. */
export interface RetryPolicy {
  /** Tries per receiver, the first included (bounded: a receiver gone for good costs a few minutes, not forever). */
  maxAttempts: number;
  /** Wait before the second try; doubled before each next one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** One try's deadline: a receiver that accepts the connection and never answers is a failed try. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000 };

export type AttemptOutcome = { ok: true } | { ok: false; error: string; retryable: boolean };

/**
 * One POST of the JSON body. 2xx is delivered; 408, 429 and 5xx are worth another try (the receiver is
 * busy or broken for now), as are network errors and timeouts; any other 4xx will not change by trying again.
 */
export async function postOnce(url: string, body: string, timeoutMs: number, stop: AbortSignal): Promise<AttemptOutcome> {
  // A controller and a timer held here rather than AbortSignal.any([AbortSignal.timeout(…), stop]): on Node 20 a timeout
  // signal held only by a composed signal can be collected before it fires, and a receiver that never answers then holds
  // the try forever (seen in the full test suite, never alone).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onStop = () => controller.abort();
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'corridor-alert-notifier' },
      body,
      signal: controller.signal,
      redirect: 'error',
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return { ok: true };
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    return { ok: false, error: `HTTP ${res.status}`, retryable };
  } catch (error) {
    const e = error as Error;
    const what = timedOut ? `no answer within ${timeoutMs} ms` : ((e.cause as Error | undefined)?.message ?? e.message) || e.name;
    return { ok: false, error: what, retryable: !stop.aborted };
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}

/** The wait before try number `attempt + 1` (attempt ≥ 1): doubling from the base, capped, with ±20 % jitter so receivers coming back are not hit in step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const plain = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** Resolves after `ms`, or at once when `stop` aborts. */
export function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    stop.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Posts `body` to `url` until it is delivered, refused for good, tries run out or `stop` aborts;
 * `onAttempt` hears each try's outcome (the notifier reports progress from it).
 */
export async function deliver(url: string, body: string, policy: RetryPolicy, stop: AbortSignal, onAttempt: (outcome: AttemptOutcome) => void): Promise<AttemptOutcome> {
  let last: AttemptOutcome = { ok: false, error: 'not tried', retryable: false };
  for (let attempt = 1; attempt <= policy.maxAttempts && !stop.aborted; attempt++) {
    last = await postOnce(url, body, policy.timeoutMs, stop);
    onAttempt(last);
    if (last.ok || !last.retryable) return last;
    if (attempt < policy.maxAttempts) await pause(backoffMs(attempt, policy), stop);
  }
  return last;
}
