import type { AuditList, AuditRecord, AuditVerification } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { listAudit, recordAudit, verifyAudit, type AuditEntry } from './audit-log.ts';

/** One page of the log, newest first: `limit` records before seq `before` (from the newest when absent). */
export interface AuditPage {
  before?: number;
  limit: number;
}

/**
 * The hash-chained audit log as the audit routes see it: read a page, verify the chain, record one entry
 * in a transaction of its own. Changes that must be audited together with what they change (a commit, a
 * migration) append inside their own transaction through audit-log.ts instead.
 */
export class AuditService {
  constructor(private readonly db: Db) {}

  list(page: AuditPage): Promise<AuditList> {
    return listAudit(this.db, page);
  }

  verify(): Promise<AuditVerification> {
    return verifyAudit(this.db);
  }

  record(entry: AuditEntry, at: Date): Promise<AuditRecord> {
    return recordAudit(this.db, entry, at);
  }
}
