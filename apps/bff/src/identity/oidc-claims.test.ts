import { describe, expect, it } from 'vitest';
import { principalFromClaims } from './oidc-claims.ts';

const CLAIMS = { roleClaim: 'corridor_role', tenantClaim: 'corridor_tenant' };

describe('claims → principal', () => {
  it('uses preferred_username, then sub, and the name (or the user name when there is none)', () => {
    expect(principalFromClaims({ sub: 'u-1', preferred_username: 'alice', name: ' Alice ', corridor_role: 'executive' }, CLAIMS)).toEqual({
      ok: true,
      principal: { username: 'alice', name: 'Alice', role: 'executive', method: 'oidc' },
    });
    expect(principalFromClaims({ sub: 'u-1', preferred_username: 'not a user name', corridor_role: 'admin' }, CLAIMS)).toEqual({
      ok: true,
      principal: { username: 'u-1', name: 'u-1', role: 'admin', method: 'oidc' },
    });
  });

  it('reads the role from the configured claim, a string or a list with exactly one Corridor role', () => {
    const roles = { roleClaim: 'groups', tenantClaim: 'org' };
    expect(principalFromClaims({ sub: 'u-1', groups: ['staff', 'operator'] }, roles)).toMatchObject({ ok: true, principal: { role: 'operator' } });
    expect(principalFromClaims({ sub: 'u-1', groups: ['operator', 'admin'] }, roles)).toMatchObject({ ok: false, error: 'oidc_role' });
  });

  it('refuses a missing or unknown role rather than guessing one', () => {
    expect(principalFromClaims({ sub: 'u-1' }, CLAIMS)).toMatchObject({ ok: false, error: 'oidc_role', username: 'u-1' });
    expect(principalFromClaims({ sub: 'u-1', corridor_role: 'root' }, CLAIMS)).toMatchObject({ ok: false, error: 'oidc_role' });
  });

  it('gives a tenant its tenant, refuses a tenant without a valid one, and ignores it for other roles', () => {
    expect(principalFromClaims({ sub: 'u-1', corridor_role: 'tenant', corridor_tenant: 'tenant-b' }, CLAIMS)).toMatchObject({ ok: true, principal: { role: 'tenant', tenant: 'tenant-b' } });
    expect(principalFromClaims({ sub: 'u-1', corridor_role: 'tenant' }, CLAIMS)).toMatchObject({ ok: false, error: 'oidc_tenant' });
    expect(principalFromClaims({ sub: 'u-1', corridor_role: 'tenant', corridor_tenant: 'Tenant B!' }, CLAIMS)).toMatchObject({ ok: false, error: 'oidc_tenant' });
    expect(principalFromClaims({ sub: 'u-1', corridor_role: 'operator', corridor_tenant: 'tenant-b' }, CLAIMS)).toEqual({
      ok: true,
      principal: { username: 'u-1', name: 'u-1', role: 'operator', method: 'oidc' },
    });
  });

  it('refuses claims that name nobody Corridor can show', () => {
    expect(principalFromClaims({ sub: 'has spaces', corridor_role: 'admin' }, CLAIMS)).toMatchObject({ ok: false, error: 'oidc_claims' });
  });
});
