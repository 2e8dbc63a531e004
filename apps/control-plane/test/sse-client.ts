import { SseParser, type SseMessage } from '@corridor/shared';

/** An SSE reader for tests: collects events from a streaming fetch until told to stop. */
export type ReceivedEvent = SseMessage;

export function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: ReceivedEvent[] = [];
  const waiters: { predicate: (e: ReceivedEvent[]) => boolean; resolve: () => void }[] = [];
  const parser = new SseParser({
    onMessage(message) {
      events.push(message);
      for (const w of [...waiters]) {
        if (!w.predicate(events)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
  });
  const done = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.push(chunk);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return {
    events,
    /** Resolves when the received events satisfy `predicate`; rejects after `timeoutMs`. */
    until(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
      if (predicate(events)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stream condition not met in ${timeoutMs} ms; got ${events.length} events`)), timeoutMs);
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async close() {
      controller.abort();
      await done.catch(() => {});
    },
  };
}
