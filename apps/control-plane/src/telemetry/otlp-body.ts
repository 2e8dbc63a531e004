import express, { type RequestHandler, type Response } from 'express';
import { TELEMETRY_LIMITS } from '@corridor/shared';
import { OtlpEnvelopeSchema } from './otlp.ts';
import { decodeMetricsRequest, encodeMetricsResponse, encodeStatus } from './otlp-proto.ts';

/**
 * OTLP/HTTP protobuf for `POST /v1/metrics`: `application/x-protobuf`, plain or with `Content-Encoding:
 * gzip` (or deflate), the default of the Collector's otlphttp exporter and of most SDKs. The body is
 * decoded into the object the JSON encoding parses to, and the route goes on as for JSON; the answer
 * and every error are protobuf too (an ExportMetricsServiceResponse, a google.rpc.Status), as the OTLP
 * spec asks of a server answering a protobuf request.
 */

const PROTOBUF = 'application/x-protobuf';
const MAX_BYTES = TELEMETRY_LIMITS.maxBodyBytes;
/** gRPC codes a google.rpc.Status carries. */
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;

export const isProtobufRequest = (res: Response): boolean => res.locals.otlpProtobuf === true;

/** Sends an error as google.rpc.Status (protobuf). */
export function sendStatus(res: Response, httpStatus: number, message: string): void {
  const code = httpStatus === 413 ? RESOURCE_EXHAUSTED : INVALID_ARGUMENT;
  res
    .status(httpStatus)
    .type(PROTOBUF)
    .send(Buffer.from(encodeStatus(code, message)));
}

/** Sends the ExportMetricsServiceResponse the JSON path would have answered, as protobuf. */
export function sendProtobufAnswer(res: Response, body: { partialSuccess?: { rejectedDataPoints: string; errorMessage: string } }): void {
  res
    .status(200)
    .type(PROTOBUF)
    .send(Buffer.from(encodeMetricsResponse(body)));
}

/**
 * Reads a protobuf body (any other content type passes on to the JSON parsers). The limit counts the
 * inflated bytes, so a small gzip bomb gets 413 like a large body; an encoding other than identity,
 * gzip or deflate gets 415.
 */
export const protobufBody: RequestHandler = (() => {
  const raw = express.raw({ type: () => true, limit: MAX_BYTES });
  return (req, res, next) => {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== PROTOBUF) return next();
    res.locals.otlpProtobuf = true;
    raw(req, res, (error?: unknown) => {
      const e = error as { type?: string; status?: number } | undefined;
      if (e?.type === 'entity.too.large') return sendStatus(res, 413, `request body (inflated) is over the limit of ${MAX_BYTES} bytes: lower the exporter's batch size`);
      if (e?.type === 'encoding.unsupported') return sendStatus(res, 415, `Content-Encoding ${req.get('content-encoding')} is not supported: send identity or gzip`);
      if (error) return sendStatus(res, 400, 'the request body could not be read (a truncated or corrupt gzip stream?)');
      let decoded: unknown;
      try {
        decoded = decodeMetricsRequest(Buffer.isBuffer(req.body) ? req.body : new Uint8Array());
      } catch (decodeError) {
        return sendStatus(res, 400, `invalid OTLP request: not a protobuf ExportMetricsServiceRequest (${(decodeError as Error).message})`);
      }
      const envelope = OtlpEnvelopeSchema.safeParse(decoded);
      if (!envelope.success) {
        return sendStatus(res, 400, `invalid OTLP ExportMetricsServiceRequest: ${envelope.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      }
      req.body = envelope.data;
      next();
    });
  };
})();
