import { Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';
import { ACTING_SIGNATURE_HEADER, ACTING_USER_HEADER, signActingUser } from '@corridor/http-kit';
import { BadGatewayError, ConflictError, ErrorBodySchema, HttpError, LIMITS, NotFoundError, ServiceUnavailableError, type ErrorBody, type WriteOutcomeUnknown } from '@corridor/shared';
import { acting } from '../identity/context.ts';
import { DEFAULT_ADMISSION, WriteAdmission, type AdmissionLimits } from './write-admission.ts';

export interface ClientOptions {
  /** Name used in messages and logs, e.g. "control plane MA". */
  name: string;
  url: string;
  /** Whole-request budget, retries included; the caller answers 503 once it is spent. A write's starts when it is sent, not while it waits its turn. */
  timeoutMs?: number;
  /** How many writes are sent at once and how many may wait (WriteAdmission); the defaults otherwise. */
  admission?: AdmissionLimits;
  /** The credential the control plane requires on every /v1 call (CORRIDOR_SERVICE_TOKEN); it also keys the acting user's signature. */
  serviceToken: string;
}

/** A validated upstream answer, with the validator the caller can use for a conditional request next time. */
export interface Fetched<T> {
  data: T;
  etag?: string;
}

/** A write to a control plane. */
export interface WriteOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Forwarded as they are. */
  headers?: Record<string, string>;
  /**
   * Sent as `Idempotency-Key`: the control plane answers a repeat with what the first did, so a write
   * whose answer was lost is sent once more with it, and a 503 whose outcome is unknown names it.
   */
  idempotencyKey?: string;
  /** The write is idempotent by nature (a release): safe to send again without a key. */
  idempotent?: boolean;
  /**
   * Schema of a 409 body that carries more than the error (a commit's NoSiteFits carries the plan). A 409
   * that matches it is passed on with that detail; any other 409 is an ordinary conflict.
   */
  conflict?: z.ZodType<{ error: { message: string } }>;
  /**
   * A computation sent as a POST that holds nothing (a batch what-if, an N-1): a lost answer is a plain 503
   * ("nothing was held"), never an outcome to find out, and it is sent again once when the answer is lost.
   */
  holdsNothing?: boolean;
  /** This call's budget when it is a longer computation than the ordinary deadline allows (ms). */
  timeoutMs?: number;
}

/** A conflict the control plane explained with more than a message; the BFF's error body carries the same detail. */
export class DetailedConflictError extends ConflictError {
  constructor(
    message: string,
    readonly detail: Record<string, unknown>,
  ) {
    super(message);
  }

  override toBody(requestId?: string): ErrorBody {
    return { ...this.detail, ...super.toBody(requestId) };
  }
}

/**
 * 503 of a write that was sent and got no answer in time (or lost its connection after it was sent): it
 * may have been done. The body says so (`outcome: "unknown"`) and names the key to send it again with;
 * a repeat with that key answers the truth. Any other 503 of a write means it was not done.
 */
export class OutcomeUnknownError extends ServiceUnavailableError {
  constructor(
    message: string,
    readonly idempotencyKey?: string,
  ) {
    super(message);
  }

  override toBody(requestId?: string): WriteOutcomeUnknown {
    return { ...super.toBody(requestId), outcome: 'unknown', ...(this.idempotencyKey === undefined ? {} : { idempotencyKey: this.idempotencyKey }) };
  }
}

/** Failures that happen before a request leaves: the control plane never saw it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** A resent write needs this much of its budget left to be worth sending. */
const MIN_RESEND_MS = 200;

