import { Router, type RequestHandler } from 'express';
import { IdSchema, LinkSeriesQuerySchema, NotFoundError, SeriesSchema, SiteSeriesQuerySchema, seriesSearchParams, type Series, type SeriesQuery } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import { requirePermission } from '../identity/authorize.ts';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';

type Entity = 'site' | 'link';

/**
 * A series from whichever control plane owns the site or link (each holds only its own sites'
 * telemetry): asked of all in parallel, the first answer wins; 404 only when every one says 404.
 */
async function fetchSeries(clients: readonly ControlPlaneClient[], entity: Entity, id: string, query: SeriesQuery): Promise<Series> {
  const path = `/v1/${entity}s/${encodeURIComponent(id)}/series?${seriesSearchParams(query)}`;
  const answers = await Promise.allSettled(clients.map((c) => c.get(path, SeriesSchema)));
  for (const a of answers) if (a.status === 'fulfilled' && a.value) return a.value.data;
  const failure = answers.map((a) => (a.status === 'rejected' ? a.reason : undefined)).find((e) => e !== undefined && !(e instanceof NotFoundError));
  throw failure ?? new NotFoundError(`no ${entity} "${id}"`);
}

/** `GET /api/sites/:id/series` and `/api/links/:id/series`: the control plane's parameters, checked here first. */
export function telemetryRoutes({ clients }: { clients: readonly ControlPlaneClient[] }): Router {
  const router = Router();
  const route = (entity: Entity, schema: typeof SiteSeriesQuerySchema): RequestHandler => async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, `${entity} id`);
    const query = parseInput(schema, req.query, 'series query');
    const series = await fetchSeries(clients, entity, id, query);
    res.set('Cache-Control', 'no-store');
    res.json(series);
  };
  router.get('/sites/:id/series', requirePermission('fleet:read'), route('site', SiteSeriesQuerySchema));
  router.get('/links/:id/series', requirePermission('fleet:read'), route('link', LinkSeriesQuerySchema));
  return router;
}
