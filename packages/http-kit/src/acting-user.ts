import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { IdSchema, RoleSchema, UsernameSchema, type Role } from '@corridor/shared';

/**
 * The acting user the BFF signs onto a control-plane call: who the person (or API token) is, so the
 * control plane checks roles and tenancy again and records the right name in its audit log. The value
 * is base64url JSON `{ username, role, tenant?, exp }` and the signature the hex HMAC-SHA256 of that
 * exact text keyed with the service token, so only a holder of the token can vouch for a user, and a
 * captured pair stops working a minute later.
 */
export const ACTING_USER_HEADER = 'X-Corridor-Acting-User';
export const ACTING_SIGNATURE_HEADER = 'X-Corridor-Acting-Signature';
/** How long a signed acting user is accepted after it is signed. */
export const ACTING_USER_TTL_MS = 60_000;
/**
 * The furthest expiry a control plane accepts: the TTL plus room for clocks that disagree. A value
 * signed to live longer (ten years, say) is refused, so a leaked pair can never become a standing pass.
 */
export const ACTING_USER_MAX_LIFETIME_MS = 2 * 60_000;

/** Who acts, as the control plane needs to know it. A tenant user always has its tenant. */
export interface ActingUser {
  username: string;
  role: Role;
  tenant?: string;
}

export interface SignedActingUser {
  /** The X-Corridor-Acting-User header's value. */
  user: string;
  /** The X-Corridor-Acting-Signature header's value. */
  signature: string;
}

export type ActingUserCheck = { ok: true; user: ActingUser } | { ok: false; reason: 'malformed' | 'bad signature' | 'expired' | 'expiry too far ahead' };

const ActingPayloadSchema = z
  .object({
    username: UsernameSchema,
    role: RoleSchema,
    tenant: IdSchema.optional(),
    /** Epoch ms after which the value is refused. */
    exp: z.number().int().positive(),
  })
  .refine((p) => (p.role === 'tenant') === (p.tenant !== undefined), { message: 'a tenant user has a tenant, and only a tenant user', path: ['tenant'] });

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

function hmacHex(text: string, secret: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * Compares two secrets in time that does not depend on where they differ. Both sides are hashed first,
 * so their lengths (which timingSafeEqual requires to match) say nothing either.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Signs `principal` for `ACTING_USER_TTL_MS` from `nowMs` (extra fields of a Principal are left out). */
export function signActingUser(principal: ActingUser, secret: string, nowMs: number): SignedActingUser {
  const payload = { username: principal.username, role: principal.role, ...(principal.tenant === undefined ? {} : { tenant: principal.tenant }), exp: nowMs + ACTING_USER_TTL_MS };
  const user = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { user, signature: hmacHex(user, secret) };
}

/**
 * Checks a signed acting user: the signature first (timing-safe), so nothing from an unsigned value is
 * parsed; then its shape; then its expiry, which must be neither past nor more than
 * ACTING_USER_MAX_LIFETIME_MS ahead.
 */
export function verifyActingUser(user: string, signature: string, secret: string, nowMs: number): ActingUserCheck {
  if (!SIGNATURE_PATTERN.test(signature)) return { ok: false, reason: 'bad signature' };
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(hmacHex(user, secret), 'hex'))) return { ok: false, reason: 'bad signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(user, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = ActingPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { exp, ...acting } = parsed.data;
  if (exp <= nowMs) return { ok: false, reason: 'expired' };
  if (exp > nowMs + ACTING_USER_MAX_LIFETIME_MS) return { ok: false, reason: 'expiry too far ahead' };
  return { ok: true, user: acting };
}
