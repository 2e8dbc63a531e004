import { Router } from 'express';
import type { StreamEvent } from '@corridor/shared';
import type { EventBus } from './event-bus.ts';
import type { LiveState } from './live-state.ts';

const HEARTBEAT_MS = 15_000;

export function formatEvent(event: StreamEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Parses a Last-Event-ID (header or ?lastEventId); absent or malformed → undefined (start from now). */
function lastEventIdOf(header: string | undefined, query: unknown): number | undefined {
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || !/^\d{1,16}$/.test(raw)) return undefined;
  return Number(raw);
}

export function streamRoutes({ bus, live }: { bus: EventBus; live: LiveState }): Router {
  const router = Router();

  router.get('/live', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(live.snapshot());
  });

  /** Server-sent events: replays what a resuming client missed, or tells it to resync, then follows. */
  router.get('/stream', (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const lastId = lastEventIdOf(req.get('last-event-id'), req.query.lastEventId);
    if (lastId !== undefined) {
      const missed = bus.since(lastId);
      if (missed === undefined) res.write(`event: resync\ndata: ${JSON.stringify({ lastEventId: bus.lastId })}\n\n`);
      else for (const event of missed) res.write(formatEvent(event));
    }
    const unsubscribe = bus.subscribe((event) => res.write(formatEvent(event)));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  return router;
}
