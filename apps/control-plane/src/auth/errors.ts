import type { Request } from 'express';
import { HttpError } from '@corridor/shared';
import type { ActingAs } from '../placement/workload-service.ts';

/** 401: the caller is not who it must be (no service credential, or a missing or bad acting user). */
export const unauthorized = (message: string) => new HttpError(401, 'UNAUTHORIZED', message);

/** 403: known caller, not allowed; `field` names the part of the request that is refused (e.g. `tenant`). */
export const forbidden = (message: string, field?: string) => new HttpError(403, 'FORBIDDEN', message, field ? [{ field, message }] : undefined);

/**
 * The acting user of a route that needs one, as the workload service takes it: the name it audits and,
 * for a tenant user, the tenant it is confined to. The route's rule already demanded the user; this
 * refuses again rather than act for nobody if a rule were ever loosened.
 */
export function actingAs(req: Request): ActingAs {
  const user = req.actingUser;
  if (!user) throw unauthorized(`${req.method} ${req.baseUrl}${req.path} needs a signed acting user`);
  return { actor: user.username, ...(user.role === 'tenant' && user.tenant ? { tenant: user.tenant } : {}) };
}
