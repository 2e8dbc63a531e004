import { LiveSnapshotSchema, type StreamEvent } from '@corridor/shared';
import { FLEET_READ, v1Route } from '../auth/route-access.ts';
import type { EventBus } from './event-bus.ts';
import type { LiveState } from './live-state.ts';

const HEARTBEAT_MS = 15_000;

export interface StreamRouteDeps {
  bus: EventBus;
  live: LiveState;
}

const route = v1Route<StreamRouteDeps>();

function formatEvent(event: StreamEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Parses a Last-Event-ID (header or ?lastEventId); absent or malformed → undefined (start from now). */
function lastEventIdOf(header: string | undefined, query: unknown): number | undefined {
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || !/^\d{1,16}$/.test(raw)) return undefined;
  return Number(raw);
}

/** The live state: a snapshot to start from, then server-sent events after it. */
export const streamRoutes = [
  route({
    method: 'get',
    path: '/live',
    access: FLEET_READ,
    tag: 'live',
    summary: 'The live state, as of its last event id',
    responses: { 200: { description: 'The latest value of every metric per site and link, observed health and faults.', body: LiveSnapshotSchema } },
    handler: ({ res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.live.snapshot();
    },
  }),
  route({
    method: 'get',
    path: '/stream',
    access: FLEET_READ,
    tag: 'live',
    summary: 'Server-sent events: replays what a resuming client missed, or tells it to resync, then follows',
    description: 'Resumes after `Last-Event-ID` (or `?lastEventId=`); an id too old for the replay buffer gets a `resync` event.',
    responses: { 200: { description: 'An endless event stream.', contentType: 'text/event-stream' } },
    handler: ({ req, res, deps: { bus } }) => {
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
    },
  }),
];
