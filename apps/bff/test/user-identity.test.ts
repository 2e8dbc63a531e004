import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, type Principal } from '@corridor/shared';
import { UserStore } from '../src/identity/user-store.ts';
import { bffStore } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const ISSUER = 'https://idp.example.org';
const person = (username: string, role: Principal['role'] = 'operator'): Principal => ({ username, name: `${username} (idp)`, role, method: 'oidc' });

describe.each(STORE_KINDS)('accounts: one per name in any case, OpenID Connect ones by issuer + subject (%s store)', (kind) => {
  let store: Awaited<ReturnType<typeof bffStore>>;
  let users: UserStore;

  beforeAll(async () => {
    store = await bffStore(kind);
    users = new UserStore(store.db);
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('refuses a local account whose name differs from another only in case (409)', async () => {
    await expect(users.create({ username: 'Operator', name: 'Second operator', role: 'operator', password: 'a-long-enough-password' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps an identity its account when the provider renames it, and refuses another identity with the name in any case', async () => {
    expect(await users.recordOidcSignIn(person('dana'), { issuer: ISSUER, subject: 's-1' })).toBe('dana');
    expect(await users.recordOidcSignIn({ ...person('dana.k', 'admin') }, { issuer: ISSUER, subject: 's-1' })).toBe('dana');
    expect(await users.find('dana')).toMatchObject({ role: 'admin', source: 'oidc' });
    expect(await users.find('dana.k')).toBeUndefined();

    await expect(users.recordOidcSignIn(person('DANA', 'admin'), { issuer: ISSUER, subject: 's-2' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(users.recordOidcSignIn(person('dana'), { issuer: 'https://other-idp.example.org', subject: 's-1' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(users.recordOidcSignIn(person('Admin', 'admin'), { issuer: ISSUER, subject: 's-3' })).rejects.toThrow('belongs to a local account');
  });

  it('binds an account recorded before identities were kept to the first identity, then only to it', async () => {
    await store.db.query(`INSERT INTO bff_users (username, name, role, source, created_at) VALUES ('legacy.user', 'Legacy', 'executive', 'oidc', now())`);
    expect(await users.recordOidcSignIn(person('legacy.user', 'executive'), { issuer: ISSUER, subject: 's-10' })).toBe('legacy.user');
    await expect(users.recordOidcSignIn(person('legacy.user', 'admin'), { issuer: ISSUER, subject: 's-11' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await users.find('legacy.user')).toMatchObject({ role: 'executive' });
  });

  it('lets only one of 20 identities racing for a new name have it', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => users.recordOidcSignIn(person(i % 2 ? 'race' : 'RACE'), { issuer: ISSUER, subject: `r-${i}` })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const { rows } = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bff_users WHERE lower(username) = 'race'`);
    expect(rows[0]!.n).toBe(1);
  });
});
