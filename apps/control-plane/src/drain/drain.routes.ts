import { DrainCreateSchema, DrainPlanSchema, DrainSchema, IdSchema } from '@corridor/shared';
import { z } from 'zod';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { DrainService } from './drain-service.ts';

export interface DrainRouteDeps {
  drains: DrainService;
}

const route = v1Route<DrainRouteDeps>();

/** Drains: an operator plans one (dry run) and executes it by the plan's id; NOC readers follow its progress. */
export const drainRoutes = [
  route({
    method: 'post',
    path: '/sites/:id/drain-plan',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: "Plan a drain of the site (dry run): each workload's lawful destination, or why there is none",
    request: { params: { id: { schema: IdSchema, what: 'site id' } } },
    responses: { 201: { description: 'The plan, kept for execution until `expiresAt`.', body: DrainPlanSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.drains.plan(params.id, actingAs(req).actor),
  }),
  route({
    method: 'post',
    path: '/drains',
    access: personWith('noc:operate'),
    tag: 'maintenance',
    summary: 'Execute a drain plan: its moves reserved as one batch',
    request: { body: { schema: DrainCreateSchema, what: 'drain' } },
    responses: { 201: { description: 'The drain, under way: follow it with GET /drains/{id}.', body: DrainSchema } },
    errors: [404, 409],
    handler: ({ body, req, deps }) => deps.drains.execute(body.planId, actingAs(req).actor),
  }),
  route({
    method: 'get',
    path: '/drains/:id',
    access: personWith('noc:read'),
    tag: 'maintenance',
    summary: 'A drain: progress, deadline, and why each blocked item is blocked',
    request: { params: { id: { schema: z.string().min(1).max(100), what: 'drain id' } } },
    responses: { 200: { description: 'The drain.', body: DrainSchema } },
    errors: [404],
    handler: ({ params, deps }) => deps.drains.get(params.id),
  }),
];
