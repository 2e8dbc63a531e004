import { z } from 'zod';
import { AckRequestSchema, AlertFilterSchema, AlertListSchema, AlertRuleListSchema, AlertSchema, SilenceCreateSchema, SilenceListSchema, SilenceSchema } from '@corridor/shared';
import type { AlertService } from '../services/alert-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface AlertRouteDeps {
  alerts: AlertService;
}

const route = apiRoute<AlertRouteDeps>();
const IdParam = { id: { schema: z.string().min(1).max(100), what: 'id' } };

/** Alerts, their acknowledgement, silences and the rules: NOC readers read them, operators acknowledge and silence. They change by the second: never cached. */
export const alertRoutes = [
  route({
    method: 'get',
    path: '/alerts',
    access: 'noc:read',
    tag: 'alerts',
    summary: 'Alerts: open ones and those resolved in the last 24 h',
    description:
      'Pending and firing alerts, and those resolved in the last 24 hours, from every control plane: open before resolved, worst severity first (critical, major, minor, info), then the oldest first. Each alert says who acknowledged it, the silences that match it now (`silencedBy`), whether its site or link is in maintenance, and the delivery of its last notification.',
    request: {
      query: {
        schema: AlertFilterSchema,
        what: 'alert filter',
        notes: {
          state: 'Only alerts in this state (`pending`, `firing`, `resolved`).',
          severity: 'Only alerts of this severity.',
          site: 'Only alerts on this site.',
          link: 'Only alerts on this link.',
        },
      },
    },
    responses: { 200: { description: 'The alerts.', body: AlertListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ query, res, deps }) => {
      noStore(res);
      return deps.alerts.list(query);
    },
  }),
  route({
    method: 'post',
    path: '/alerts/:id/ack',
    access: 'noc:operate',
    tag: 'alerts',
    summary: 'Acknowledge an alert',
    description:
      'Records who acknowledged it, their comment and, with `etaMinutes`, when they expect it fixed. It stops the alert from escalating; it is not a silence (notifications still go out) and it ends with the alert: a new episode starts unacknowledged.',
    request: { params: IdParam, body: { schema: AckRequestSchema, what: 'acknowledgement' } },
    responses: { 200: { description: 'The alert, acknowledged.', body: AlertSchema } },
    errors: [404, 409, ...UPSTREAM_ERRORS],
    handler: ({ params, body, res, deps }) => {
      noStore(res);
      return deps.alerts.ack(params.id, body);
    },
  }),
  route({
    method: 'get',
    path: '/silences',
    access: 'noc:read',
    tag: 'alerts',
    summary: 'Silences: pending, active, and those over in the last 24 h',
    responses: { 200: { description: 'Newest first.', body: SilenceListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.alerts.listSilences();
    },
  }),
  route({
    method: 'post',
    path: '/silences',
    access: 'noc:operate',
    tag: 'alerts',
    summary: 'Silence alerts that match',
    description:
      'Holds back the notifications of the alerts that match every matcher given (rule, site, link, severity) from `startsAt` (default now) until `endsAt` or for `durationMinutes`. Silenced alerts are still evaluated and still record firing and resolved; the silence expires by itself.',
    request: { body: { schema: SilenceCreateSchema, what: 'silence' } },
    responses: { 201: { description: 'The silence.', body: SilenceSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ body, res, deps }) => {
      noStore(res);
      return deps.alerts.createSilence(body);
    },
  }),
  route({
    method: 'delete',
    path: '/silences/:id',
    access: 'noc:operate',
    tag: 'alerts',
    summary: 'End a silence now',
    request: { params: IdParam },
    responses: { 200: { description: 'The silence, expired (one already over is answered as it is).', body: SilenceSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, res, deps }) => {
      noStore(res);
      return deps.alerts.expireSilence(params.id);
    },
  }),
  route({
    method: 'get',
    path: '/alert-rules',
    access: 'noc:read',
    tag: 'alerts',
    summary: 'The alert rules',
    description: 'The rules of data/alerts/*.yaml (checked when the control plane starts), each with its condition in words, `for`, severity, summary template, runbook and escalation delay.',
    responses: { 200: { description: 'Every rule.', body: AlertRuleListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.alerts.rules();
    },
  }),
];
