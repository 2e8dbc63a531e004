import type { Request } from 'express';
import { z } from 'zod';
import { LiveSnapshotSchema } from '@corridor/shared';
import type { LiveStream } from '../stream/live-stream.ts';
import { apiRoute, UPSTREAM_ERRORS } from './api-route.ts';

/** How often an open stream checks that its session or token still holds. */
export const SIGN_IN_RECHECK_MS = 15_000;

export interface StreamRouteDeps {
  live: LiveStream;
  /** Whether the request's session or API token still holds (it may end while the stream is open). */
  stillSignedIn: (req: Request) => Promise<boolean>;
  /** SIGN_IN_RECHECK_MS, shorter in tests. */
  streamRecheckMs: number;
}

const route = apiRoute<StreamRouteDeps>();

/** An event id as the stream numbers them; anything else starts the stream from now rather than failing it. */
const EventIdSchema = z
  .string()
  .regex(/^\d{1,16}$/)
  .optional()
  .catch(undefined);

/**
 * The console's live data: `GET /api/live` (the snapshot to load first), `GET /api/stream` (SSE, resumable
 * with Last-Event-ID) and `GET /api/stream/stats` (the fan-out's counters, for operators and benchmarks).
 */
export const streamRoutes = [
  route({
    method: 'get',
    path: '/live',
    access: 'fleet:read',
    tag: 'live',
    summary: 'The live state, as of `lastEventId`',
    description: 'Load this first, then follow `/api/stream` with `Last-Event-ID: <lastEventId>`.',
    responses: { 200: { description: 'The latest value of every metric per site and link, observed health and faults.', body: LiveSnapshotSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.live.snapshot();
    },
  }),
  route({
    method: 'get',
    path: '/stream',
    access: 'fleet:read',
    tag: 'live',
    summary: 'Server-sent events after a given id',
    description:
      'Events `telemetry`, `site-health`, `fault`, `alert` and `timeline` (each `data:` is the `data` of a `StreamEvent`), `status` (a `ConsoleStatus`) and `resync` (the id is too old: load `/api/live` again). A tenant user is sent no `alert` and only the `timeline` events of its own workloads; the other roles get every event.',
    request: {
      query: {
        schema: z.object({ lastEventId: EventIdSchema }),
        what: 'stream query',
        notes: { lastEventId: 'Resume after this id on a first connection (browsers resend it as the Last-Event-ID header).' },
      },
      headers: { 'Last-Event-ID': { schema: EventIdSchema, what: 'Last-Event-ID header', description: 'Resume after this id.' } },
    },
    responses: {
      200: {
        description: 'An endless event stream.',
        contentType: 'text/event-stream',
        // contentSchema describes each event the text holds (OpenAPI 3.1 has no itemSchema yet).
        body: { type: 'string', contentMediaType: 'text/event-stream', contentSchema: { $ref: '#/components/schemas/StreamEvent' } },
      },
    },
    handler: ({ req, res, deps }) => {
      deps.live.attach(req, res);
      // A stream outlives the request that opened it: one whose person signed out, was disabled or whose
      // session ran out is closed (the console's reconnect then meets the 401 and goes to the login page).
      const timer = setInterval(() => {
        deps
          .stillSignedIn(req)
          .then((ok) => {
            if (!ok) res.end();
          })
          .catch(() => res.end());
      }, deps.streamRecheckMs);
      timer.unref();
      res.on('close', () => clearInterval(timer));
    },
  }),
  route({
    method: 'get',
    path: '/stream/stats',
    access: 'fleet:read',
    tag: 'live',
    summary: "The stream fan-out's counters",
    responses: { 200: { description: 'Browsers connected, events relayed, resyncs, slow browsers dropped, and each upstream subscription.', body: { type: 'object' } } },
    handler: ({ res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.live.stats();
    },
  }),
];
