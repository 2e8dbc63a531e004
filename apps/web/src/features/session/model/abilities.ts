import { allows, type Principal, type Role } from '@corridor/shared';

/** What the console offers a principal: an action the role cannot take is not shown (the server refuses it anyway). */
export interface Abilities {
  /** Plan and commit workloads ("Place a workload"). */
  canPlace: boolean;
  /** Release workloads (a tenant: its own). */
  canRelease: boolean;
  /** A tenant principal's tenant: the form's tenant is fixed to it and the list has no tenant filter. */
  ownTenant?: string;
}

export function abilitiesOf(principal: Principal): Abilities {
  return {
    canPlace: allows(principal.role, 'placement:plan') && allows(principal.role, 'workloads:write'),
    canRelease: allows(principal.role, 'workloads:write'),
    ownTenant: principal.role === 'tenant' ? principal.tenant : undefined,
  };
}

export const ROLE_LABELS: Record<Role, string> = { executive: 'Executive', operator: 'Operator', admin: 'Admin', tenant: 'Tenant' };

/** Why a principal who may not place workloads sees no form, in words. */
export const placingDeniedReason = (principal: Principal): string =>
  `Placing workloads is for operators, admins and tenants. You are signed in as ${ROLE_LABELS[principal.role].toLowerCase()}: you can read the network, its capacity and the workloads, but not place or release them.`;
