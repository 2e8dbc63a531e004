import { ConflictError, ForbiddenError, NotFoundError, type Locale, type Principal, type Role, type User, type UserCreate } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { hashPassword } from './passwords.ts';

/** A user as stored: the view an admin sees, plus the password hash of a local account. */
export interface StoredUser extends User {
  passwordHash?: string;
}

/** Who an OpenID Connect account is at its provider: the ID token's `iss` and `sub`. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
}

interface UserRow {
  username: string;
  name: string;
  role: Role;
  tenant: string | null;
  source: 'local' | 'oidc';
  password_hash: string | null;
  created_at: Date | string;
  disabled_at: Date | string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

const iso = (t: Date | string) => new Date(t).toISOString();

function fromRow(row: UserRow): StoredUser {
  return {
    username: row.username,
    name: row.name,
    role: row.role,
    ...(row.tenant === null ? {} : { tenant: row.tenant }),
    source: row.source,
    createdAt: iso(row.created_at),
    ...(row.disabled_at === null ? {} : { disabledAt: iso(row.disabled_at) }),
    ...(row.password_hash === null ? {} : { passwordHash: row.password_hash }),
  };
}

/** The user an admin sees: never the hash. */
export function presentUser({ passwordHash: _hash, ...user }: StoredUser): User {
  return user;
}

/** The console's accounts in the BFF's store (`bff_users`). */
export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async find(username: string): Promise<StoredUser | undefined> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM bff_users WHERE username = $1', [username]);
    return rows[0] && fromRow(rows[0]);
  }

  async list(): Promise<User[]> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM bff_users ORDER BY username');
    return rows.map((r) => presentUser(fromRow(r)));
  }

  /** A new local account; 409 when the name is taken in any case (by an enabled or a disabled account). */
  async create({ username, name, role, tenant, password }: UserCreate): Promise<User> {
    const hash = await hashPassword(password);
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO bff_users (username, name, role, tenant, source, password_hash, created_at)
       VALUES ($1, $2, $3, $4, 'local', $5, $6) ON CONFLICT DO NOTHING RETURNING *`,
      [username, name, role, tenant ?? null, hash, new Date(this.now())],
    );
    if (!rows[0]) throw new ConflictError(`user "${username}" already exists`);
    return presentUser(fromRow(rows[0]));
  }

  /** Sets a local account's password (demo seeding, the create-user command). */
  async setPassword(username: string, passwordHash: string): Promise<void> {
    await this.db.query(`UPDATE bff_users SET password_hash = $2 WHERE username = $1 AND source = 'local'`, [username, passwordHash]);
  }

  /**
   * Keeps the language a person chose for the console with their account (local or OpenID Connect);
   * false when there is no such enabled account.
   */
  async setLocale(username: string, locale: Locale): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE bff_users SET locale = $2 WHERE username = $1 AND disabled_at IS NULL RETURNING username', [username, locale]);
    return rows.length > 0;
  }

  /** Disables an account and ends its sessions in the same transaction, so none outlives it. */
  async disable(username: string): Promise<User> {
    const row = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<UserRow>('UPDATE bff_users SET disabled_at = COALESCE(disabled_at, $2) WHERE username = $1 RETURNING *', [username, new Date(this.now())]);
      await tx.query('DELETE FROM bff_sessions WHERE username = $1', [username]);
      return rows[0];
    });
    if (!row) throw new NotFoundError(`no user "${username}"`);
    return presentUser(fromRow(row));
  }

  /**
   * Records an OpenID Connect sign-in and answers the account's name. The account is the provider's
   * identity (issuer + subject): created at its first sign-in under the name the provider suggests, its
   * name, role and tenant then follow the claims at every sign-in, and it keeps its name here even if the
   * provider's changes. Refused (403) when the suggested name is taken, in any case, by a local account or
   * by another identity, and when the account was disabled here.
   */
  async recordOidcSignIn(principal: Principal, identity: OidcIdentity): Promise<string> {
    const username = await this.db.transaction(async (tx) => {
      const bound = await tx.query<UserRow>('SELECT * FROM bff_users WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE', [identity.issuer, identity.subject]);
      const named = bound.rows[0] ?? (await tx.query<UserRow>('SELECT * FROM bff_users WHERE lower(username) = lower($1) FOR UPDATE', [principal.username])).rows[0];
      if (!named) {
        const created = await tx.query<UserRow>(
          `INSERT INTO bff_users (username, name, role, tenant, source, created_at, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, 'oidc', $5, $6, $7)
           ON CONFLICT DO NOTHING RETURNING *`,
          [principal.username, principal.name, principal.role, principal.tenant ?? null, new Date(this.now()), identity.issuer, identity.subject],
        );
        // Another sign-in took the name (or this identity) a moment ago: the next attempt sees which.
        if (!created.rows[0]) throw new ConflictError(`the account "${principal.username}" was just created by another sign-in: try again`);
        return principal.username;
      }
      if (named.source !== 'oidc') throw new ForbiddenError(`the account "${named.username}" belongs to a local account`);
      if (!bound.rows[0] && named.oidc_issuer !== null) throw new ForbiddenError(`the account "${named.username}" belongs to another person of the identity provider`);
      if (named.disabled_at !== null) throw new ForbiddenError(`the account "${named.username}" is disabled`);
      await tx.query('UPDATE bff_users SET name = $2, role = $3, tenant = $4, oidc_issuer = $5, oidc_subject = $6 WHERE username = $1', [
        named.username,
        principal.name,
        principal.role,
        principal.tenant ?? null,
        identity.issuer,
        identity.subject,
      ]);
      return named.username;
    });
    return username;
  }

  /** Whether anyone can sign in with a password (the production start needs a user source). */
  async hasEnabledLocalUsers(): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM bff_users WHERE source = 'local' AND disabled_at IS NULL LIMIT 1`);
    return rows.length > 0;
  }
}
