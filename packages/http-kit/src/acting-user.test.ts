import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACTING_USER_MAX_LIFETIME_MS, ACTING_USER_TTL_MS, secretsEqual, signActingUser, verifyActingUser } from './acting-user.ts';

const SECRET = 'service-token-for-tests-0123456789abcdef';
const NOW = Date.UTC(2026, 0, 15, 9, 30);
const operator = { username: 'amina', role: 'operator' as const };
const tenantUser = { username: 'tenant-a', role: 'tenant' as const, tenant: 'tenant-a' };

/** Signs any text the way a holder of the secret would, to reach the checks after the signature. */
function signText(text: string) {
  const user = Buffer.from(text).toString('base64url');
  return { user, signature: createHmac('sha256', SECRET).update(user).digest('hex') };
}

describe('signed acting user', () => {
  it('round-trips who acts, tenant included, for a minute', () => {
    for (const principal of [operator, tenantUser]) {
      const { user, signature } = signActingUser(principal, SECRET, NOW);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(verifyActingUser(user, signature, SECRET, NOW + ACTING_USER_TTL_MS - 1)).toEqual({ ok: true, user: principal });
    }
  });

  it('carries only name, role, tenant and expiry, whatever else the principal holds', () => {
    const { user } = signActingUser({ ...operator, name: 'Amina B.', method: 'password' } as typeof operator, SECRET, NOW);
    expect(JSON.parse(Buffer.from(user, 'base64url').toString())).toEqual({ username: 'amina', role: 'operator', exp: NOW + 60_000 });
  });

  it('refuses a signature made with another secret, or one character off', () => {
    const { user, signature } = signActingUser(operator, SECRET, NOW);
    expect(verifyActingUser(user, signActingUser(operator, 'another-secret', NOW).signature, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect(verifyActingUser(user, flipped, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    for (const junk of ['', 'zz', signature.toUpperCase(), signature + '00', signature.slice(2)]) {
      expect(verifyActingUser(user, junk, SECRET, NOW), junk).toEqual({ ok: false, reason: 'bad signature' });
    }
  });

  it('refuses a user changed after signing (a promoted role)', () => {
    const { user, signature } = signActingUser({ username: 'eve', role: 'executive' }, SECRET, NOW);
    const promoted = Buffer.from(Buffer.from(user, 'base64url').toString().replace('executive', 'admin')).toString('base64url');
    expect(verifyActingUser(promoted, signature, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses an expired one', () => {
    const { user, signature } = signActingUser(operator, SECRET, NOW);
    expect(verifyActingUser(user, signature, SECRET, NOW + ACTING_USER_TTL_MS)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a well-signed value that expires too far ahead (ten years), and says why', () => {
    const tenYears = signText(JSON.stringify({ ...operator, exp: NOW + 10 * 365 * 24 * 3_600_000 }));
    expect(verifyActingUser(tenYears.user, tenYears.signature, SECRET, NOW)).toEqual({ ok: false, reason: 'expiry too far ahead' });
    const justOver = signText(JSON.stringify({ ...operator, exp: NOW + ACTING_USER_MAX_LIFETIME_MS + 1 }));
    expect(verifyActingUser(justOver.user, justOver.signature, SECRET, NOW)).toEqual({ ok: false, reason: 'expiry too far ahead' });
    // A clock a minute behind the signer's still accepts what the signer signed.
    const signed = signActingUser(operator, SECRET, NOW + 60_000);
    expect(verifyActingUser(signed.user, signed.signature, SECRET, NOW)).toEqual({ ok: true, user: operator });
  });

  it('refuses a well-signed value that is not an acting user', () => {
    const cases = [
      'not json',
      { username: 'amina', role: 'pilot', exp: NOW + 1000 },
      { username: 'amina', role: 'operator' },
      { username: 'amina <script>', role: 'operator', exp: NOW + 1000 },
      { username: 'tenant-a', role: 'tenant', exp: NOW + 1000 },
      { username: 'amina', role: 'operator', tenant: 'tenant-a', exp: NOW + 1000 },
    ];
    for (const payload of cases) {
      const { user, signature } = signText(typeof payload === 'string' ? payload : JSON.stringify(payload));
      expect(verifyActingUser(user, signature, SECRET, NOW), JSON.stringify(payload)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('secretsEqual', () => {
  it('says whether two secrets match, whatever their lengths', () => {
    expect(secretsEqual(SECRET, SECRET)).toBe(true);
    expect(secretsEqual(SECRET, SECRET.slice(0, -1))).toBe(false);
    expect(secretsEqual('', SECRET)).toBe(false);
  });
});
