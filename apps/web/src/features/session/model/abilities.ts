import { allows, PERMISSIONS, type Permission, type Principal, type Role } from '@corridor/shared';

/** What the console offers a principal: an action the role cannot take is not shown (the server refuses it anyway). */
export interface Abilities {
  /** Plan and commit workloads ("Place a workload"). */
  canPlace: boolean;
  /** Release workloads (a tenant: its own). */
  canRelease: boolean;
  /** A tenant principal's tenant: the form's tenant is fixed to it and the list has no tenant filter. */
  ownTenant?: string;
  /** Users and API tokens (admin). */
  canAdminIdentity: boolean;
  /** The audit log and its verification. */
  canReadAudit: boolean;
  /** The placement policy's rules (every role that reads the fleet). */
  canReadPolicy: boolean;
  /** Alerts, silences, maintenance windows and drains (executive, operator, admin). */
  canReadNoc: boolean;
  /** Acknowledge, silence, schedule maintenance, drain (operator). */
  canOperateNoc: boolean;
  /** The timeline (a tenant: its own workloads' events). */
  canReadTimeline: boolean;
}

export function abilitiesOf(principal: Principal): Abilities {
  return {
    canPlace: allows(principal.role, 'placement:plan') && allows(principal.role, 'workloads:write'),
    canRelease: allows(principal.role, 'workloads:write'),
    ownTenant: principal.role === 'tenant' ? principal.tenant : undefined,
    canAdminIdentity: allows(principal.role, 'identity:admin'),
    canReadAudit: allows(principal.role, 'audit:read'),
    canReadPolicy: allows(principal.role, 'fleet:read'),
    canReadNoc: allows(principal.role, 'noc:read'),
    canOperateNoc: allows(principal.role, 'noc:operate'),
    canReadTimeline: allows(principal.role, 'timeline:read'),
  };
}

export const ROLE_LABELS: Record<Role, string> = { executive: 'Executive', operator: 'Operator', admin: 'Admin', tenant: 'Tenant' };

/** Why a principal who may not place workloads sees no form, in words. */
export const placingDeniedReason = (principal: Principal): string =>
  `Placing workloads is for operators, admins and tenants. You are signed in as ${ROLE_LABELS[principal.role].toLowerCase()}: you can read the network, its capacity and the workloads, but not place or release them.`;

/** Why a principal may not open a view that needs `permission`, in words (the roles that may, from PERMISSIONS). */
export function viewDeniedReason(principal: Principal, what: string, permission: Permission): string {
  const roles = (PERMISSIONS[permission] as readonly Role[]).map((r) => `${ROLE_LABELS[r].toLowerCase()}s`);
  const who = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : roles[0];
  return `${what} is for ${who}. You are signed in as ${ROLE_LABELS[principal.role].toLowerCase()}.`;
}
