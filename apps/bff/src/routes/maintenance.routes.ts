import { z } from 'zod';
import {
  DrainCreateSchema,
  DrainPlanSchema,
  DrainSchema,
  IdSchema,
  MaintenanceCreateSchema,
  MaintenanceFilterSchema,
  MaintenanceListSchema,
  MaintenanceWindowSchema,
  SiteHealthSchema,
} from '@corridor/shared';
import type { MaintenanceService } from '../services/maintenance-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface MaintenanceRouteDeps {
  maintenance: MaintenanceService;
}

const route = apiRoute<MaintenanceRouteDeps>();
const IdParam = { id: { schema: z.string().min(1).max(100), what: 'id' } };

/**
 * Maintenance windows and drains: NOC readers follow them, operators schedule, delete, plan and drain,
 * and confirm a site down (or withdraw it). Never cached.
 */
export const maintenanceRoutes = [
  route({
    method: 'get',
    path: '/maintenance',
    access: 'noc:read',
    tag: 'maintenance',
    summary: 'Maintenance windows',
    description:
      'Windows on sites and links, earliest start first. Each says whether it is in force now (`active`), its occurrence in force or next (`current`; a weekly window repeats every 7 days from `startsAt`), and the IANA zone of its site (`timeZone`) for showing its times in the site’s local time beside the viewer’s. Times are ISO 8601 in UTC.',
    request: {
      query: {
        schema: MaintenanceFilterSchema,
        what: 'maintenance filter',
        notes: { site: 'Only windows on this site.', link: 'Only windows on this link.', active: '`true`: only those in force now; `false`: only those not.' },
      },
    },
    responses: { 200: { description: 'The windows.', body: MaintenanceListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ query, res, deps }) => {
      noStore(res);
      return deps.maintenance.list(query);
    },
  }),
  route({
    method: 'post',
    path: '/maintenance',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Schedule a maintenance window on a site or a link',
    description:
      'While the window is in force the site is declared `maintenance`: placement rejects it (`SITE_NOT_OPERATIONAL`, "in maintenance until …"), its alerts are recorded but not notified, and its workloads stay until an operator drains them. A weekly window must last less than 7 days. Recorded in the audit log and on the timeline with the acting user.',
    request: { body: { schema: MaintenanceCreateSchema, what: 'maintenance window' } },
    responses: { 201: { description: 'The window.', body: MaintenanceWindowSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ body, res, deps }) => {
      noStore(res);
      return deps.maintenance.schedule(body);
    },
  }),
  route({
    method: 'delete',
    path: '/maintenance/:id',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Delete a maintenance window',
    description: 'In force or not, the window is gone at once: its site is operational again. Audited.',
    request: { params: IdParam },
    responses: { 200: { description: 'The window as it was.', body: MaintenanceWindowSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.maintenance.delete(params.id);
    },
  }),
  route({
    method: 'post',
    path: '/sites/:id/drain-plan',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Plan a drain of a site (dry run: nothing moves)',
    description:
      'For every placed or running workload of the site: its best lawful destination with its score and the next ones (`alternatives`), or — when there is none — every site’s reasons with their margins; and the effect on each destination’s free GPUs, counting the plan’s earlier moves. Kept until `expiresAt` for `POST /api/drains`.',
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 201: { description: 'The plan.', body: DrainPlanSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.maintenance.planDrain(params.id);
    },
  }),
  route({
    method: 'post',
    path: '/drains',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Execute a drain plan',
    description:
      'Reserves the plan’s moves as one batch (no destination is ever booked past its capacity, whatever runs at once); each workload goes `migrating` → `running` at its destination; a move that no longer fits is planned again; a workload with nowhere lawful to go stays and raises a critical alert saying why. A plan runs once (409 after), and not after it expires (409).',
    request: { body: { schema: DrainCreateSchema, what: 'drain' } },
    responses: { 201: { description: 'The drain, under way: follow it with `GET /api/drains/{id}`.', body: DrainSchema } },
    errors: [404, 409, ...UPSTREAM_ERRORS],
    handler: ({ body, res, deps }) => {
      noStore(res);
      return deps.maintenance.execute(body.planId);
    },
  }),
  route({
    method: 'get',
    path: '/drains/:id',
    access: 'noc:read',
    tag: 'maintenance',
    summary: 'A drain’s progress',
    description:
      'Each item’s state (`pending`, `migrating`, `moved`, `blocked`, `failed`), from → to, and why every blocked or failed item is; the deadline (the next window’s start when the drain precedes one).',
    request: { params: IdParam },
    responses: { 200: { description: 'The drain.', body: DrainSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.maintenance.drain(params.id);
    },
  }),
  route({
    method: 'post',
    path: '/sites/:id/confirm-down',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Confirm a site down',
    description:
      'An operator’s confirmation that the site is down, whatever its telemetry says: it reads `down` everywhere ("confirmed down by …" as its reason, on the live stream and in every view), and its workloads are re-placed elsewhere as for an observed site-down (never on `no-data` alone otherwise). Kept across restarts until withdrawn. Recorded in the audit log and on the timeline with the acting user; confirming again changes nothing.',
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 200: { description: 'The site’s health: down, confirmed by the acting user.', body: SiteHealthSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.maintenance.confirmDown(params.id, 'POST');
    },
  }),
  route({
    method: 'delete',
    path: '/sites/:id/confirm-down',
    access: 'noc:operate',
    tag: 'maintenance',
    summary: 'Withdraw the confirmation that a site is down',
    description:
      'The site’s own evidence (telemetry, faults) speaks again; workloads already moved stay where they are. Audited and on the timeline; withdrawing what is not confirmed changes nothing.',
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 200: { description: 'The site’s health without the confirmation.', body: SiteHealthSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.maintenance.confirmDown(params.id, 'DELETE');
    },
  }),
];
