import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { IdSchema, InputError, LinkSeriesQuerySchema, PayloadTooLargeError, SeriesSchema, SiteSeriesQuerySchema, TELEMETRY_LIMITS, UnsupportedMediaTypeError } from '@corridor/shared';
import { FLEET_READ, MACHINE, v1Route } from '../auth/route-access.ts';
import { OtlpEnvelopeSchema } from './otlp.ts';
import { isProtobufRequest, protobufBody, sendProtobufAnswer, sendStatus } from './otlp-body.ts';
import type { SeriesService } from './series-service.ts';
import type { TelemetryIngest } from './telemetry-ingest.ts';

export interface TelemetryRouteDeps {
  /** The one ingest path, shared with the simulator. */
  ingest: TelemetryIngest;
  series: SeriesService;
}

const route = v1Route<TelemetryRouteDeps>();

const MAX_BYTES = TELEMETRY_LIMITS.maxBodyBytes;
const MAX_POINTS = TELEMETRY_LIMITS.maxSamplesPerBatch;

/** 415 unless the body is declared JSON (`what` names the endpoint's formats in the message); a protobuf body read already passes. */
function requireJson(what: string): RequestHandler {
  return (req, res, next) => {
    if (isProtobufRequest(res)) return next();
    const type = req.get('content-type') ?? 'none';
    if (type.split(';')[0]!.trim().toLowerCase() === 'application/json') return next();
    next(new UnsupportedMediaTypeError(`Content-Type must be ${what}; got ${type}`));
  };
}

/**
 * The telemetry endpoints' own JSON parser, with their larger limit and a 413 that says what the limit
 * is; the routes declare it as their body parser, so the app's smaller general limit never applies.
 */
const jsonBody: RequestHandler = (() => {
  const parse = express.json({ limit: MAX_BYTES, strict: false });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const e = error as { type?: string; length?: number } | undefined;
      if (e?.type === 'entity.too.large') {
        const size = e.length ? `request body is ${e.length} bytes` : 'request body is too large';
        next(new PayloadTooLargeError(`${size}; the limit is ${MAX_BYTES} bytes (about ${MAX_POINTS} samples): split it into smaller batches`));
      } else if (e?.type === 'encoding.unsupported') next(new UnsupportedMediaTypeError(`Content-Encoding ${req.get('content-encoding')} is not supported: send identity or gzip`));
      else next(error);
    });
})();

/** 400 for a body that is JSON but not an object (`message` says what the endpoint reads), before its schema names fields in it. */
function requireObject(message: string): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) next(new InputError(message, [{ field: '(body)', message: 'must be a JSON object' }]));
    else next();
  };
}

/** 413 for a batch of more samples than one request may hold, whatever their shape. */
const sampleLimit: RequestHandler = (req, _res, next) => {
  const items = (req.body as { samples?: unknown }).samples;
  if (Array.isArray(items) && items.length > MAX_POINTS) next(new PayloadTooLargeError(`a batch holds at most ${MAX_POINTS} samples; this one has ${items.length}: split it`));
  else next();
};

const BatchShapeSchema = z.strictObject({
  samples: z.array(z.unknown(), { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of samples') }).min(1, 'must hold at least one sample'),
});

const seriesQuery = (schema: typeof SiteSeriesQuerySchema) => ({ schema, what: 'series query' });

/** Telemetry in (a JSON batch, OTLP/HTTP JSON), machine work only; and each site's and link's history out. */
export const telemetryRoutes = [
  route({
    method: 'post',
    path: '/telemetry',
    access: MACHINE,
    tag: 'telemetry',
    summary: 'Ingest a batch of samples: `{ samples: Sample[] }`',
    description: 'Each sample is judged on its own: the answer counts those accepted and duplicates, and says why each rejected one was.',
    bodyParser: [requireJson('application/json (a { "samples": [...] } batch)'), jsonBody, requireObject('invalid telemetry batch: the body must be a JSON object { "samples": [...] }'), sampleLimit],
    request: { body: { schema: BatchShapeSchema, what: 'telemetry batch' } },
    responses: { 200: { description: '`{ accepted, duplicates, rejected: [{ index, reason }] }`.' } },
    errors: [413, 415],
    handler: ({ body, deps }) => deps.ingest.ingestBatch(body.samples),
  }),
  route({
    method: 'post',
    path: '/metrics',
    access: MACHINE,
    tag: 'telemetry',
    summary: 'Ingest OTLP/HTTP metrics (an ExportMetricsServiceRequest), JSON or protobuf, plain or gzip',
    description: 'Answers an ExportMetricsServiceResponse in the encoding of the request, with `partialSuccess` when points were rejected; errors of a protobuf request are a google.rpc.Status.',
    bodyParser: [
      protobufBody,
      requireJson('application/json or application/x-protobuf (OTLP/HTTP)'),
      jsonBody,
      requireObject('invalid OTLP request: the body must be a JSON ExportMetricsServiceRequest object'),
    ],
    request: { body: { schema: OtlpEnvelopeSchema, what: 'OTLP ExportMetricsServiceRequest' } },
    responses: { 200: { description: '`{}`, or `{ partialSuccess: { rejectedDataPoints, errorMessage } }`.' } },
    errors: [413, 415],
    handler: async ({ body: envelope, res, deps }) => {
      const points = countPoints(envelope);
      if (points > MAX_POINTS) {
        const tooMany = `a request holds at most ${MAX_POINTS} data points; this one has ${points}: lower the exporter's batch size`;
        if (!isProtobufRequest(res)) throw new PayloadTooLargeError(tooMany);
        return sendStatus(res, 413, tooMany);
      }
      const { total, rejected } = await deps.ingest.ingestOtlp(envelope);
      let answer = {};
      if (rejected.length > 0) {
        const shown = rejected.slice(0, 10).map((r) => `${r.path} (${r.name.slice(0, 80)}): ${r.reason}`);
        const more = rejected.length > shown.length ? `; … and ${rejected.length - shown.length} more` : '';
        answer = { partialSuccess: { rejectedDataPoints: String(rejected.length), errorMessage: `${rejected.length} of ${total} data points rejected: ${shown.join('; ')}${more}` } };
      }
      if (!isProtobufRequest(res)) return answer;
      sendProtobufAnswer(res, answer);
    },
  }),
  route({
    method: 'get',
    path: '/sites/:id/series',
    access: FLEET_READ,
    tag: 'telemetry',
    summary: "A site metric's history",
    request: { params: { id: { schema: IdSchema, what: 'site id' } }, query: seriesQuery(SiteSeriesQuerySchema) },
    responses: { 200: { description: 'The series.', body: SeriesSchema } },
    errors: [404],
    handler: ({ params, query, res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.series.read('site', params.id, query);
    },
  }),
  route({
    method: 'get',
    path: '/links/:id/series',
    access: FLEET_READ,
    tag: 'telemetry',
    summary: "A link metric's history",
    request: { params: { id: { schema: IdSchema, what: 'link id' } }, query: seriesQuery(LinkSeriesQuerySchema) },
    responses: { 200: { description: 'The series.', body: SeriesSchema } },
    errors: [404],
    handler: ({ params, query, res, deps }) => {
      res.set('Cache-Control', 'no-store');
      return deps.series.read('link', params.id, query);
    },
  }),
];

function countPoints(envelope: z.infer<typeof OtlpEnvelopeSchema>): number {
  let n = 0;
  for (const rm of envelope.resourceMetrics ?? [])
    for (const sm of rm.scopeMetrics ?? [])
      for (const m of sm.metrics ?? []) for (const kind of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const) n += m[kind]?.dataPoints?.length ?? 0;
  return n;
}
