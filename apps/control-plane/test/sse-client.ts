/** A minimal SSE reader for tests: collects events from a streaming fetch until told to stop. */
export interface ReceivedEvent {
  id?: string;
  event: string;
  data: string;
}

export function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: ReceivedEvent[] = [];
  const waiters: { predicate: (e: ReceivedEvent[]) => boolean; resolve: () => void }[] = [];
  const done = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ReceivedEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') {
              event.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (hasData) events.push(event);
          for (const w of [...waiters]) if (w.predicate(events)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        }
      }
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
