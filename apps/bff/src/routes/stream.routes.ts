import { Router, type Request } from 'express';
import { requirePermission } from '../identity/authorize.ts';
import type { LiveStream } from '../stream/live-stream.ts';

/** How often an open stream checks that its session or token still holds. */
export const SIGN_IN_RECHECK_MS = 15_000;

/**
 * The console's live data: `GET /api/live` (the snapshot to load first), `GET /api/stream` (SSE, resumable
 * with Last-Event-ID) and `GET /api/stream/stats` (the fan-out's counters, for operators and benchmarks).
 */
export function streamRoutes({
  live,
  stillSignedIn,
  recheckMs = SIGN_IN_RECHECK_MS,
}: {
  live: LiveStream;
  /** Whether the request's session or API token still holds (it may end while the stream is open). */
  stillSignedIn: (req: Request) => Promise<boolean>;
  recheckMs?: number;
}): Router {
  const router = Router();
  const read = requirePermission('fleet:read');
  router.get('/live', read, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await live.snapshot());
  });
  router.get('/stream', read, (req, res) => {
    live.attach(req, res);
    // A stream outlives the request that opened it: one whose person signed out, was disabled or whose
    // session ran out is closed (the console's reconnect then meets the 401 and goes to the login page).
    const timer = setInterval(() => {
      stillSignedIn(req)
        .then((ok) => {
          if (!ok) res.end();
        })
        .catch(() => res.end());
    }, recheckMs);
    timer.unref();
    res.on('close', () => clearInterval(timer));
  });
  router.get('/stream/stats', read, (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(live.stats());
  });
  return router;
}
