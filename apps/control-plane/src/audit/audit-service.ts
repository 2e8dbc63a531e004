import type { AuditList, AuditQuery, AuditRecord, AuditVerification } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { AuditAnchors } from './audit-anchors.ts';
import { listAudit, recordAudit, type AuditEntry } from './audit-log.ts';
import { verifyAudit } from './audit-verify.ts';

/** One page of the log, newest first, filtered: see AuditQuery. */
export type AuditPage = AuditQuery;

/**
 * The hash-chained audit log as the audit routes see it: read a page, verify the chain (against the last
 * anchor when there are anchors), record one entry in a transaction of its own. Changes that must be
 * audited together with what they change (a commit, a migration) append inside their own transaction
 * through audit-log.ts instead. `db` must carry the audit keys (withAuditKeys).
 */
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly anchors?: AuditAnchors,
  ) {}

  list(page: AuditPage): Promise<AuditList> {
    return listAudit(this.db, page);
  }

  /** The anchor is read before the chain, so it never names a record the chain's snapshot does not hold yet. */
  async verify(): Promise<AuditVerification> {
    const reading = this.anchors ? await this.anchors.read() : {};
    return verifyAudit(this.db, reading);
  }

  record(entry: AuditEntry, at: Date): Promise<AuditRecord> {
    return recordAudit(this.db, entry, at);
  }

  /** Writes the chain's head to the anchor file when it moved on; says why not when the chain or the file no longer fits. */
  async anchor(): Promise<{ refused?: string }> {
    return (await this.anchors?.write(this.db)) ?? {};
  }
}
