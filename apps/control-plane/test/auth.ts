import { ACTING_SIGNATURE_HEADER, ACTING_USER_HEADER, signActingUser, type ActingUser } from '@corridor/http-kit';
import { SERVICE_TOKEN } from './stores.ts';

/** One acting user of each role, as the BFF would sign them. */
export const USERS = {
  executive: { username: 'esther', role: 'executive' },
  operator: { username: 'amina', role: 'operator' },
  admin: { username: 'adil', role: 'admin' },
  tenantA: { username: 'tenant-a', role: 'tenant', tenant: 'tenant-a' },
  tenantB: { username: 'tenant-b', role: 'tenant', tenant: 'tenant-b' },
} as const satisfies Record<string, ActingUser>;

/** The BFF's own credential, with no person acting. */
export function serviceHeaders(): Record<string, string> {
  return { authorization: `Bearer ${SERVICE_TOKEN}` };
}

/** The service credential and `user` signed as the acting user (valid for a minute from `nowMs`). */
export function actingHeaders(user: ActingUser, nowMs = Date.now(), secret = SERVICE_TOKEN): Record<string, string> {
  const signed = signActingUser(user, secret, nowMs);
  return { ...serviceHeaders(), [ACTING_USER_HEADER]: signed.user, [ACTING_SIGNATURE_HEADER]: signed.signature };
}
