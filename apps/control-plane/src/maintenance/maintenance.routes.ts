import { MaintenanceCreateSchema, MaintenanceFilterSchema, MaintenanceListSchema, MaintenanceWindowSchema } from '@corridor/shared';
import { z } from 'zod';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { MaintenanceService } from './maintenance-service.ts';

export interface MaintenanceRouteDeps {
  maintenance: MaintenanceService;
}

const route = v1Route<MaintenanceRouteDeps>();

/** Maintenance windows: NOC readers list them; operators schedule and delete them (the acting user is recorded). */
export const maintenanceRoutes = [
  route({
    method: 'get',
    path: '/maintenance',
    access: personWith('noc:read'),
    tag: 'maintenance',
    summary: 'Maintenance windows, filtered by site, link, in force now',
    request: { query: { schema: MaintenanceFilterSchema, what: 'maintenance filter' } },
    responses: { 200: { description: 'The windows, earliest start first, each with its site’s time zone.', body: MaintenanceListSchema } },
    handler: async ({ query, deps }) => ({
      windows: await deps.maintenance.list({
        ...(query.site !== undefined ? { site: query.site } : {}),
        ...(query.link !== undefined ? { link: query.link } : {}),
        ...(query.active !== undefined ? { active: query.active === 'true' } : {}),
      }),
    }),
  }),
  route({
    method: 'post',
    path: '/maintenance',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: 'Schedule a maintenance window on a site or a link',
    request: { body: { schema: MaintenanceCreateSchema, what: 'maintenance window' } },
    responses: { 201: { description: 'The window; while in force its site is in maintenance.', body: MaintenanceWindowSchema } },
    handler: ({ body, req, deps }) => deps.maintenance.create(body, actingAs(req).actor),
  }),
  route({
    method: 'delete',
    path: '/maintenance/:id',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: 'Delete a maintenance window (its site is operational again at once)',
    request: { params: { id: { schema: z.string().min(1).max(100), what: 'window id' } } },
    responses: { 200: { description: 'The window as it was.', body: MaintenanceWindowSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.maintenance.delete(params.id, actingAs(req).actor),
  }),
];
