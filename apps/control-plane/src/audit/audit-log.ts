import { createHash } from 'node:crypto';
import type { AuditAction, AuditList, AuditQuery, AuditRecord } from '@corridor/shared';
import type { Db, Queryable } from '@corridor/store';
import { hmacHex, keyringOf, type AuditKey } from './audit-keys.ts';

/**
 * The append-only, hash-chained audit log (migrations 004 and 006). Each record's hash covers the
 * previous record's hash, so changing, removing or reordering any record breaks every hash after it;
 * and since migration 006 it is an HMAC with the audit key (audit-keys.ts), which is not in the store,
 * so whoever can write the store cannot rehash what follows a change. audit-verify.ts checks it.
 */

/** What a caller records; seq, time and hashes are the log's. */
export interface AuditEntry {
  actor: string;
  action: AuditAction;
  subject: string;
  detail: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A record's hash: HMAC-SHA256 with its key of prevHash ‖ canonical JSON of the record without its hash
 * (the key id included, so a record cannot be passed off as made with another key); plain sha256 of the
 * same for the records written before the chain was keyed (no keyId).
 */
export function hashRecord(record: Omit<AuditRecord, 'hash'>, key?: AuditKey): string {
  const { seq, at, actor, action, subject, detail, prevHash, keyId } = record;
  if (!keyId || !key) return sha256Hex(prevHash + canonicalJson({ seq, at, actor, action, subject, detail, prevHash }));
  return hmacHex(key, prevHash + canonicalJson({ seq, at, actor, action, subject, detail, prevHash, keyId }));
}

/**
 * Appends one record inside the caller's transaction, so the record and the change it describes are
 * committed together or not at all. The head row lock makes concurrent appends take turns; callers
 * take it last (after any site or workload lock), so lock order is the same everywhere.
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  const key = keyringOf(tx).current;
  const head = await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head FOR UPDATE');
  const { seq: headSeq, hash: prevHash } = head.rows[0]!;
  // Stored as it is hashed: the detail goes through JSON once, so what is read back hashes the same.
  const detail = JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>;
  const unhashed = { seq: Number(headSeq) + 1, at: at.toISOString(), ...entry, detail, prevHash, keyId: key.id };
  const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed, key) };
  await tx.query(
    `WITH appended AS (
       INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash, key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     )
     UPDATE audit_head SET seq = $1, hash = $8`,
    [record.seq, record.at, record.actor, record.action, record.subject, JSON.stringify(detail), record.prevHash, record.hash, key.id],
  );
  return record;
}

/**
 * Records the key in use when it is not the one of the last record: the first keyed record of a chain
 * (older records stay unkeyed) and each rotation, made with the new key and naming the one before.
 */
export async function recordAuditKey(db: Db, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = keyringOf(tx).current;
    await tx.query('SELECT seq FROM audit_head FOR UPDATE');
    const last = (await tx.query<{ key_id: string | null }>('SELECT key_id FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
    if (last?.key_id === key.id) return false;
    await appendAudit(tx, { actor: 'system', action: 'audit-key', subject: `audit-key:${key.id}`, detail: { keyId: key.id, previousKeyId: last?.key_id ?? null } }, at);
    return true;
  });
}

/** Appends one record in a transaction of its own. */
export function recordAudit(db: Db, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  return db.transaction((tx) => appendAudit(tx, entry, at));
}

export interface AuditRowDb {
  seq: string | number;
  at: Date | string;
  actor: string;
  action: AuditRecord['action'];
  subject: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  key_id: string | null;
}

export const COLUMNS = 'seq, at, actor, action, subject, detail, prev_hash, hash, key_id';

export function toRecord(row: AuditRowDb): AuditRecord {
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(row.key_id ? { keyId: row.key_id } : {}),
  };
}

/**
 * Newest first, `limit` records before seq `before` (all when absent) that match the filters: one action,
 * one actor, `at` within [from, to). nextBefore when older matching ones may remain.
 */
export async function listAudit(db: Queryable, page: AuditQuery): Promise<AuditList> {
  const params: unknown[] = [page.before ?? Number.MAX_SAFE_INTEGER];
  const where = ['seq < $1'];
  const filter = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (page.action) filter('action = ?', page.action);
  if (page.actor) filter('actor = ?', page.actor);
  if (page.from) filter('at >= ?', new Date(page.from));
  if (page.to) filter('at < ?', new Date(page.to));
  params.push(page.limit + 1);
  const { rows } = await db.query<AuditRowDb>(`SELECT ${COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`, params);
  const records = rows.slice(0, page.limit).map(toRecord);
  const last = records.at(-1);
  return { records, ...(rows.length > page.limit && last ? { nextBefore: last.seq } : {}) };
}

/** Every record about one subject (e.g. `workload:wl-…`), oldest first. */
export async function auditOf(db: Queryable, subject: string): Promise<AuditRecord[]> {
  const { rows } = await db.query<AuditRowDb>(`SELECT ${COLUMNS} FROM audit_log WHERE subject = $1 ORDER BY seq`, [subject]);
  return rows.map(toRecord);
}

/** What the log records of a policy pack: its version, its rules' ids and how many conditions it names. */
export interface AuditedPolicy {
  version: string;
  pack: { rules: readonly { id: string }[]; conditions: readonly unknown[] };
}

/** Audits the policy pack loaded at start (`policy-load`) when its version differs from the last one recorded. */
export async function recordPolicyLoad(db: Db, policy: AuditedPolicy, at: Date): Promise<boolean> {
  const subject = `policy:${policy.version}`;
  return db.transaction(async (tx) => {
    // Under the chain head's lock, so replicas starting together record a new version once.
    await tx.query('SELECT seq FROM audit_head FOR UPDATE');
    const last = await tx.query<{ subject: string }>(`SELECT subject FROM audit_log WHERE action = 'policy-load' ORDER BY seq DESC LIMIT 1`);
    if (last.rows[0]?.subject === subject) return false;
    const detail = { version: policy.version, rules: policy.pack.rules.map((r) => r.id), conditions: policy.pack.conditions.length };
    await appendAudit(tx, { actor: 'system', action: 'policy-load', subject, detail }, at);
    return true;
  });
}
