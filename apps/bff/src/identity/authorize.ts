import type { Request, RequestHandler, Response } from 'express';
import { allows, ForbiddenError, UnauthorizedError, type Permission } from '@corridor/shared';
import { acting } from './context.ts';
import { readCookie } from './cookies.ts';
import { SESSION_COOKIE, type SessionService } from './session-service.ts';
import type { TokenService } from './token-service.ts';

/** The API token of an `Authorization: Bearer …` header; other schemes are not Corridor's and are ignored. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

function unauthorized(res: Response, message: string): UnauthorizedError {
  res.set('WWW-Authenticate', 'Bearer realm="corridor"');
  return new UnauthorizedError(message);
}

/**
 * Finds who is acting: an API token (`Authorization: Bearer crd_…`, which then wins over any cookie) or
 * the session cookie. Sets `req.principal` (and `req.sessionId` for a session) and runs the rest of the
 * request inside `acting`, so every control-plane call is signed with this principal. A request with
 * neither goes on anonymous (public routes serve it; `requireSignIn` stops it). So does one with a bad
 * token, which is remembered: a public route (the login page's providers, the API document, an OpenID
 * Connect start) ignores credentials, and every other route's gate answers 401 naming the token.
 */
export function authenticate({ sessions, tokens }: { sessions: SessionService; tokens: TokenService }): RequestHandler {
  return async (req, res, next) => {
    const secret = bearerToken(req);
    if (secret !== undefined) {
      const principal = await tokens.resolve(secret);
      if (principal) req.principal = principal;
      else req.credentialsRefused = 'the API token is unknown, revoked or expired';
    } else {
      const session = await sessions.resolve(req);
      if (session) {
        req.principal = session.principal;
        req.sessionId = session.sessionId;
      } else if (readCookie(req, SESSION_COOKIE) !== undefined) {
        res.clearCookie(SESSION_COOKIE, sessions.cookieOptions());
      }
    }
    if (req.principal) acting.run(req.principal, next);
    else next();
  };
}

/**
 * Whether what signed a request in still holds now: its API token is not revoked or expired, or its
 * session has not ended (signed out, timed out, user disabled). For requests that outlive their start.
 */
export function stillSignedIn({ sessions, tokens }: { sessions: SessionService; tokens: TokenService }): (req: Request) => Promise<boolean> {
  return async (req) => {
    const secret = bearerToken(req);
    if (secret !== undefined) return (await tokens.resolve(secret)) !== undefined;
    return req.sessionId !== undefined && (await sessions.alive(req.sessionId));
  };
}

/** 401 (JSON, never a redirect: the console sends the person to its login page) without a principal. */
function signInError(req: Request, res: Response): UnauthorizedError {
  if (req.credentialsRefused !== undefined) return unauthorized(res, req.credentialsRefused);
  const expired = bearerToken(req) === undefined && readCookie(req, SESSION_COOKIE) !== undefined;
  return unauthorized(res, expired ? 'your session has ended: sign in again' : 'sign in first');
}

/** Everything after it needs a principal: the deny-by-default gate in front of every non-public /api route. */
export function requireSignIn(): RequestHandler {
  return (req, res, next) => {
    if (!req.principal) throw signInError(req, res);
    next();
  };
}

/** 401 without a principal; 403 naming the permission when the principal's role lacks it (PERMISSIONS). */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, res, next) => {
    const principal = req.principal;
    if (!principal) throw signInError(req, res);
    if (!allows(principal.role, permission)) throw new ForbiddenError(`the ${principal.role} role lacks the permission "${permission}"`);
    next();
  };
}

/** 401 without a principal; 403 for an API token: what only a person signed in to the console does for themselves. */
export function requirePerson(): RequestHandler {
  return (req, res, next) => {
    if (!req.principal) throw signInError(req, res);
    if (req.sessionId === undefined) throw new ForbiddenError(`an API token cannot ${req.method} ${req.baseUrl}${req.path}: only a person signed in to the console acts here, for themselves`);
    next();
  };
}

/**
 * Who may call an /api route: anyone, anyone signed in, a person signed in to the console acting for
 * themselves (not an API token: their own preferences), or a principal whose role has the permission.
 */
export type ApiAccess = 'public' | 'signed-in' | 'person' | Permission;

/** The gate in front of a route with this access (none for a public one). */
export function accessGate(access: ApiAccess): RequestHandler | undefined {
  if (access === 'public') return undefined;
  if (access === 'person') return requirePerson();
  return access === 'signed-in' ? requireSignIn() : requirePermission(access);
}
