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
import { ErrorBodySchema } from './schemas/error.ts';

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
