import { allows, PERMISSIONS, type Permission, type Principal, type Role } from '@corridor/shared';
import { formatTag, translate } from '../../../lib/i18n/runtime.ts';

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

/** Each role's name in the language in force (getters: read when shown, never frozen at module load). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  get executive() {
    return translate('session.role.executive');
  },
  get operator() {
    return translate('session.role.operator');
  },
  get admin() {
    return translate('session.role.admin');
  },
  get tenant() {
    return translate('session.role.tenant');
  },
};

const roleInSentence = (role: Role): string => translate(`session.roleInSentence.${role}`);

/** Why a principal who may not place workloads sees no form, in words. */
export const placingDeniedReason = (principal: Principal): string => translate('session.denied.placing', { role: roleInSentence(principal.role) });

/** Why a principal may not open a view that needs `permission`, in words (the roles that may, from PERMISSIONS, listed as the language lists). */
export function viewDeniedReason(principal: Principal, what: string, permission: Permission): string {
  const roles = (PERMISSIONS[permission] as readonly Role[]).map((r) => translate(`session.rolePlural.${r}`));
  const who = new Intl.ListFormat(formatTag(), { style: 'long', type: 'conjunction' }).format(roles);
  return translate('session.denied.view', { what, roles: who, role: roleInSentence(principal.role) });
}
