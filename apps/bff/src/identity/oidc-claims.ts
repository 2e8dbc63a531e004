import { IdSchema, RoleSchema, UsernameSchema, type Principal, type Role } from '@corridor/shared';
import type { OidcConfig } from './oidc-config.ts';

/** Why a provider's claims do not make a Corridor principal: the `error` the login page is sent with. */
export type ClaimsRefusal = 'oidc_role' | 'oidc_tenant' | 'oidc_claims';

/** A refusal names the person when the claims do (for the audit log). */
export type ClaimsOutcome = { ok: true; principal: Principal } | { ok: false; error: ClaimsRefusal; reason: string; username?: string };

/**
 * Maps the claims of a signed-in person (ID token and UserInfo) to a principal. The provider decides the
 * role and the tenant, so a missing or unknown role is refused rather than defaulted: nobody gets access
 * the organisation did not give them.
 */
export function principalFromClaims(claims: Record<string, unknown>, config: Pick<OidcConfig, 'roleClaim' | 'tenantClaim'>): ClaimsOutcome {
  const username = firstValid(UsernameSchema, claims.preferred_username, claims.sub);
  if (username === undefined) return { ok: false, error: 'oidc_claims', reason: 'neither preferred_username nor sub is a valid user name' };

  const role = roleFrom(claims[config.roleClaim]);
  if (role === undefined) return { ok: false, error: 'oidc_role', username, reason: `claim ${config.roleClaim} does not name exactly one Corridor role` };

  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : username;
  if (role !== 'tenant') return { ok: true, principal: { username, name, role, method: 'oidc' } };

  const tenant = firstValid(IdSchema, claims[config.tenantClaim]);
  if (tenant === undefined) return { ok: false, error: 'oidc_tenant', username, reason: `a tenant needs a valid ${config.tenantClaim} claim` };
  return { ok: true, principal: { username, name, role, tenant, method: 'oidc' } };
}

/** A role claim is a string, or a list (as group-style mappers emit) holding exactly one Corridor role. */
function roleFrom(value: unknown): Role | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  const roles = new Set(candidates.flatMap((v) => (RoleSchema.safeParse(v).success ? [v as Role] : [])));
  return roles.size === 1 ? [...roles][0] : undefined;
}

function firstValid(schema: typeof UsernameSchema | typeof IdSchema, ...values: unknown[]): string | undefined {
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}
