import { IdSchema, LinkSeriesQuerySchema, SeriesSchema, SiteSeriesQuerySchema } from '@corridor/shared';
import type { SeriesService } from '../services/series-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface TelemetryRouteDeps {
  series: SeriesService;
}

const route = apiRoute<TelemetryRouteDeps>();

const SERIES_NOTES = {
  metric: "A metric name from the catalogue (docs/metrics.md) of the entity's scope.",
  from: 'Start: ISO 8601 date-time with offset or epoch ms; default `to` − 1 h.',
  to: 'End: same forms; default now.',
  step: 'Width of one point: ms, or a whole number with a unit (30s, 5m, 1h, 1d); default: the smallest step within 2,000 points.',
};

/** `GET /api/sites/:id/series` and `/api/links/:id/series`: the control plane's parameters, checked here first. */
export const telemetryRoutes = [
  route({
    method: 'get',
    path: '/sites/:id/series',
    access: 'fleet:read',
    tag: 'telemetry',
    summary: "A site metric's history",
    description: 'The server picks raw, 1-minute or 1-hour data from the range and step.',
    request: { params: { id: { schema: IdSchema, what: 'site id' } }, query: { schema: SiteSeriesQuerySchema, what: 'series query', notes: SERIES_NOTES } },
    responses: { 200: { description: 'The series.', body: SeriesSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, query, res, deps }) => {
      noStore(res);
      return deps.series.series('site', params.id, query);
    },
  }),
  route({
    method: 'get',
    path: '/links/:id/series',
    access: 'fleet:read',
    tag: 'telemetry',
    summary: "A link metric's history",
    request: { params: { id: { schema: IdSchema, what: 'link id' } }, query: { schema: LinkSeriesQuerySchema, what: 'series query', notes: SERIES_NOTES } },
    responses: { 200: { description: 'The series.', body: SeriesSchema } },
    errors: [404, ...UPSTREAM_ERRORS],
    handler: ({ params, query, res, deps }) => {
      noStore(res);
      return deps.series.series('link', params.id, query);
    },
  }),
];
