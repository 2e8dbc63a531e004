import type { Request, Response } from 'express';
import { FleetSummarySchema, IdSchema, LinkListSchema, NotFoundError, SiteDetailSchema, SiteListSchema } from '@corridor/shared';
import { FLEET_READ, v1Route } from '../auth/route-access.ts';
import type { FleetService, FleetView } from './fleet-service.ts';

export interface FleetRouteDeps {
  fleet: FleetService;
}

const route = v1Route<FleetRouteDeps>();

/**
 * Sends one view of the fleet as of its version, or 304 when the caller already holds that version.
 * The body is serialised once per version and key (`view.json`), however many callers ask.
 */
function sendFresh(req: Request, res: Response, view: FleetView, key: string, make: () => unknown) {
  const etag = `"${view.version}"`;
  res.set('ETag', etag);
  res.set('Cache-Control', 'no-cache');
  if (req.get('if-none-match') === etag) res.status(304).end();
  else res.type('json').send(view.json(key, make));
}

const NOT_MODIFIED = { description: 'Not modified: the caller holds this fleet version already.' };

/** The fleet as loaded from its file: sites, one site, links, totals; each revalidated by fleet version. */
export const fleetRoutes = [
  route({
    method: 'get',
    path: '/sites',
    access: FLEET_READ,
    tag: 'fleet',
    summary: 'Every site of this control plane',
    responses: { 200: { description: 'The sites.', body: SiteListSchema }, 304: NOT_MODIFIED },
    handler: async ({ req, res, deps }) => {
      const view = await deps.fleet.current();
      sendFresh(req, res, view, 'sites', () => ({ sites: view.sites }));
    },
  }),
  route({
    method: 'get',
    path: '/sites/:id',
    access: FLEET_READ,
    tag: 'fleet',
    summary: 'One site with its links',
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 200: { description: 'The site.', body: SiteDetailSchema }, 304: NOT_MODIFIED },
    errors: [404],
    handler: async ({ params: { id }, req, res, deps }) => {
      const view = await deps.fleet.current();
      const detail = view.siteById.get(id);
      if (!detail) throw new NotFoundError(`no site "${id}"`);
      sendFresh(req, res, view, `site:${id}`, () => detail);
    },
  }),
  route({
    method: 'get',
    path: '/links',
    access: FLEET_READ,
    tag: 'fleet',
    summary: 'Links and cables with both ends resolved',
    responses: { 200: { description: 'The links.', body: LinkListSchema }, 304: NOT_MODIFIED },
    handler: async ({ req, res, deps }) => {
      const view = await deps.fleet.current();
      sendFresh(req, res, view, 'links', () => ({ links: view.links }));
    },
  }),
  route({
    method: 'get',
    path: '/fleet/summary',
    access: FLEET_READ,
    tag: 'fleet',
    summary: 'Sites by status, MW by stage, GPUs',
    responses: { 200: { description: 'The totals.', body: FleetSummarySchema }, 304: NOT_MODIFIED },
    handler: async ({ req, res, deps }) => {
      const view = await deps.fleet.current();
      sendFresh(req, res, view, 'summary', () => view.summary);
    },
  }),
];
