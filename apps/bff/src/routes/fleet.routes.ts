import type { Request, Response } from 'express';
import { ConsoleStatusSchema, FleetSummarySchema, IdSchema, LinkListSchema, SiteDetailSchema, SiteRowListSchema } from '@corridor/shared';
import type { FleetService, Presented } from '../services/fleet-service.ts';
import type { StatusService } from '../services/status-service.ts';
import { apiRoute, UPSTREAM_ERRORS } from './api-route.ts';

export interface FleetRouteDeps {
  fleet: FleetService;
  status: StatusService;
}

const route = apiRoute<FleetRouteDeps>();

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

const NOT_MODIFIED = { description: 'Not modified: the copy named by If-None-Match is current.' };

/** Sites, links and totals, federated over every control plane; the lists answer 304 to a current ETag. */
export const fleetRoutes = [
  route({
    method: 'get',
    path: '/sites',
    access: 'fleet:read',
    tag: 'fleet',
    summary: 'Every site as a list row',
    responses: { 200: { description: 'The sites.', body: SiteRowListSchema }, 304: NOT_MODIFIED },
    errors: UPSTREAM_ERRORS,
    handler: async ({ req, res, deps }) => send(req, res, await deps.fleet.siteRows()),
  }),
  route({
    method: 'get',
    path: '/sites/:id',
    access: 'fleet:read',
    tag: 'fleet',
    summary: 'One site with its clusters, certifications and links',
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 200: { description: 'The site.', body: SiteDetailSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, deps }) => deps.fleet.site(params.id),
  }),
  route({
    method: 'get',
    path: '/links',
    access: 'fleet:read',
    tag: 'fleet',
    summary: 'Links and cables with both ends resolved',
    responses: { 200: { description: 'The links.', body: LinkListSchema }, 304: NOT_MODIFIED },
    errors: UPSTREAM_ERRORS,
    handler: async ({ req, res, deps }) => send(req, res, await deps.fleet.links()),
  }),
  route({
    method: 'get',
    path: '/fleet/summary',
    access: 'fleet:read',
    tag: 'fleet',
    summary: 'Sites by status, MW by stage, GPUs',
    responses: { 200: { description: 'The totals.', body: FleetSummarySchema }, 304: NOT_MODIFIED },
    errors: UPSTREAM_ERRORS,
    handler: async ({ req, res, deps }) => send(req, res, await deps.fleet.summary()),
  }),
  route({
    method: 'get',
    path: '/status',
    access: 'fleet:read',
    tag: 'meta',
    summary: 'Whether each control plane and the live stream answer',
    responses: { 200: { description: 'The console status (also sent as a `status` event on the stream).', body: ConsoleStatusSchema } },
    handler: ({ res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.status.current();
    },
  }),
];
