import type { Principal } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { abilitiesOf, viewDeniedReason } from './abilities.ts';

const principal = (overrides: Partial<Principal>): Principal => ({ username: 'someone', name: 'Someone', role: 'operator', method: 'password', ...overrides });

describe('what the console offers each role', () => {
  it('an executive reads: no placing, no release', () => {
    expect(abilitiesOf(principal({ role: 'executive' }))).toMatchObject({ canPlace: false, canRelease: false, ownTenant: undefined });
  });

  it('an operator and an admin place and release any workload', () => {
    for (const role of ['operator', 'admin'] as const) expect(abilitiesOf(principal({ role }))).toMatchObject({ canPlace: true, canRelease: true, ownTenant: undefined });
  });

  it('a tenant places and releases, bound to its own tenant', () => {
    expect(abilitiesOf(principal({ role: 'tenant', tenant: 'tenant-a' }))).toMatchObject({ canPlace: true, canRelease: true, ownTenant: 'tenant-a' });
  });

  it('only an admin manages users and tokens; every role but a tenant reads the audit log; every role reads the policy', () => {
    const of = (role: Principal['role']) => abilitiesOf(principal({ role, tenant: role === 'tenant' ? 'tenant-a' : undefined }));
    expect(of('admin')).toMatchObject({ canAdminIdentity: true, canReadAudit: true, canReadPolicy: true });
    expect(of('operator')).toMatchObject({ canAdminIdentity: false, canReadAudit: true, canReadPolicy: true });
    expect(of('executive')).toMatchObject({ canAdminIdentity: false, canReadAudit: true, canReadPolicy: true });
    expect(of('tenant')).toMatchObject({ canAdminIdentity: false, canReadAudit: false, canReadPolicy: true });
  });

  it('lets the operator run the NOC, executives and admins read it, and a tenant only its timeline', () => {
    const of = (role: Principal['role']) => abilitiesOf(principal({ role, tenant: role === 'tenant' ? 'tenant-a' : undefined }));
    expect(of('operator')).toMatchObject({ canReadNoc: true, canOperateNoc: true, canReadTimeline: true });
    expect(of('executive')).toMatchObject({ canReadNoc: true, canOperateNoc: false, canReadTimeline: true });
    expect(of('admin')).toMatchObject({ canReadNoc: true, canOperateNoc: false, canReadTimeline: true });
    expect(of('tenant')).toMatchObject({ canReadNoc: false, canOperateNoc: false, canReadTimeline: true });
  });

  it('says who may open a view a role may not', () => {
    expect(viewDeniedReason(principal({ role: 'tenant', tenant: 'tenant-a' }), 'Users', 'identity:admin')).toBe('Users is for admins. You are signed in as tenant.');
    expect(viewDeniedReason(principal({ role: 'tenant', tenant: 'tenant-a' }), 'The audit log', 'audit:read')).toBe(
      'The audit log is for executives, operators and admins. You are signed in as tenant.',
    );
  });
});
