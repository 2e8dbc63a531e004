import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  ConflictError,
  ForbiddenError,
  InputError,
  InternalError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  type HttpError,
} from './errors.ts';
import { z } from 'zod';
import { ErrorBodySchema, toFieldIssues } from './schemas/error.ts';

describe('typed errors', () => {
  const cases: [HttpError, number, string][] = [
    [new InputError('bad'), 400, 'BAD_REQUEST'],
    [new UnauthorizedError('who are you'), 401, 'UNAUTHORIZED'],
    [new ForbiddenError('not you'), 403, 'FORBIDDEN'],
    [new NotFoundError('gone'), 404, 'NOT_FOUND'],
    [new MethodNotAllowedError('not that way', ['GET']), 405, 'METHOD_NOT_ALLOWED'],
    [new ConflictError('taken'), 409, 'CONFLICT'],
    [new PayloadTooLargeError('too big'), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnsupportedMediaTypeError('not JSON'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new TooManyRequestsError('slow down', 30), 429, 'TOO_MANY_REQUESTS'],
    [new InternalError(), 500, 'INTERNAL'],
    [new BadGatewayError('malformed'), 502, 'BAD_GATEWAY'],
    [new ServiceUnavailableError('down'), 503, 'UPSTREAM_UNAVAILABLE'],
  ];

  it.each(cases)('%s answers its status with the code that matches it', (error, status, code) => {
    expect(error.status).toBe(status);
    const body = ErrorBodySchema.parse(error.toBody('req-1'));
    expect(body.error).toMatchObject({ code, message: error.message, requestId: 'req-1' });
  });

  it('names the refused part of a request in a 403', () => {
    const body = new ForbiddenError('tenant must be your own', [{ field: 'tenant', message: 'must be your own' }]).toBody();
    expect(body.error.fields).toEqual([{ field: 'tenant', message: 'must be your own' }]);
  });

  it('carries what the Retry-After and Allow headers say', () => {
    expect(new TooManyRequestsError('slow down', 30).retryAfterSeconds).toBe(30);
    expect(new MethodNotAllowedError('no', ['GET', 'HEAD']).allowedMethods).toEqual(['GET', 'HEAD']);
  });
});

describe('field issues', () => {
  it('carry what kind of problem each is, for a client to say it in its own language', () => {
    const Body = z.strictObject({ name: z.string().min(3), share: z.number().gt(0), email: z.email(), count: z.number(), mode: z.enum(['a', 'b']) });
    const parsed = Body.safeParse({ name: 'ab', share: 0, email: 'nope', count: 'x', mode: 'c', extra: true });
    expect(toFieldIssues(parsed.error!)).toEqual([
      { field: 'name', message: expect.any(String), code: 'too_small', minimum: 3, inclusive: true, origin: 'string' },
      { field: 'share', message: expect.any(String), code: 'too_small', minimum: 0, inclusive: false, origin: 'number' },
      { field: 'email', message: expect.any(String), code: 'invalid_format', format: 'email', origin: 'string' },
      { field: 'count', message: expect.any(String), code: 'invalid_type', expected: 'number' },
      { field: 'mode', message: expect.any(String), code: 'invalid_value' },
      { field: '(root)', message: expect.any(String), code: 'unrecognized_keys' },
    ]);
  });
});
