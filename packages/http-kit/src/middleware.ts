import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import {
  HttpError,
  InputError,
  InternalError,
  LONE_SURROGATE_MESSAGE,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  describeFieldIssues,
  findLoneSurrogate,
  toFieldIssues,
  type ErrorBody,
} from '@corridor/shared';
import type { Logger } from './logger.ts';

declare global {
  namespace Express {
    interface Request {
      /** Correlates logs and error bodies with one request. */
      id: string;
    }
  }
}

/** Gives each request an id (kept from X-Request-Id when a caller sends a sane one) and echoes it. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-Id', req.id);
    next();
  };
}

/** One line per finished request: 5xx at error, 4xx at info, the rest at debug. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error(entry, 'request failed');
      else if (res.statusCode >= 400) logger.info(entry, 'request rejected');
      else logger.debug(entry, 'request');
    });
    next();
  };
}

/** Any /api or /v1 path no route took: the one error body, never an HTML page. */
export function notFound(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`));
}

/** Maps typed errors (and body-parser's) to the one error body; logs 5xx with context. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const http = toHttpError(error);
    if (http.status >= 500) logger.error({ requestId: req.id, method: req.method, path: req.path, err: error }, http.message);
    if (res.headersSent) {
      res.end();
      return;
    }
    // A 429 always says when to try again: every route that can be busy gets it, none has to remember it.
    if (http instanceof TooManyRequestsError) res.set('Retry-After', String(http.retryAfterSeconds));
    const body: ErrorBody = http.toBody(req.id);
    res.status(http.status).json(body);
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError('request body is too large');
  if (e?.type === 'entity.parse.failed') return new InputError('request body is not valid JSON', [{ field: '(body)', message: 'invalid JSON' }]);
  if (e?.status === 404) return new NotFoundError('not found');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new InputError(e.message ?? 'bad request');
  return new InternalError();
}

/**
 * Parses a request part with a shared schema; a 400 naming every bad field otherwise. First, whatever
 * the schema: a 400 naming the string or key that holds an unpaired UTF-16 surrogate (text no store
 * can keep; the shared string schemas refuse it too, for parse sites that do not come through here).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const lone = findLoneSurrogate(value);
  if (lone) {
    const fields = [{ field: lone.map(String).join('.') || '(root)', message: LONE_SURROGATE_MESSAGE }];
    throw new InputError(describeFieldIssues(`invalid ${what}`, fields), fields);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = toFieldIssues(result.error);
    throw new InputError(describeFieldIssues(`invalid ${what}`, fields), fields);
  }
  return result.data;
}
