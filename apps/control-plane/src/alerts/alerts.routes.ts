import { z } from 'zod';
import { AckRequestSchema, AlertFilterSchema, AlertListSchema, AlertRuleListSchema, AlertSchema, SilenceCreateSchema, SilenceListSchema, SilenceSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import { ruleView } from './alert-rules.ts';
import type { AlertService } from './alert-service.ts';

export interface AlertRouteDeps {
  alerts: AlertService;
}

const route = v1Route<AlertRouteDeps>();
const IdParam = { id: { schema: z.string().min(1).max(100), what: 'id' } };

/** Alerts, their acknowledgement, silences and the rules: read with noc:read, changed with noc:operate (the acting user is the audit's actor). */
export const alertRoutes = [
  route({
    method: 'get',
    path: '/alerts',
    access: personWith('noc:read'),
    tag: 'alerts',
    summary: 'Alerts: open ones and those resolved in the last 24 h',
    request: { query: { schema: AlertFilterSchema, what: 'alert filter' } },
    responses: { 200: { description: 'Open before resolved, worst severity first, oldest first.', body: AlertListSchema } },
    handler: async ({ query, deps }) => ({ alerts: await deps.alerts.list(query) }),
  }),
  route({
    method: 'post',
    path: '/alerts/:id/ack',
    access: personWith('noc:operate'),
    tag: 'alerts',
    summary: 'Acknowledge an alert',
    request: { params: IdParam, body: { schema: AckRequestSchema, what: 'acknowledgement' } },
    responses: { 200: { description: 'The alert, acknowledged.', body: AlertSchema } },
    errors: [404, 409],
    handler: ({ params, body, req, deps }) => deps.alerts.ack(params.id, body, actingAs(req).actor),
  }),
  route({
    method: 'get',
    path: '/silences',
    access: personWith('noc:read'),
    tag: 'alerts',
    summary: 'Silences: pending, active, and those over in the last 24 h',
    responses: { 200: { description: 'Newest first.', body: SilenceListSchema } },
    handler: async ({ deps }) => ({ silences: await deps.alerts.listSilences() }),
  }),
  route({
    method: 'post',
    path: '/silences',
    access: personWith('noc:operate'),
    tag: 'alerts',
    summary: 'Silence alerts that match',
    request: { body: { schema: SilenceCreateSchema, what: 'silence' } },
    responses: { 201: { description: 'The silence.', body: SilenceSchema } },
    handler: ({ body, req, deps }) => deps.alerts.createSilence(body, actingAs(req).actor),
  }),
  route({
    method: 'delete',
    path: '/silences/:id',
    access: personWith('noc:operate'),
    tag: 'alerts',
    summary: 'End a silence now',
    request: { params: IdParam },
    responses: { 200: { description: 'The silence, expired.', body: SilenceSchema } },
    errors: [404],
    handler: ({ params, req, deps }) => deps.alerts.expireSilence(params.id, actingAs(req).actor),
  }),
  route({
    method: 'get',
    path: '/alert-rules',
    access: personWith('noc:read'),
    tag: 'alerts',
    summary: 'The alert rules (data/alerts/*.yaml)',
    responses: { 200: { description: 'Every rule, its condition in words.', body: AlertRuleListSchema } },
    handler: ({ deps }) => ({ rules: deps.alerts.rules.map(ruleView) }),
  }),
];
