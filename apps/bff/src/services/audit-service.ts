import { AuditListSchema, AuditVerificationSchema, type AuditList, type AuditQuery, type AuditVerification } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { withQuery } from './query-path.ts';

/**
 * The hash-chained audit log, read from the control plane that keeps it (the set's auditor: every plan,
 * commit and release, and every sign-in, are on that one chain). The control plane checks `audit:read`
 * again for the acting user the client signs onto each call.
 */
export class AuditService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'auditor'>) {}

  /** A page of records, from the newest back, filtered by action, actor and time; `nextBefore` when older ones remain. */
  async list(query: AuditQuery): Promise<AuditList> {
    return (await this.planes.auditor().get(withQuery('/v1/audit', query), AuditListSchema)).data;
  }

  /** Recomputes the keyed chain on the control plane against its last anchor: ok with the anchor, or the tamper named and the first record it touched. */
  async verify(): Promise<AuditVerification> {
    return (await this.planes.auditor().get('/v1/audit/verify', AuditVerificationSchema)).data;
  }
}
