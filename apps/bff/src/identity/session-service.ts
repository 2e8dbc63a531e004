import { createHash, randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { PrincipalSchema, type Locale, type Principal, type SessionView } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { clientIp, readCookie } from './cookies.ts';
import type { IdentityAudit } from './identity-audit.ts';
import type { OidcIdentity, UserStore } from './user-store.ts';

/** The session cookie: its value is the session id, which the store keeps only as a sha256. */
export const SESSION_COOKIE = 'corridor_session';

/** Idle expiry moves on at most this often, so a busy console costs one write a minute, not one per request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * A session read from the store answers this replica's requests for this long without another read:
 * a console fires many calls at once, and one store round trip per call cut the BFF's throughput
 * five-fold. The price: a sign-out or a disabled user on ANOTHER replica takes effect here up to this
 * much later (on this replica, at once).
 */
const SESSION_CACHE_MS = 1_000;
/** Sessions remembered at most; the oldest go first. */
const SESSION_CACHE_MAX = 10_000;

export interface SessionOptions {
  /** A session ends after this long without a request… */
  idleMs: number;
  /** …and this long after sign-in, whatever happens. */
  absoluteMs: number;
  /** Behind https: the cookie is only ever sent over TLS. */
  secureCookie: boolean;
  now?: () => number;
}

/** A signed-in request: who, and the session's handle (the sha256 of the cookie's value). */
export interface ResolvedSession {
  principal: Principal;
  sessionId: string;
}

interface SessionRow {
  principal: Principal;
  /** The account's chosen language (`bff_users.locale`), read with the session by `view` only. */
  locale?: Locale | null;
  last_seen_at: Date | string;
  idle_expires_at: Date | string;
  absolute_expires_at: Date | string;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const ms = (t: Date | string) => new Date(t).getTime();
const viewOf = (principal: Principal, idleMs: number, absoluteMs: number): SessionView => ({
  principal,
  idleExpiresAt: new Date(idleMs).toISOString(),
  absoluteExpiresAt: new Date(absoluteMs).toISOString(),
});

/**
 * Server-side sessions in the BFF's store (`bff_sessions`), so every replica knows every session:
 * a new random id at each sign-in, an HttpOnly SameSite=Strict cookie, idle and absolute expiry.
 */
export class SessionService {
  private readonly now: () => number;
  private readonly cache = new Map<string, { row: SessionRow; readAt: number }>();
  /**
   * The store read under way per session: a burst of requests on one session (a console's calls, or a
   * crowd of API calls on one sign-in) waits for that one read instead of sending one each when the
   * cached copy goes stale. A read that an ending (sign-out, disabled user) overtakes is dropped here,
   * so no request that starts after the ending joins it and its row is never cached.
   */
  private readonly reading = new Map<string, { row?: Promise<SessionRow | undefined> }>();

  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    private readonly audit: IdentityAudit,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Signs `principal` in: ends the session the request came with (if any), opens one with a new id, sets
   * the cookie and records the sign-in. Called after a password check or an OpenID Connect callback; an
   * OIDC principal's account is recorded by its issuer and subject, whose stored name the session takes
   * (refused if disabled here, or if the name is a local account's or another identity's).
   */
  async login(req: Request, res: Response, principal: Principal, oidcIdentity?: OidcIdentity): Promise<SessionView> {
    let checked = PrincipalSchema.parse(principal);
    if (checked.method === 'token') throw new Error('an API token does not sign in to a session');
    if (checked.method === 'oidc') {
      if (!oidcIdentity) throw new Error('an OpenID Connect sign-in needs the issuer and subject it is');
      checked = { ...checked, username: await this.users.recordOidcSignIn(checked, oidcIdentity) };
    }
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await this.end(hashOf(previous));
    const { id, view } = await this.open(checked);
    res.cookie(SESSION_COOKIE, id, this.cookieOptions());
    await this.audit.record('login', checked.username, { ip: clientIp(req), method: checked.method }, checked);
    // As GET /api/session will say it: with the language the account chose.
    return (await this.view(hashOf(id))) ?? view;
  }

  /** Ends the request's session (if any), clears the cookie and records the sign-out. */
  async logout(req: Request, res: Response): Promise<void> {
    const id = readCookie(req, SESSION_COOKIE);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
    if (!id) return;
    const ended = await this.end(hashOf(id));
    if (ended) await this.audit.record('logout', ended.username, { ip: clientIp(req) }, ended);
  }

  /**
   * The session the request's cookie names, if it is alive; its idle expiry moves on (at most once a
   * minute). An expired session is deleted.
   */
  async resolve(req: Request): Promise<ResolvedSession | undefined> {
    const id = readCookie(req, SESSION_COOKIE);
    if (!id) return undefined;
    const sessionId = hashOf(id);
    const now = this.now();
    const row = await this.read(sessionId, now);
    if (!row) return undefined;
    const absolute = ms(row.absolute_expires_at);
    if (now >= ms(row.idle_expires_at) || now >= absolute) {
      await this.end(sessionId);
      return undefined;
    }
    // The cached copy first: of the requests that shared one read, the first to get here moves the expiry for all.
    if (now - ms(this.cache.get(sessionId)?.row.last_seen_at ?? row.last_seen_at) >= TOUCH_EVERY_MS) {
      const idle = new Date(Math.min(now + this.options.idleMs, absolute));
      this.cache.set(sessionId, { row: { ...row, last_seen_at: new Date(now), idle_expires_at: idle }, readAt: now });
      await this.db.query('UPDATE bff_sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id_hash = $1', [sessionId, new Date(now), idle]);
    }
    return { principal: row.principal, sessionId };
  }

  /** The session's row, from this replica's cache while it is fresh (SESSION_CACHE_MS), else from the store. */
  private async read(sessionId: string, now: number): Promise<SessionRow | undefined> {
    const cached = this.cache.get(sessionId);
    if (cached && now - cached.readAt < SESSION_CACHE_MS) return cached.row;
    const under = this.reading.get(sessionId)?.row;
    if (under) return under;
    const reading: { row?: Promise<SessionRow | undefined> } = {};
    reading.row = this.readStored(sessionId, now, reading).finally(() => {
      if (this.reading.get(sessionId) === reading) this.reading.delete(sessionId);
    });
    this.reading.set(sessionId, reading);
    return reading.row;
  }

  private async readStored(sessionId: string, now: number, reading: object): Promise<SessionRow | undefined> {
    const { rows } = await this.db.query<SessionRow>('SELECT principal, last_seen_at, idle_expires_at, absolute_expires_at FROM bff_sessions WHERE id_hash = $1', [sessionId]);
    const row = rows[0];
    // Ended while this read was under way (end or forgetUser dropped it): answer it, keep nothing.
    if (this.reading.get(sessionId) !== reading) return row;
    this.cache.delete(sessionId);
    if (!row) return undefined;
    if (this.cache.size >= SESSION_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sessionId, { row, readAt: now });
    return row;
  }

  /** Whether a session is still alive, without moving its idle expiry (an open live stream is not activity). */
  async alive(sessionId: string): Promise<boolean> {
    const now = this.now();
    const row = await this.read(sessionId, now);
    return row !== undefined && now < ms(row.idle_expires_at) && now < ms(row.absolute_expires_at);
  }

  /** Forgets this replica's cached sessions of a user whose sessions were ended in the store (disabled). */
  forgetUser(username: string): void {
    for (const [id, { row }] of this.cache) if (row.principal.username === username) this.cache.delete(id);
    // Whose session a read under way is for is not known yet: drop them all (the next request reads again).
    this.reading.clear();
  }

  /** Deletes a session (store and cache); answers who it was, when it existed. */
  private async end(sessionId: string): Promise<Principal | undefined> {
    this.cache.delete(sessionId);
    this.reading.delete(sessionId);
    const { rows } = await this.db.query<{ principal: Principal }>('DELETE FROM bff_sessions WHERE id_hash = $1 RETURNING principal', [sessionId]);
    return rows[0]?.principal;
  }

  /**
   * Who is signed in on a session and until when (`GET /api/session`), with the language their account
   * chose. Read from the store every time, not from the cache `resolve` keeps, and the language from the
   * account, not from the principal kept with the session: a language chosen in one browser is what
   * every session of that person, on any replica, reads on its next GET /api/session. (The principal
   * requests act as has no language, so that cache has nothing to forget when it changes.)
   */
  async view(sessionId: string): Promise<SessionView | undefined> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT principal, last_seen_at, idle_expires_at, absolute_expires_at,
         (SELECT locale FROM bff_users WHERE bff_users.username = bff_sessions.username) AS locale
       FROM bff_sessions WHERE id_hash = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { locale: _kept, ...principal } = row.principal;
    return viewOf(row.locale ? { ...principal, locale: row.locale } : principal, ms(row.idle_expires_at), ms(row.absolute_expires_at));
  }

  /**
   * A new session for `principal`, without cookie or audit: `login` uses it, and tests sign people in
   * with it without going through a password. Expired sessions are swept at the same time.
   */
  async open(principal: Principal): Promise<{ id: string; view: SessionView }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    const absolute = now + this.options.absoluteMs;
    const idle = Math.min(now + this.options.idleMs, absolute);
    // Idle expiry never passes absolute expiry, so it alone tells every ended session.
    await this.db.query('DELETE FROM bff_sessions WHERE idle_expires_at <= $1', [new Date(now)]);
    await this.db.query(
      `INSERT INTO bff_sessions (id_hash, username, principal, method, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      [hashOf(id), principal.username, JSON.stringify(principal), principal.method, new Date(now), new Date(idle), new Date(absolute)],
    );
    return { id, view: viewOf(principal, idle, absolute) };
  }

  /** The cookie's attributes; the same for setting and clearing it. No Max-Age: it ends with the browser. */
  cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.options.secureCookie, path: '/' };
  }
}
