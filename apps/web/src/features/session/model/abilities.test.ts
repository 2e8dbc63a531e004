import type { Principal } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from './abilities.ts';

const principal = (overrides: Partial<Principal>): Principal => ({ username: 'someone', name: 'Someone', role: 'operator', method: 'password', ...overrides });

describe('what the console offers each role', () => {
  it('an executive reads: no placing, no release', () => {
    expect(abilitiesOf(principal({ role: 'executive' }))).toEqual({ canPlace: false, canRelease: false, ownTenant: undefined });
  });

  it('an operator and an admin place and release any workload', () => {
    for (const role of ['operator', 'admin'] as const) expect(abilitiesOf(principal({ role }))).toEqual({ canPlace: true, canRelease: true, ownTenant: undefined });
  });

  it('a tenant places and releases, bound to its own tenant', () => {
    expect(abilitiesOf(principal({ role: 'tenant', tenant: 'tenant-a' }))).toEqual({ canPlace: true, canRelease: true, ownTenant: 'tenant-a' });
  });
});
