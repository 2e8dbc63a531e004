import { Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';
import { BadGatewayError, ErrorBodySchema, HttpError, LIMITS, NotFoundError, ServiceUnavailableError } from '@corridor/shared';

export interface ClientOptions {
  /** Name used in messages and logs, e.g. "control plane MA". */
  name: string;
  url: string;
  /** Whole-request budget, retries included; the caller answers 503 once it is spent. */
  timeoutMs?: number;
}

/** A validated upstream answer, with the validator the caller can use for a conditional request next time. */
export interface Fetched<T> {
  data: T;
  etag?: string;
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * HTTP client of one control plane: a keep-alive connection pool, a deadline per call, one retry of an
 * idempotent read on a refused or reset connection, every body parsed with the shared schema, and
 * failures mapped to the BFF's typed errors (unreachable or slow → 503, malformed → 502).
 */
export class ControlPlaneClient {
  readonly name: string;
  readonly url: string;
  private readonly pool: Pool;
  private readonly timeoutMs: number;

  constructor({ name, url, timeoutMs = LIMITS.upstreamTimeoutMs }: ClientOptions) {
    this.name = name;
    this.url = url.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.pool = new Pool(this.url, { connections: 32, pipelining: 1, keepAliveTimeout: 30_000, connectTimeout: Math.min(1000, timeoutMs) });
  }

  /** GET a path and parse it; with `etag`, a 304 answers `undefined` (the caller's copy is current). */
  async get<S extends z.ZodType>(path: string, schema: S, etag?: string): Promise<Fetched<z.infer<S>> | undefined> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      try {
        return await this.once(path, schema, etag, Math.max(remaining, 1));
      } catch (error) {
        const code = (error as { code?: string }).code;
        const retry = attempt === 0 && code !== undefined && RETRYABLE.has(code) && deadline - Date.now() > 200;
        if (!retry) throw this.mapError(error, path);
      }
    }
  }

  private async once<S extends z.ZodType>(path: string, schema: S, etag: string | undefined, budgetMs: number) {
    const res = await this.pool.request({
      path,
      method: 'GET',
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
      headersTimeout: budgetMs,
      bodyTimeout: budgetMs,
      signal: AbortSignal.timeout(budgetMs),
    });
    if (res.statusCode === 304) {
      await res.body.dump();
      return undefined;
    }
    const text = await res.body.text();
    if (res.statusCode >= 400) throw this.errorFromStatus(res.statusCode, text, path);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadGatewayError(`${this.name} answered ${path} with a body that is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new BadGatewayError(`${this.name} answered ${path} with a malformed body (${first?.path.join('.') || 'body'}: ${first?.message})`);
    }
    const responseEtag = res.headers.etag;
    return { data: parsed.data, ...(typeof responseEtag === 'string' ? { etag: responseEtag } : {}) };
  }

  private errorFromStatus(status: number, text: string, path: string): HttpError {
    const body = safeErrorBody(text);
    if (status === 404) return new NotFoundError(body?.error.message ?? `${path} not found`);
    if (status === 503) return new ServiceUnavailableError(`${this.name} is not ready: ${body?.error.message ?? 'unavailable'}`);
    if (status < 500 && body) return new HttpError(status, body.error.code, body.error.message, body.error.fields);
    return new BadGatewayError(`${this.name} failed on ${path} (HTTP ${status})`);
  }

  private mapError(error: unknown, path: string): HttpError {
    if (error instanceof HttpError) return error;
    const e = error as { code?: string; name?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new ServiceUnavailableError(`${this.name} did not answer ${path} within ${this.timeoutMs} ms`);
    }
    return new ServiceUnavailableError(`${this.name} is unreachable (${e.code ?? e.name ?? 'connection failed'})`);
  }

  /** Liveness of the control plane and its store, for the console's status banner. */
  async probe(): Promise<{ ok: boolean; latencyMs: number | null; error?: string }> {
    const started = performance.now();
    try {
      const res = await this.pool.request({ path: '/readyz', method: 'GET', headersTimeout: 1000, bodyTimeout: 1000, signal: AbortSignal.timeout(1000) });
      await res.body.dump();
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return res.statusCode === 200 ? { ok: true, latencyMs } : { ok: false, latencyMs, error: `not ready (HTTP ${res.statusCode})` };
    } catch (error) {
      return { ok: false, latencyMs: null, error: this.mapError(error, '/readyz').message };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function safeErrorBody(text: string) {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
