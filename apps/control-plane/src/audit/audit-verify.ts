import type { AuditAnchor, AuditProblem, AuditVerification } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { AnchorReading } from './audit-anchors.ts';
import { keyringOf } from './audit-keys.ts';
import { COLUMNS, GENESIS_HASH, hashRecord, toRecord, type AuditRowDb } from './audit-log.ts';
import { sameHex } from './audit-keys.ts';

/** Records read per query while verifying: bounded memory whatever the length of the chain. */
const VERIFY_PAGE = 2000;

interface Broken {
  problem: AuditProblem;
  firstBroken: number;
  message: string;
}

/**
 * Recomputes the chain from the first record, against the keys and the last anchor: each record must
 * carry the next seq (else `deleted`), the previous record's hash and a hash of its own content made
 * with its key (else `rewritten`; `unknown-key` for a key not configured); once keyed, never unkeyed
 * again (a downgrade is a rewrite). The chain must reach its head and the last anchor (else
 * `truncated`) and hold the anchor's hash at the anchor's seq (else `anchor-mismatch`); an anchor file
 * whose last line was changed or removed is `anchor-forged`. The first problem found is named.
 */
export async function verifyAudit(db: Db, anchors: AnchorReading = {}): Promise<AuditVerification> {
  const keyring = keyringOf(db);
  const { anchor } = anchors;
  const result = await db.transaction(async (tx) => {
    // One snapshot for the head and every page, so appends made meanwhile are not mistaken for a fork.
    // The anchor was read before it, so the snapshot holds every record the anchor names.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = (await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head')).rows[0]!;
    let prevHash = GENESIS_HASH;
    let count = 0;
    let keyedFrom: number | undefined;
    const answer = (broken?: Broken) => ({ count, prevHash, keyedFrom, broken, headSeq: Number(head.seq), headHash: head.hash });
    for (;;) {
      const { rows } = await tx.query<AuditRowDb>(`SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [count, VERIFY_PAGE]);
      for (const row of rows) {
        const record = toRecord(row);
        const expected = count + 1;
        if (record.seq !== expected) return answer({ problem: 'deleted', firstBroken: expected, message: `record ${expected} is missing (the next one is ${record.seq})` });
        const rewritten: Broken = { problem: 'rewritten', firstBroken: expected, message: `record ${expected} is not the one that was written` };
        if (record.prevHash !== prevHash) return answer({ ...rewritten, message: `record ${expected} does not follow the record before it` });
        if (record.keyId) {
          const key = keyring.byId.get(record.keyId);
          if (!key) return answer({ problem: 'unknown-key', firstBroken: expected, message: `record ${expected} is keyed with ${record.keyId}, which is not configured` });
          if (!sameHex(hashRecord(record, key), record.hash)) return answer(rewritten);
          keyedFrom ??= expected;
        } else if (keyedFrom !== undefined || hashRecord(record) !== record.hash) {
          // An unkeyed record after a keyed one was written by someone without the key.
          return answer(rewritten);
        }
        if (anchor && expected === anchor.seq && record.hash !== anchor.hash) {
          return answer({ problem: 'anchor-mismatch', firstBroken: expected, message: `record ${expected} is not the one anchored at ${anchor.at}` });
        }
        prevHash = record.hash;
        count = expected;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    if (anchor && count < anchor.seq) {
      return answer({ problem: 'truncated', firstBroken: count + 1, message: `the chain ends at ${count}, but ${anchor.seq} was anchored at ${anchor.at}` });
    }
    if (count !== Number(head.seq) || prevHash !== head.hash) {
      return answer({ problem: 'truncated', firstBroken: count + 1, message: `the chain ends at ${count}, but its head is ${head.seq}` });
    }
    return answer();
  });
  const { count, broken, keyedFrom } = result;
  const common = {
    count,
    checked: count,
    ...(anchor ? { anchor: anchorOut(anchor) } : {}),
    ...(keyedFrom !== undefined && keyedFrom > 1 ? { unkeyedBefore: keyedFrom } : {}),
  };
  if (broken) {
    return {
      ok: false,
      ...common,
      brokenAt: broken.firstBroken,
      firstBroken: broken.firstBroken,
      problem: broken.problem,
      message: broken.message,
      ...(broken.problem === 'truncated' ? { truncated: true } : {}),
    };
  }
  if (anchors.forged) {
    return { ok: false, ...common, headHash: result.prevHash, brokenAt: count + 1, firstBroken: count + 1, problem: 'anchor-forged', message: anchors.forged };
  }
  return { ok: true, ...common, headHash: result.prevHash };
}

const anchorOut = ({ seq, hash, at, keyId }: AuditAnchor): AuditAnchor => ({ seq, hash, at, keyId });
