import type { Request, RequestHandler } from 'express';
import { ACTING_SIGNATURE_HEADER, ACTING_USER_HEADER, secretsEqual, verifyActingUser, type ActingUser } from '@corridor/http-kit';
import { NotFoundError, allows } from '@corridor/shared';
import { forbidden, unauthorized } from './errors.ts';
import { ROUTE_ACCESS, ruleMatcher, type RouteAccess } from './route-access.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The person the BFF acts for on this call, once its signature is checked; absent on the BFF's own calls. */
      actingUser?: ActingUser;
    }
  }
}

export interface AuthorizeOptions {
  /** The secret the BFF and the control plane share (CORRIDOR_SERVICE_TOKEN). */
  serviceToken: string;
  rules?: Readonly<Record<string, RouteAccess>>;
  now?: () => number;
}

/**
 * Guards every /v1 route (mounted before them): the service credential (401), a valid signed acting
 * user whenever one is sent or the route needs one (401), and the route's permission for that user's
 * role (403 naming it). A route without a rule is refused as unknown, so a route added without one
 * is never open.
 */
export function authorizeV1({ serviceToken, rules = ROUTE_ACCESS, now = Date.now }: AuthorizeOptions): RequestHandler {
  const ruleFor = ruleMatcher(rules);
  return (req, _res, next) => {
    if (!hasServiceCredential(req, serviceToken)) throw unauthorized('the control plane needs the service credential: Authorization: Bearer <CORRIDOR_SERVICE_TOKEN>');
    const access = ruleFor(req.method, req.path);
    if (!access) throw new NotFoundError(`no route for ${req.method} ${req.path}`);
    const acting = actingUserOf(req, serviceToken, now());
    if (acting) {
      if (access.person === 'forbidden') throw forbidden(`${req.method} ${req.baseUrl}${req.path} is for the service itself; no person acts on it`);
      if (access.permission && !allows(acting.role, access.permission)) {
        throw forbidden(`needs permission ${access.permission}, which role ${acting.role} does not have`);
      }
      req.actingUser = acting;
    } else if (access.person === 'required') {
      throw unauthorized(`${req.method} ${req.baseUrl}${req.path} acts for a person: it needs a signed acting user (${ACTING_USER_HEADER})`);
    }
    next();
  };
}

function hasServiceCredential(req: Request, serviceToken: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '');
  return match !== null && secretsEqual(match[1]!, serviceToken);
}

/** The acting user of the call, undefined when none is sent; 401 when one is sent and does not verify. */
function actingUserOf(req: Request, serviceToken: string, nowMs: number): ActingUser | undefined {
  const user = req.get(ACTING_USER_HEADER);
  const signature = req.get(ACTING_SIGNATURE_HEADER);
  if (user === undefined && signature === undefined) return undefined;
  if (user === undefined || signature === undefined) throw unauthorized(`${ACTING_USER_HEADER} and ${ACTING_SIGNATURE_HEADER} go together`);
  const check = verifyActingUser(user, signature, serviceToken, nowMs);
  if (!check.ok) throw unauthorized(`the acting user is refused: ${check.reason}`);
  return check.user;
}
