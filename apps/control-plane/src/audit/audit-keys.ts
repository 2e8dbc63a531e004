import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, Queryable } from '@corridor/store';

/**
 * The audit chain's keys. Each record's hash is an HMAC with the current key, so someone who can write
 * the store but not read this key cannot rewrite a record and rehash the ones after it. The key is never
 * in the store: CORRIDOR_AUDIT_KEY, or else `<dataDir>/audit-key` (generated at first start, owner-only,
 * beside `service-token`; PGlite's files are in `<dataDir>/pglite`). Rotating: put the old key in
 * CORRIDOR_AUDIT_KEYS_PREVIOUS and a new one in CORRIDOR_AUDIT_KEY; records name their key by id.
 */

export interface AuditKey {
  /** Derived from the secret, so it names the key without revealing it. */
  id: string;
  secret: string;
}

export interface AuditKeyring {
  /** The key new records and anchors are made with. */
  current: AuditKey;
  /** Every key verify knows: the current one and the previous ones. */
  byId: ReadonlyMap<string, AuditKey>;
}

export const AUDIT_KEY_MIN_LENGTH = 32;
export const AUDIT_KEY_FILE = 'audit-key';

export function auditKeyId(secret: string): string {
  return `ak-${createHash('sha256').update(`corridor audit key id\n${secret}`).digest('hex').slice(0, 16)}`;
}

export function auditKeyring(current: string, previous: readonly string[] = []): AuditKeyring {
  for (const secret of [current, ...previous]) {
    if (secret.length < AUDIT_KEY_MIN_LENGTH) throw new Error(`an audit key must be at least ${AUDIT_KEY_MIN_LENGTH} characters`);
  }
  const key = (secret: string): AuditKey => ({ id: auditKeyId(secret), secret });
  const byId = new Map([...previous, current].map((s) => [auditKeyId(s), key(s)]));
  return { current: key(current), byId };
}

/** The configured key, else the one in `<dataDir>/audit-key`, written there (mode 600) when there is none yet. */
export function loadAuditKey(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < AUDIT_KEY_MIN_LENGTH) throw new Error(`${file} holds no audit key of at least ${AUDIT_KEY_MIN_LENGTH} characters`);
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // 'wx': two processes starting on one data dir never overwrite each other's key.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditKey(dataDir);
    throw error;
  }
  return secret;
}

export function hmacHex(key: AuditKey, text: string): string {
  return createHmac('sha256', key.secret).update(text).digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const keyrings = new WeakMap<object, AuditKeyring>();

/**
 * The store, with its transactions carrying the audit keyring: appendAudit(tx, …) finds the key of the
 * transaction it is given, so the callers that audit inside their own transactions (commits, releases,
 * the lifecycle) keep their signatures and never handle the key.
 */
export function withAuditKeys(db: Db, keyring: AuditKeyring): Db {
  const keyed: Db = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) =>
      db.transaction((tx) => {
        const keyedTx: Queryable = { query: (sql, params) => tx.query(sql, params) };
        keyrings.set(keyedTx, keyring);
        return fn(keyedTx);
      }),
    close: () => db.close(),
  };
  keyrings.set(keyed, keyring);
  return keyed;
}

/** The keyring a store or transaction was opened with (withAuditKeys); throws when it has none, so no record is ever written unkeyed. */
export function keyringOf(q: Queryable): AuditKeyring {
  const keyring = keyrings.get(q);
  if (!keyring) throw new Error('the audit log is keyed: open the store with withAuditKeys(db, keyring)');
  return keyring;
}
