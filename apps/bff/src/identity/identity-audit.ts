import { AuditRecordSchema, ServiceUnavailableError, type Principal } from '@corridor/shared';
import type { Logger } from '@corridor/http-kit';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { acting } from './context.ts';

export type IdentityAuditAction = 'login' | 'login-failed' | 'logout';
/** Admin changes: about `user:<username>` or `token:<id>`. */
export type AdminAuditAction = 'user-created' | 'user-disabled' | 'token-issued' | 'token-revoked';

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

  /**
   * One admin change, by the admin `by`, recorded before the change is made (or, for a token, before its
   * secret is shown). Unlike a sign-in this fails closed: when the control plane cannot take the record
   * it throws 503 and the caller changes nothing, since an admin change is exactly what an attacker would
   * want off the chain, and it can wait for the control plane.
   */
  async recordAdmin(action: AdminAuditAction, subject: `user:${string}` | `token:${string}`, detail: Record<string, string | number | boolean | null>, by: Principal): Promise<void> {
    const body = { action, subject, detail };
    const auditor = this.planes.auditor();
    try {
      await acting.run(by, () => auditor.write('POST', '/v1/audit', AuditRecordSchema, { body }));
    } catch (error) {
      this.logger.error({ audit: body, err: error }, `could not record "${action}" in the audit log of ${auditor.name}: the change was refused`);
      throw new ServiceUnavailableError(`the audit log (${auditor.name}) cannot record this change now, so nothing was changed: try again when it is back`);
    }
  }
}
