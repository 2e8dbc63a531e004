import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  HttpError,
  IdSchema,
  InputError,
  LinkSeriesQuerySchema,
  METRICS,
  NotFoundError,
  SiteSeriesQuerySchema,
  TELEMETRY_LIMITS,
  type Sample,
  type Series,
} from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import { OtlpEnvelopeSchema } from './otlp.ts';
import { planSeries } from './series-plan.ts';
import { TelemetryIngest } from './telemetry-ingest.ts';
import type { EntityKind, TelemetryStore } from './telemetry-store.ts';

export interface TelemetryRoutesDeps {
  telemetry: TelemetryStore;
  live: { publishSamples(samples: readonly Sample[]): void };
  /** The receiver's clock (future-skew and retention checks, default series window). */
  now?: () => number;
}

const MAX_BYTES = TELEMETRY_LIMITS.maxBodyBytes;
const MAX_POINTS = TELEMETRY_LIMITS.maxSamplesPerBatch;
const tooLarge = (what: string) => new HttpError(413, 'PAYLOAD_TOO_LARGE', what);

/** 415 unless the body is declared JSON (`what` names the endpoint's format in the message). */
function requireJson(what: string): RequestHandler {
  return (req, _res, next) => {
    const type = req.get('content-type') ?? 'none';
    if (type.split(';')[0]!.trim().toLowerCase() === 'application/json') return next();
    const protobuf = /protobuf/i.test(type) ? ' OTLP/HTTP protobuf is not supported: configure the exporter for http/json.' : '';
    next(new HttpError(415, 'BAD_REQUEST', `Content-Type must be application/json (${what}); got ${type}.${protobuf}`));
  };
}

/**
 * The telemetry endpoints' own JSON parser, with their larger limit and a 413 that says what the limit
 * is. Mount these routes before the app's general JSON parser, which would otherwise refuse their
 * bodies at its own, smaller limit.
 */
const jsonBody: RequestHandler = (() => {
  const parse = express.json({ limit: MAX_BYTES, strict: false });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const e = error as { type?: string; length?: number } | undefined;
      if (e?.type === 'entity.too.large') {
        const size = e.length ? `request body is ${e.length} bytes` : 'request body is too large';
        next(tooLarge(`${size}; the limit is ${MAX_BYTES} bytes (about ${MAX_POINTS} samples): split it into smaller batches`));
      } else next(error);
    });
})();

const BatchShapeSchema = z.strictObject({
  samples: z.array(z.unknown(), { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of samples') }).min(1, 'must hold at least one sample'),
});

export function telemetryRoutes({ telemetry, live, now = Date.now }: TelemetryRoutesDeps): Router {
  const router = Router();
  const ingest = new TelemetryIngest(telemetry, live, now);

  /** JSON batch: `{ samples: Sample[] }` → `{ accepted, duplicates, rejected: [{ index, reason }] }`. */
  router.post('/telemetry', requireJson('a { "samples": [...] } batch'), jsonBody, async (req, res) => {
    if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      throw new InputError('invalid telemetry batch: the body must be a JSON object { "samples": [...] }', [{ field: '(body)', message: 'must be a JSON object' }]);
    }
    const items = (req.body as { samples?: unknown }).samples;
    if (Array.isArray(items) && items.length > MAX_POINTS) throw tooLarge(`a batch holds at most ${MAX_POINTS} samples; this one has ${items.length}: split it`);
    const { samples } = parseInput(BatchShapeSchema, req.body, 'telemetry batch');
    res.json(await ingest.ingestBatch(samples));
  });

  /** OTLP/HTTP JSON metrics: ExportMetricsServiceResponse, with partialSuccess when points were rejected. */
  router.post('/metrics', requireJson('OTLP/HTTP JSON'), jsonBody, async (req, res) => {
    if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      throw new InputError('invalid OTLP request: the body must be a JSON ExportMetricsServiceRequest object', [{ field: '(body)', message: 'must be a JSON object' }]);
    }
    const envelope = parseInput(OtlpEnvelopeSchema, req.body, 'OTLP ExportMetricsServiceRequest');
    const points = countPoints(envelope);
    if (points > MAX_POINTS) throw tooLarge(`a request holds at most ${MAX_POINTS} data points; this one has ${points}: lower the exporter's batch size`);
    const { total, rejected } = await ingest.ingestOtlp(envelope);
    if (rejected.length === 0) {
      res.json({});
      return;
    }
    const shown = rejected.slice(0, 10).map((r) => `${r.path} (${r.name.slice(0, 80)}): ${r.reason}`);
    const more = rejected.length > shown.length ? `; … and ${rejected.length - shown.length} more` : '';
    res.json({ partialSuccess: { rejectedDataPoints: String(rejected.length), errorMessage: `${rejected.length} of ${total} data points rejected: ${shown.join('; ')}${more}` } });
  });

  const seriesRoute = (kind: EntityKind, schema: typeof SiteSeriesQuerySchema): RequestHandler => async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, `${kind} id`);
    const query = parseInput(schema, req.query, 'series query');
    const plan = planSeries(query, now(), telemetry.retention);
    const buckets = await telemetry.series({ entityKind: kind, entityId: id, metric: query.metric, ...plan });
    if (!buckets) throw new NotFoundError(`no ${kind} "${id}"`);
    const spec = METRICS[query.metric];
    const counter = spec.kind === 'counter';
    const body: Series = {
      metric: query.metric,
      unit: spec.unit,
      kind: spec.kind,
      ...(kind === 'site' ? { siteId: id } : { linkId: id }),
      resolution: plan.resolution,
      stepMs: plan.stepMs,
      from: plan.fromMs,
      to: plan.toMs,
      points: buckets.map((b) => ({ t: b.t, avg: b.sum / b.count, min: b.min, max: b.max, last: b.last, ...(counter ? { sum: b.sum } : {}), count: b.count })),
    };
    res.set('Cache-Control', 'no-store');
    res.json(body);
  };
  router.get('/sites/:id/series', seriesRoute('site', SiteSeriesQuerySchema));
  router.get('/links/:id/series', seriesRoute('link', LinkSeriesQuerySchema));

  return router;
}

function countPoints(envelope: z.infer<typeof OtlpEnvelopeSchema>): number {
  let n = 0;
  for (const rm of envelope.resourceMetrics ?? [])
    for (const sm of rm.scopeMetrics ?? [])
      for (const m of sm.metrics ?? []) for (const kind of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const) n += m[kind]?.dataPoints?.length ?? 0;
  return n;
}
