import { TimelinePageSchema, TimelineQuerySchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { TimelineService } from './timeline-service.ts';

export interface TimelineRouteDeps {
  timeline: TimelineService;
}

const route = v1Route<TimelineRouteDeps>();

/** The NOC's timeline, read for a person: a tenant user gets the events of its own workloads only. */
export const timelineRoutes = [
  route({
    method: 'get',
    path: '/events',
    access: personWith('timeline:read'),
    tag: 'timeline',
    summary: 'The timeline, newest first',
    request: { query: { schema: TimelineQuerySchema, what: 'timeline query' } },
    responses: { 200: { description: 'A page of events.', body: TimelinePageSchema } },
    handler: ({ query, req, res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.timeline.list(query, actingAs(req));
    },
  }),
];
