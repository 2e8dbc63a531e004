import type { Request } from 'express';
import { UnauthorizedError } from '@corridor/shared';

/** Who acts: the name the audit log records and, for a tenant user, the one tenant it may act for. */
export interface ActingAs {
  actor: string;
  /** Set for a tenant user: other tenants' workloads do not exist for it, and it cannot act for them. */
  tenant?: string;
}

/**
 * The acting user of a route that needs one, as the workload service takes it: the name it audits and,
 * for a tenant user, the tenant it is confined to. The route's rule already demanded the user; this
 * refuses again rather than act for nobody if a rule were ever loosened.
 */
export function actingAs(req: Request): ActingAs {
  const user = req.actingUser;
  if (!user) throw new UnauthorizedError(`${req.method} ${req.baseUrl}${req.path} needs a signed acting user`);
  return { actor: user.username, ...(user.role === 'tenant' && user.tenant ? { tenant: user.tenant } : {}) };
}
