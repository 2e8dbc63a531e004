import { Router } from 'express';
import { requirePermission } from '../identity/authorize.ts';
import type { LiveStream } from '../stream/live-stream.ts';

/**
 * The console's live data: `GET /api/live` (the snapshot to load first), `GET /api/stream` (SSE, resumable
 * with Last-Event-ID) and `GET /api/stream/stats` (the fan-out's counters, for operators and benchmarks).
 */
export function streamRoutes({ live }: { live: LiveStream }): Router {
  const router = Router();
  const read = requirePermission('fleet:read');
  router.get('/live', read, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await live.snapshot());
  });
  router.get('/stream', read, (req, res) => {
    live.attach(req, res);
  });
  router.get('/stream/stats', read, (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(live.stats());
  });
  return router;
}
