import { describe, expect, it, vi } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';

// The hashes production makes, not the suite's cheaper ones (vitest.config.ts).
vi.stubEnv('CORRIDOR_TEST_SCRYPT_LOG2N', undefined);

describe('password hashes', () => {
  it('verifies the password it was made from, and no other', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery ', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('treats a composed and a decomposed accent as the same password', async () => {
    expect(await verifyPassword('Mot de passe fran\u0063\u0327ais', await hashPassword('Mot de passe fran\u00e7ais'))).toBe(true);
  });

  it('never matches a malformed or absurdly costly stored hash', async () => {
    const [, , , , salt, key] = (await hashPassword('x')).split('$');
    for (const stored of ['', 'plain-text', `bcrypt$32768$8$1$${salt}$${key}`, `scrypt$${2 ** 30}$8$1$${salt}$${key}`, `scrypt$1000$8$1$${salt}$${key}`, `scrypt$32768$8$1$${salt}$short`]) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
  });

  it('keeps one decoy hash for unknown names, which a guess does not match', async () => {
    expect(await decoyHash()).toBe(await decoyHash());
    expect(await verifyPassword('corridor-demo-password', await decoyHash())).toBe(false);
  });
});
