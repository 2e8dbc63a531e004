import { AuditRecordSchema, type Principal } from '@corridor/shared';
import type { Logger } from '@corridor/http-kit';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { acting } from './context.ts';

export type IdentityAuditAction = 'login' | 'login-failed' | 'logout';

/**
 * Records sign-ins, failed sign-ins and sign-outs in the control plane's hash-chained audit log
 * (`POST /v1/audit` on the set's auditor: the control plane that places, so one chain holds both).
 *
 * When the control plane cannot take the record, the sign-in still goes ahead and the record is
 * written to the BFF's log at error level instead, in full, to be reconciled. Refusing the sign-in
 * would keep operators out of the console exactly when a control plane is down and they need the
 * status banner and the other jurisdictions' fleet; and nothing a signed-in user does can change
 * state without that same control plane, which audits every plan, commit and release with the
 * acting user, so no change ever escapes the audit log.
 */
export class IdentityAudit {
  constructor(
    private readonly planes: Pick<ControlPlaneSet, 'auditor'>,
    private readonly logger: Logger,
  ) {}

  /**
   * One record about `user:<username>`. `by` is who acts (the user who signed in or out); a failed
   * sign-in acts as nobody (the control plane records the system), whoever is signed in on the request.
   */
  async record(action: IdentityAuditAction, username: string, detail: Record<string, unknown>, by?: Principal): Promise<void> {
    const body = { action, subject: `user:${username}`, detail };
    const auditor = this.planes.auditor();
    const send = () => auditor.write('POST', '/v1/audit', AuditRecordSchema, { body });
    try {
      await (by ? acting.run(by, send) : acting.exit(send));
    } catch (error) {
      this.logger.error({ audit: body, err: error }, `could not record "${action}" in the audit log of ${auditor.name}`);
    }
  }
}
