import { createHash, randomBytes } from 'node:crypto';
import { InputError, NotFoundError, type ApiToken, type ApiTokenCreate, type ApiTokenCreated, type Principal, type Role } from '@corridor/shared';
import type { Db } from '@corridor/store';

/** Every secret starts with it, so a leaked one is easy to spot (secret scanners, logs). */
export const TOKEN_PREFIX = 'crd_';

/** `last_used_at` moves on at most this often: one write a minute per busy token, not one per request. */
const TOUCH_EVERY_MS = 60_000;

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  tenant: string | null;
  created_by: string;
  created_at: Date | string;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const COLUMNS = 'id, name, role, tenant, created_by, created_at, expires_at, last_used_at, revoked_at';
const iso = (t: Date | string) => new Date(t).toISOString();
/** The secret has 256 random bits: a plain sha256 of it cannot be searched, unlike a password. */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

function fromRow(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ...(row.tenant === null ? {} : { tenant: row.tenant }),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    ...(row.expires_at === null ? {} : { expiresAt: iso(row.expires_at) }),
    ...(row.last_used_at === null ? {} : { lastUsedAt: iso(row.last_used_at) }),
    ...(row.revoked_at === null ? {} : { revokedAt: iso(row.revoked_at) }),
  };
}

/** The principal a token acts as: the token itself (`token.<id>`), with the role and tenant it was issued. */
function principalOf(token: ApiToken): Principal {
  return { username: `token.${token.id}`, name: token.name, role: token.role, ...(token.tenant ? { tenant: token.tenant } : {}), method: 'token' };
}

/** API tokens for automation (`bff_api_tokens`): issued by an admin, shown once, kept hashed, revocable. */
export class TokenService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async issue({ name, role, tenant, expiresAt }: ApiTokenCreate, createdBy: string): Promise<ApiTokenCreated> {
    if (expiresAt !== undefined && Date.parse(expiresAt) <= this.now()) {
      throw new InputError('invalid token: expiresAt must be in the future', [{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const id = `tok-${randomBytes(8).toString('hex')}`;
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const { rows } = await this.db.query<TokenRow>(
      `INSERT INTO bff_api_tokens (id, name, role, tenant, secret_hash, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [id, name, role, tenant ?? null, hashOf(secret), createdBy, new Date(this.now()), expiresAt === undefined ? null : new Date(expiresAt)],
    );
    return { token: fromRow(rows[0]!), secret };
  }

  /** Every token, revoked and expired ones too (newest first): what was issued stays visible. */
  async list(): Promise<ApiToken[]> {
    const { rows } = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM bff_api_tokens ORDER BY created_at DESC, id`);
    return rows.map(fromRow);
  }

  /** Revokes a token at once (every replica reads the store); revoking it again changes nothing. */
  async revoke(id: string): Promise<ApiToken> {
    const { rows } = await this.db.query<TokenRow>(`UPDATE bff_api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`, [id, new Date(this.now())]);
    if (!rows[0]) throw new NotFoundError(`no token "${id}"`);
    return fromRow(rows[0]);
  }

  /** The principal of a live token's secret; undefined for an unknown, revoked or expired one. */
  async resolve(secret: string): Promise<Principal | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
    const { rows } = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM bff_api_tokens WHERE secret_hash = $1`, [hashOf(secret)]);
    const row = rows[0];
    const now = this.now();
    if (!row || row.revoked_at !== null || (row.expires_at !== null && now >= new Date(row.expires_at).getTime())) return undefined;
    if (row.last_used_at === null || now - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
      await this.db.query('UPDATE bff_api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, new Date(now)]);
    }
    return principalOf(fromRow(row));
  }
}
