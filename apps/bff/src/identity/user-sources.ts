import { randomBytes } from 'node:crypto';
import { ConflictError, type Role } from '@corridor/shared';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { UserStore } from './user-store.ts';

/** Demo mode's people: one of each role, and two tenants to show that each sees only its own. */
export const DEMO_USERS: readonly { username: string; name: string; role: Role; tenant?: string }[] = [
  { username: 'operator', name: 'Demo operator', role: 'operator' },
  { username: 'executive', name: 'Demo executive', role: 'executive' },
  { username: 'admin', name: 'Demo admin', role: 'admin' },
  { username: 'tenant-a', name: 'Tenant A (demo)', role: 'tenant', tenant: 'tenant-a' },
  { username: 'tenant-b', name: 'Tenant B (demo)', role: 'tenant', tenant: 'tenant-b' },
];

export interface UserSourceOptions {
  /** NODE_ENV=production: demo mode never runs. */
  production: boolean;
  /** CORRIDOR_DEMO_PASSWORD. */
  demoPassword?: string;
  oidcConfigured: boolean;
}

/**
 * Makes sure someone can sign in before the BFF listens. In production nothing is seeded, and the start
 * fails unless a local account exists or OpenID Connect is configured. Otherwise (demo mode) the demo
 * users are created: with CORRIDOR_DEMO_PASSWORD, which then stays their password across starts, or
 * with a generated one passed to `announce` once, at the start that creates them (the store keeps them).
 */
export async function prepareUserSources(users: UserStore, options: UserSourceOptions, announce: (message: string) => void): Promise<void> {
  if (options.production) {
    if (options.oidcConfigured || (await users.hasEnabledLocalUsers())) return;
    throw new Error(
      'NODE_ENV=production and no one can sign in: configure OpenID Connect (CORRIDOR_OIDC_ISSUER, CORRIDOR_OIDC_CLIENT_ID, ' +
        'CORRIDOR_OIDC_REDIRECT_URI) or create a local admin first (cd apps/bff && node --import tsx src/identity/create-user.ts <username> admin < password-file)',
    );
  }
  const password = options.demoPassword ?? randomBytes(12).toString('base64url');
  const created = await seedDemoUsers(users, password, options.demoPassword !== undefined);
  if (created.length > 0 && options.demoPassword === undefined) {
    announce(`Demo mode: sign in as ${created.join(', ')} with the password ${password} (shown once; set CORRIDOR_DEMO_PASSWORD to choose it)`);
  }
}

/** Creates the missing demo users; with `enforce`, resets an existing one whose password differs. Answers who was created. */
async function seedDemoUsers(users: UserStore, password: string, enforce: boolean): Promise<string[]> {
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    const existing = await users.find(demo.username);
    if (!existing) {
      try {
        await users.create({ ...demo, password });
        created.push(demo.username);
      } catch (error) {
        // Another replica seeded it between the look-up and the insert.
        if (!(error instanceof ConflictError)) throw error;
      }
    } else if (enforce && existing.passwordHash && !(await verifyPassword(password, existing.passwordHash))) {
      await users.setPassword(demo.username, await hashPassword(password));
    }
  }
  return created;
}
