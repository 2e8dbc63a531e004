import { PolicyReloadSchema, type PolicyReload } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';

/**
 * The policy pack's reload, on the control plane that places (the one whose pack GET /api/policy shows
 * and whose workloads are re-checked against it). The admin acting is signed onto the call, so the
 * control plane checks the permission again and audits the re-check in the admin's name.
 */
export class PolicyService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'placer'>) {}

  /** Reading the folder again changes nothing when nothing changed in it: safe to send again. */
  async reload(): Promise<PolicyReload> {
    return (await this.planes.placer().write('POST', '/v1/policy/reload', PolicyReloadSchema, { idempotent: true })).data;
  }
}
