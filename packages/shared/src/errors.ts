import type { ErrorBody, ErrorCode, FieldIssue } from './schemas/error.ts';

/** An error that knows its HTTP status and its place in the one error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(requestId?: string): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...(requestId ? { requestId } : {}) } };
  }
}

export class InputError extends HttpError {
  constructor(message: string, fields?: FieldIssue[]) {
    super(400, 'BAD_REQUEST', message, fields);
  }
}

/** 401: the caller is not known (no credential, or one that does not hold). */
export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, 'UNAUTHORIZED', message);
  }
}

/** 403: the caller is known and not allowed; `fields` names the part of the request refused (e.g. `tenant`). */
export class ForbiddenError extends HttpError {
  constructor(message: string, fields?: FieldIssue[]) {
    super(403, 'FORBIDDEN', message, fields);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'NOT_FOUND', message);
  }
}

/** 405: the path is known, the method is not; `allowedMethods` is what the `Allow` header lists. */
export class MethodNotAllowedError extends HttpError {
  constructor(
    message: string,
    readonly allowedMethods: readonly string[],
  ) {
    super(405, 'METHOD_NOT_ALLOWED', message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(message: string) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

/** 415: the body is not in a format the endpoint reads. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** 429: slow down; `retryAfterSeconds` is what the `Retry-After` header says. */
export class TooManyRequestsError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'TOO_MANY_REQUESTS', message);
  }
}

/** 500: a fault of our own; the message is for the log, the body says only this. */
export class InternalError extends HttpError {
  constructor(message = 'internal error') {
    super(500, 'INTERNAL', message);
  }
}

export class BadGatewayError extends HttpError {
  constructor(message: string) {
    super(502, 'BAD_GATEWAY', message);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'UPSTREAM_UNAVAILABLE', message);
  }
}

/** Says what went wrong with a request body in one sentence naming every bad field. */
export function describeFieldIssues(what: string, fields: FieldIssue[]): string {
  return `${what}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`;
}
