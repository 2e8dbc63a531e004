import { z } from 'zod';
import { TimelinePageSchema, TimelineQuerySchema } from '@corridor/shared';
import { CSV_MAX_EVENTS, type TimelineService } from '../services/timeline-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface TimelineRouteDeps {
  timeline: TimelineService;
}

const route = apiRoute<TimelineRouteDeps>();

const FILTER_NOTES = {
  kind: 'Only events of this kind (`alert`, `ack`, `silence`, `fault`, `health`, `maintenance`, `drain`, `migration`, `commit`, `release`).',
  site: 'Only events of this site.',
  link: 'Only events of this link.',
  workload: 'Only events of this workload.',
  from: 'Only events at or after this time (ISO 8601 with offset).',
  to: 'Only events before this time (ISO 8601 with offset).',
  before: 'Only events with a lower id (the previous page’s `nextBefore`).',
};

/** The export's query: the list's filters, and as many events as one export holds. */
const TimelineCsvQuerySchema = TimelineQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(CSV_MAX_EVENTS).default(CSV_MAX_EVENTS) });

/** The NOC's timeline: a page of it, and the same filters as CSV. A tenant user gets its own workloads' events only. */
export const timelineRoutes = [
  route({
    method: 'get',
    path: '/events',
    access: 'timeline:read',
    tag: 'timeline',
    summary: 'The timeline, newest first',
    description: 'Alerts, acknowledgements, silences, faults, health changes, maintenance, drains, migrations, commits and releases. A tenant user gets only the events of its own workloads.',
    request: { query: { schema: TimelineQuerySchema, what: 'timeline query', notes: { ...FILTER_NOTES, limit: 'Events in one page (1–1000, default 200).' } } },
    responses: { 200: { description: 'A page of events; `nextBefore` when older ones remain.', body: TimelinePageSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ query, res, deps }) => {
      noStore(res);
      return deps.timeline.list(query);
    },
  }),
  route({
    method: 'get',
    path: '/events.csv',
    access: 'timeline:read',
    tag: 'timeline',
    summary: 'The timeline as CSV',
    description: `The events the filters select, newest first, as RFC 4180 CSV (a text cell starting with = + - @ is prefixed with ' so no spreadsheet runs it). At most ${CSV_MAX_EVENTS} rows; when more remain, the \`X-Next-Before\` header says where the next export starts.`,
    request: { query: { schema: TimelineCsvQuerySchema, what: 'timeline query', notes: { ...FILTER_NOTES, limit: `Rows at most (1–${CSV_MAX_EVENTS}, default ${CSV_MAX_EVENTS}).` } } },
    responses: {
      200: {
        description: 'Columns id, at, kind, site, link, workload, tenant, actor, summary, detail (JSON).',
        contentType: 'text/csv',
        body: { type: 'string' },
      },
    },
    errors: UPSTREAM_ERRORS,
    handler: async ({ query, res, deps }) => {
      const csv = await deps.timeline.csv(query);
      noStore(res);
      res.set('Content-Disposition', 'attachment; filename="corridor-events.csv"');
      if (csv.nextBefore !== undefined) res.set('X-Next-Before', String(csv.nextBefore));
      res.type('text/csv; charset=utf-8').send(csv.text);
    },
  }),
];