interface Exchange {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Answer {
  status: number;
  text: string;
  etag?: string;
}

/** An error body and nothing else: a conflict with no detail. */
const BareErrorBodySchema = ErrorBodySchema.strict();

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * HTTP client of one control plane: a keep-alive connection pool, a deadline per call, one retry of an
 * idempotent read on a refused or reset connection, every body parsed with the shared schema, and
 * failures mapped to the BFF's typed errors (unreachable or slow → 503, malformed → 502).
 *
 * Writes have connections of their own, as many as may be sent at once (WriteAdmission): a write waits
 * its turn in the BFF, unsent, and is refused with 429 when the wait would be too long; its deadline
 * starts when it is sent. A write that was not sent is a 503 "not done"; one sent without an answer is
 * sent once more only when that is safe (an Idempotency-Key, or a release), else or then a 503 whose
 * outcome is unknown, naming the key to retry with.
 *
 * Every call carries the service credential and, when a person or API token is acting (the request's
 * `acting` context), that principal signed as the acting user, so the control plane checks roles and
 * tenancy again and audits the right name. Outside any request (the BFF's own reads) no one acts.
 */
export class ControlPlaneClient {
  readonly name: string;
  readonly url: string;
  private readonly pool: Pool;
  private readonly writePool: Pool;
  private readonly admission: WriteAdmission;
  private readonly timeoutMs: number;
  private readonly serviceToken: string;

  constructor({ name, url, timeoutMs = LIMITS.upstreamTimeoutMs, serviceToken, admission = DEFAULT_ADMISSION }: ClientOptions) {
    this.name = name;
    this.url = url.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.serviceToken = serviceToken;
    const connectTimeout = Math.min(1000, timeoutMs);
    this.pool = new Pool(this.url, { connections: 32, pipelining: 1, keepAliveTimeout: 30_000, connectTimeout });
    this.writePool = new Pool(this.url, { connections: admission.maxInFlight, pipelining: 1, keepAliveTimeout: 30_000, connectTimeout });
    this.admission = new WriteAdmission(name, admission);
  }

  /** GET a path and parse it; with `etag`, a 304 answers `undefined` (the caller's copy is current). */
  get<S extends z.ZodType>(path: string, schema: S): Promise<Fetched<z.infer<S>>>;
  get<S extends z.ZodType>(path: string, schema: S, etag: string | undefined): Promise<Fetched<z.infer<S>> | undefined>;
  async get<S extends z.ZodType>(path: string, schema: S, etag?: string): Promise<Fetched<z.infer<S>> | undefined> {
    const deadline = Date.now() + this.timeoutMs;
    const headers = etag ? { 'if-none-match': etag } : undefined;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      try {
        const answer = await this.exchange({ method: 'GET', path, ...(headers ? { headers } : {}) }, Math.max(remaining, 1));
        return answer.status === 304 ? undefined : this.accept(answer, path, schema);
      } catch (error) {
        const code = (error as { code?: string }).code;
        const retry = attempt === 0 && code !== undefined && RETRYABLE.has(code) && deadline - Date.now() > 200;
        if (!retry) throw this.mapError(error, path);
      }
    }
  }

  /**
   * POST or DELETE within the deadline, once it is this write's turn, and parse the answer. Busy → 429
   * (not sent); not sent → 503; sent, no answer → sent again if safe, else 503 with the outcome unknown.
   */
  async write<S extends z.ZodType>(method: 'POST' | 'DELETE', path: string, schema: S, options: WriteOptions = {}): Promise<Fetched<z.infer<S>>> {
    const leave = await this.admission.enter();
    try {
      return await this.send(method, path, schema, options);
    } finally {
      leave();
    }
  }

  private async send<S extends z.ZodType>(method: 'POST' | 'DELETE', path: string, schema: S, options: WriteOptions): Promise<Fetched<z.infer<S>>> {
    const { body, headers, conflict, idempotencyKey, idempotent, holdsNothing } = options;
    const budgetMs = options.timeoutMs ?? this.timeoutMs;
    const deadline = Date.now() + budgetMs;
    const sent = { ...headers, ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }) };
    const resendable = idempotent === true || holdsNothing === true || idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.exchange({ method, path, body, headers: sent }, Math.max(deadline - Date.now(), 1), this.writePool);
        if (answer.status === 409 && conflict) throw this.conflictFrom(answer.text, path, conflict);
        return this.accept(answer, path, schema);
      } catch (error) {
        if (error instanceof HttpError) throw error;
        const code = (error as { code?: string }).code;
        if (code !== undefined && NOT_SENT.has(code)) throw new ServiceUnavailableError(`${this.name} is unreachable (${code}): the write was not sent, nothing was done`);
        if (attempt === 0 && resendable && deadline - Date.now() > MIN_RESEND_MS) continue;
        const what = this.mapError(error, path, budgetMs).message;
        if (holdsNothing) throw new ServiceUnavailableError(`${what}; nothing was held: send it again`);
        const retry = idempotencyKey === undefined ? 'send it again' : `send it again with Idempotency-Key "${idempotencyKey}"`;
        throw new OutcomeUnknownError(`${what}; the write may or may not have been done: ${retry} to learn which`, idempotencyKey);
      }
    }
  }

  /** A 409 with its detail, a bare 409 (only the error), or 502 when the detail breaks the contract. */
  private conflictFrom(text: string, path: string, conflict: NonNullable<WriteOptions['conflict']>): HttpError {
    const json = safeJson(text);
    const detailed = conflict.safeParse(json);
    if (detailed.success) {
      const { error, ...detail } = detailed.data;
      return new DetailedConflictError(error.message, detail);
    }
    const bare = BareErrorBodySchema.safeParse(json);
    if (bare.success) return relayed(409, bare.data);
    return this.malformed(path, detailed.error);
  }

  /** The service credential alone, for a call no person makes (the one live subscription every browser shares). */
  serviceHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.serviceToken}` };
  }

  /** The service credential, and the acting user signed for a minute when someone is acting. */
  private credentials(): Record<string, string> {
    const principal = acting.getStore();
    if (!principal) return this.serviceHeaders();
    const signed = signActingUser(principal, this.serviceToken, Date.now());
    return { ...this.serviceHeaders(), [ACTING_USER_HEADER]: signed.user, [ACTING_SIGNATURE_HEADER]: signed.signature };
  }

  private async exchange({ method, path, headers, body }: Exchange, budgetMs: number, pool = this.pool): Promise<Answer> {
    const res = await pool.request({
      path,
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...withoutCredentials(headers), ...this.credentials() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headersTimeout: budgetMs,
      bodyTimeout: budgetMs,
      signal: AbortSignal.timeout(budgetMs),
    });
    const etag = res.headers.etag;
    if (res.statusCode === 304) {
      await res.body.dump();
      return { status: 304, text: '' };
    }
    return { status: res.statusCode, text: await res.body.text(), ...(typeof etag === 'string' ? { etag } : {}) };
  }

  /** An answer's body parsed with its schema, or the typed error its status or shape calls for. */
  private accept<S extends z.ZodType>({ status, text, etag }: Answer, path: string, schema: S): Fetched<z.infer<S>> {
    if (status >= 400) throw this.errorFromStatus(status, text, path);
    const json = safeJson(text);
    if (json === undefined) throw new BadGatewayError(`${this.name} answered ${path} with a body that is not JSON`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.malformed(path, parsed.error);
    return { data: parsed.data, ...(etag === undefined ? {} : { etag }) };
  }

  private malformed(path: string, error: z.ZodError): BadGatewayError {
    const first = error.issues[0];
    return new BadGatewayError(`${this.name} answered ${path} with a malformed body (${first?.path.join('.') || 'body'}: ${first?.message})`);
  }

  private errorFromStatus(status: number, text: string, path: string): HttpError {
    const parsed = ErrorBodySchema.safeParse(safeJson(text));
    const body = parsed.success ? parsed.data : undefined;
    if (status === 404) return new NotFoundError(body?.error.message ?? `${path} not found`);
    if (status === 503) return new ServiceUnavailableError(`${this.name} is not ready: ${body?.error.message ?? 'unavailable'}`);
    // The person was signed in here; the control plane refusing the BFF's own credentials is a fault
    // between the two services, not an ended session (a 401 would send the person to the login page).
    if (status === 401) return new BadGatewayError(`${this.name} refused the BFF's service credential on ${path}: ${body?.error.message ?? 'unauthorized'}`);
    if (status < 500 && body) return relayed(status, body);
    return new BadGatewayError(`${this.name} failed on ${path} (HTTP ${status})`);
  }

  private mapError(error: unknown, path: string, budgetMs = this.timeoutMs): HttpError {
    if (error instanceof HttpError) return error;
    const e = error as { code?: string; name?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new ServiceUnavailableError(`${this.name} did not answer ${path} within ${budgetMs} ms`);
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

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.writePool.close()]);
  }
}

const CREDENTIAL_HEADERS = new Set(['authorization', ACTING_USER_HEADER.toLowerCase(), ACTING_SIGNATURE_HEADER.toLowerCase()]);

/** A caller's headers less any credential (whatever its case): only the client itself vouches for who acts. */
function withoutCredentials(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

/**
 * A control plane's own 4xx passed on as it was answered, status and code kept (its 403 naming `tenant`
 * is the BFF's 403 naming `tenant`): the control plane already chose the typed error, the BFF does not re-judge it.
 */
function relayed(status: number, { error }: ErrorBody): HttpError {
  return new HttpError(status, error.code, error.message, error.fields);
}

/** The JSON value of a body, or undefined when it is not JSON. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
