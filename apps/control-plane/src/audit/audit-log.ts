import { createHash } from 'node:crypto';
import type { AuditAction, AuditList, AuditRecord, AuditVerification } from '@corridor/shared';
import type { Db, Queryable } from '@corridor/store';

/**
 * The append-only, hash-chained audit log (migration 004). Each record's hash covers the previous
 * record's hash, so changing, removing or reordering any record breaks every hash after it; verify()
 * recomputes the chain and names the first record that no longer fits.
 */

/** What a caller records; seq, time and hashes are the log's. */
export interface AuditEntry {
  actor: string;
  action: AuditAction;
  subject: string;
  detail: Record<string, unknown>;
}

const GENESIS_HASH = '0'.repeat(64);
/** Records read per query while verifying: bounded memory whatever the length of the chain. */
const VERIFY_PAGE = 2000;

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

/** sha256(prevHash ‖ canonical JSON of the record without its hash). */
function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, actor, action, subject, detail, prevHash } = record;
  return sha256Hex(prevHash + canonicalJson({ seq, at, actor, action, subject, detail, prevHash }));
}

/**
 * Appends one record inside the caller's transaction, so the record and the change it describes are
 * committed together or not at all. The head row lock makes concurrent appends take turns; callers
 * take it last (after any site or workload lock), so lock order is the same everywhere.
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  const head = await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head FOR UPDATE');
  const { seq: headSeq, hash: prevHash } = head.rows[0]!;
  const unhashed = { seq: Number(headSeq) + 1, at: at.toISOString(), ...entry, prevHash };
  // Stored as it is hashed: the detail goes through JSON once, so what is read back hashes the same.
  const detail = JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>;
  const record: AuditRecord = { ...unhashed, detail, hash: hashRecord({ ...unhashed, detail }) };
  await tx.query(
    `WITH appended AS (
       INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     )
     UPDATE audit_head SET seq = $1, hash = $8`,
    [record.seq, record.at, record.actor, record.action, record.subject, JSON.stringify(detail), record.prevHash, record.hash],
  );
  return record;
}

/** Appends one record in a transaction of its own. */
export function recordAudit(db: Db, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  return db.transaction((tx) => appendAudit(tx, entry, at));
}

interface AuditRowDb {
  seq: string | number;
  at: Date | string;
  actor: string;
  action: AuditRecord['action'];
  subject: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, at, actor, action, subject, detail, prev_hash, hash';

function toRecord(row: AuditRowDb): AuditRecord {
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Newest first, `limit` records before seq `before` (all when absent); nextBefore when older ones remain. */
export async function listAudit(db: Queryable, page: { before?: number; limit: number }): Promise<AuditList> {
  const { rows } = await db.query<AuditRowDb>(`SELECT ${COLUMNS} FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2`, [page.before ?? Number.MAX_SAFE_INTEGER, page.limit + 1]);
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

/**
 * Recomputes the chain from the first record: each must carry the next seq, the previous record's hash
 * and a hash of its own content; the last must be the head (a cut-off tail shows as the first missing seq).
 */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  return db.transaction(async (tx) => {
    // One snapshot for the head and every page, so appends made meanwhile are not mistaken for a fork.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = (await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head')).rows[0]!;
    let prevHash = GENESIS_HASH;
    let count = 0;
    for (;;) {
      const { rows } = await tx.query<AuditRowDb>(`SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [count, VERIFY_PAGE]);
      for (const row of rows) {
        const record = toRecord(row);
        const expected = count + 1;
        if (record.seq !== expected || record.prevHash !== prevHash || hashRecord(record) !== record.hash) {
          return { ok: false, count, brokenAt: expected };
        }
        prevHash = record.hash;
        count = expected;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    if (count !== Number(head.seq) || prevHash !== head.hash) return { ok: false, count, brokenAt: count + 1 };
    return { ok: true, count, headHash: prevHash };
  });
}
