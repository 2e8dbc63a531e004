import { Router, type Request, type Response } from 'express';
import { IdSchema, NotFoundError } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import type { FleetService } from './fleet-service.ts';

/** Answers 304 when the caller already holds this fleet version; otherwise sets the ETag. */
function fresh(req: Request, res: Response, version: string): boolean {
  const etag = `"${version}"`;
  res.set('ETag', etag);
  res.set('Cache-Control', 'no-cache');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return true;
  }
  return false;
}

export function fleetRoutes({ fleet }: { fleet: FleetService }): Router {
  const router = Router();

  router.get('/sites', async (req, res) => {
    const view = await fleet.current();
    if (!fresh(req, res, view.version)) res.type('json').send(view.json('sites', () => ({ sites: view.sites })));
  });

  router.get('/sites/:id', async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'site id');
    const view = await fleet.current();
    const detail = view.siteById.get(id);
    if (!detail) throw new NotFoundError(`no site "${id}"`);
    if (!fresh(req, res, view.version)) res.type('json').send(view.json(`site:${id}`, () => detail));
  });

  router.get('/links', async (req, res) => {
    const view = await fleet.current();
    if (!fresh(req, res, view.version)) res.type('json').send(view.json('links', () => ({ links: view.links })));
  });

  router.get('/fleet/summary', async (req, res) => {
    const view = await fleet.current();
    if (!fresh(req, res, view.version)) res.type('json').send(view.json('summary', () => view.summary));
  });

  return router;
}
