import type { Request, RequestHandler } from 'express';
import { ACTING_SIGNATURE_HEADER, ACTING_USER_HEADER, secretsEqual, verifyActingUser, type ActingUser } from '@corridor/http-kit';
import { allows, ForbiddenError, UnauthorizedError } from '@corridor/shared';
import type { RouteAccess } from './route-access.ts';

declare global {
  namespace Express {
    interface Request {
      /** The person the BFF acts for on this call, once its signature is checked; absent on the BFF's own calls. */
      actingUser?: ActingUser;
    }
  }
}

/**
 * In front of every /v1 path, known or not: 401 without the service credential. A path no route takes
 * is then a 404 (or a 405 for another method), answered to the service alone, so nothing is open.
 */
export function requireServiceCredential(serviceToken: string): RequestHandler {
  return (req, _res, next) => {
    if (!hasServiceCredential(req, serviceToken)) throw new UnauthorizedError('the control plane needs the service credential: Authorization: Bearer <CORRIDOR_SERVICE_TOKEN>');
    next();
  };
}

export interface AccessGateOptions {
  /** The secret the BFF and the control plane share (CORRIDOR_SERVICE_TOKEN): it signs the acting user. */
  serviceToken: string;
  now?: () => number;
}

/**
 * The gate of one route, from its access: a valid signed acting user whenever one is sent or the route
 * needs one (401), no person on machine work (403), and the route's permission for that user's role
 * (403 naming it). Runs before the route reads anything of the request.
 */
export function accessGate({ serviceToken, now = Date.now }: AccessGateOptions): (access: RouteAccess) => RequestHandler {
  return (access) => (req, _res, next) => {
    const acting = actingUserOf(req, serviceToken, now());
    if (acting) {
      if (access.person === 'forbidden') throw new ForbiddenError(`${req.method} ${req.baseUrl}${req.path} is for the service itself; no person acts on it`);
      if (access.permission && !allows(acting.role, access.permission)) {
        throw new ForbiddenError(`needs permission ${access.permission}, which role ${acting.role} does not have`);
      }
      req.actingUser = acting;
    } else if (access.person === 'required') {
      throw new UnauthorizedError(`${req.method} ${req.baseUrl}${req.path} acts for a person: it needs a signed acting user (${ACTING_USER_HEADER})`);
    }
    next();
  };
}

/** Whether the call carries the service credential (the BFF's own `Authorization: Bearer <token>`). */
export function hasServiceCredential(req: Request, serviceToken: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '');
  return match !== null && secretsEqual(match[1]!, serviceToken);
}

/** The acting user of the call, undefined when none is sent; 401 when one is sent and does not verify. */
function actingUserOf(req: Request, serviceToken: string, nowMs: number): ActingUser | undefined {
  const user = req.get(ACTING_USER_HEADER);
  const signature = req.get(ACTING_SIGNATURE_HEADER);
  if (user === undefined && signature === undefined) return undefined;
  if (user === undefined || signature === undefined) throw new UnauthorizedError(`${ACTING_USER_HEADER} and ${ACTING_SIGNATURE_HEADER} go together`);
  const check = verifyActingUser(user, signature, serviceToken, nowMs);
  if (!check.ok) throw new UnauthorizedError(`the acting user is refused: ${check.reason}`);
  return check.user;
}
