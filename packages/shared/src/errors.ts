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

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'NOT_FOUND', message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
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
