import { ErrorBodySchema, type ErrorCode, type FieldIssue } from '@corridor/shared';
import type { z } from 'zod';
import { translate } from './i18n/runtime.ts';

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
  /** How long the server asks to wait before trying again (a 429's Retry-After), in seconds. */
  readonly retryAfterS?: number;

  constructor(init: { status: number; code: ApiErrorCode; message: string; fields?: FieldIssue[]; requestId?: string; body?: unknown; retryAfterS?: number }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.requestId = init.requestId;
    this.body = init.body;
    this.retryAfterS = init.retryAfterS;
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
  /** The login call: its 401 means wrong credentials, not a session that ended (no trip to the login page). */
  signingIn?: boolean;
}

/** The console's login page; it takes `returnTo` (where to go once signed in) and `error` (from the OIDC callback). */
export const LOGIN_PATH = '/login';

/** The login page's address, coming back to `returnTo` (a path and query of the console) once signed in. */
export const loginHref = (returnTo: string): string => (returnTo === '/' ? LOGIN_PATH : `${LOGIN_PATH}?returnTo=${encodeURIComponent(returnTo)}`);

/**
 * The session ended (expired, signed out elsewhere): send the person to the login page, and back here
 * afterwards. Never from the login page itself (no loop); calls failing together all ask for the same
 * address. `replace`: Back from the login page should not land on a page that sends there again.
 */
function leaveForLogin(): void {
  if (window.location.pathname === LOGIN_PATH) return;
  window.location.replace(loginHref(`${window.location.pathname}${window.location.search}`));
}

/** Retry-After in seconds, whether given as a number of seconds or as an HTTP date. */
function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
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
 * Writes carry the CSRF header; every failure becomes an ApiError. A 401 means the session ended:
 * the page leaves for the login page (except on the login call itself).
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
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate('common.error.network') });
  }

  const body = await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && !options.signingIn) leaveForLogin();
    const retryAfterS = retryAfterSeconds(response);
    const parsed = ErrorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, fields, requestId } = parsed.data.error;
      throw new ApiError({ status: response.status, code, message, fields, requestId, body, retryAfterS });
    }
    throw new ApiError({
      status: response.status,
      code: codeForStatus(response.status),
      message: translate('common.error.httpStatus', { method, path, status: String(response.status) }),
      body,
      retryAfterS,
    });
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'INVALID_RESPONSE', message: translate('common.error.invalidResponse', { path }) });
  }
  return parsed.data;
}

/** GET a JSON resource and parse it with its schema. */
export const apiGet = <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) => apiRequest(path, schema, { signal });
