import { Router, type Request, type Response } from 'express';
import { IdSchema } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import { requirePermission } from '../identity/authorize.ts';
import type { FleetService, Presented } from '../services/fleet-service.ts';
import type { StatusService } from '../services/status-service.ts';

/** Revalidated with the ETag every time; `private`, since only a signed-in browser may hold a copy. */
function send(req: Request, res: Response, { body, etag }: Presented) {
  res.set('ETag', etag);
  res.set('Cache-Control', 'private, no-cache');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(body);
}

export function fleetRoutes({ fleet, status }: { fleet: FleetService; status: StatusService }): Router {
  const router = Router();
  const read = requirePermission('fleet:read');
  router.get('/sites', read, async (req, res) => send(req, res, await fleet.siteRows()));
  router.get('/sites/:id', read, async (req, res) => {
    res.json(await fleet.site(parseInput(IdSchema, req.params.id, 'site id')));
  });
  router.get('/links', read, async (req, res) => send(req, res, await fleet.links()));
  router.get('/fleet/summary', read, async (req, res) => send(req, res, await fleet.summary()));
  router.get('/status', read, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await status.current());
  });
  return router;
}
