import { ErrorBodySchema, type ErrorCode, type FieldIssue } from '@corridor/shared';
import type { z } from 'zod';

/** What went wrong with a call: a server error code, or one the client gives when there is no server answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'INVALID_RESPONSE';

/** A failed API call with the status, the stable code and the message the BFF sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields?: FieldIssue[];
  readonly requestId?: string;
  /** The error response's whole JSON body, for answers that carry more than the error (e.g. a 409 with a plan). */
  readonly body?: unknown;

  constructor(init: { status: number; code: ApiErrorCode; message: string; fields?: FieldIssue[]; requestId?: string; body?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.requestId = init.requestId;
    this.body = init.body;
  }
}

/** True when the error means the console or its control plane cannot be reached right now. */
export function isUnavailableError(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'NETWORK_ERROR' || error.status === 503);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
}

const codeForStatus = (status: number): ErrorCode => {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 502) return 'BAD_GATEWAY';
  if (status === 503 || status === 504) return 'UPSTREAM_UNAVAILABLE';
  return 'INTERNAL';
};

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls the BFF (same origin, session cookie) and parses the answer with the shared schema.
 * Writes carry the CSRF header; every failure becomes an ApiError.
 */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF'] = '1';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'The console server cannot be reached.' });
  }

  const body = await readJson(response);
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, fields, requestId } = parsed.data.error;
      throw new ApiError({ status: response.status, code, message, fields, requestId, body });
    }
    throw new ApiError({ status: response.status, code: codeForStatus(response.status), message: `${method} ${path} failed with HTTP ${response.status}.`, body });
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'INVALID_RESPONSE', message: `Unexpected response from ${path}.` });
  }
  return parsed.data;
}

/** GET a JSON resource and parse it with its schema. */
export const apiGet = <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) => apiRequest(path, schema, { signal });
