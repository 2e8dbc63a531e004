import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildFleetFile } from '@corridor/shared/testing';
import { LoginThrottle, throttleKeys } from '../src/identity/login-throttle.ts';
import { hashPassword } from '../src/identity/passwords.ts';
import { UserStore } from '../src/identity/user-store.ts';
import { bffStore, DEMO_PASSWORD, realControlPlane, signIn, startBff, type RunningBff } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

// Every real password check goes through verifyPassword: count them, so a test sees how many guesses
// reached scrypt, not only what the answers said.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/identity/passwords.ts', async (original) => {
  const real = await original<typeof import('../src/identity/passwords.ts')>();
  return {
    ...real,
    verifyPassword: (...args: Parameters<typeof real.verifyPassword>) => {
      checks.count++;
      return real.verifyPassword(...args);
    },
  };
});

describe.each(STORE_KINDS)('login throttle under parallel guesses (%s store)', (kind) => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let store: Awaited<ReturnType<typeof bffStore>>;
  let bff: RunningBff;
  let nowMs = Date.now();
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    store = await bffStore(kind);
    bff = await startBff([upstream.cp.url], { db: store.db, now: () => nowMs, config: { trustProxy: 'loopback' } });
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
    await store?.cleanup();
  });
  beforeEach(async () => {
    await store.db.query('DELETE FROM bff_login_throttle');
    checks.count = 0;
  });

  it('lets at most the 5 free failures of 100 parallel wrong passwords for one name reach scrypt; the rest are 429', async () => {
    // The guesses meet the production scrypt cost, not the suite's cheaper one (vitest.config.ts): what the throttle
    // holds back is a burst of real hashing jobs on the thread pool.
    vi.stubEnv('CORRIDOR_TEST_SCRYPT_LOG2N', undefined);
    await new UserStore(store.db).setPassword('operator', await hashPassword(DEMO_PASSWORD));
    vi.unstubAllEnvs();
    expect((await new UserStore(store.db).find('operator'))?.passwordHash).toMatch(/^scrypt\$32768\$/);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(bff.url, 'operator', `guess-${i}`, from(`192.0.2.${i + 1}`))));
    const statuses = answers.map((a) => a.res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
    expect(checks.count).toBe(5);
    // The throttle holds afterwards too: even the right password waits.
    expect((await signIn(bff.url, 'operator', DEMO_PASSWORD, from('192.0.2.200'))).res.status).toBe(429);
  });

  it('lets at most the 20 free failures of one address guessing 100 names in parallel reach scrypt', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(bff.url, `name-${i}`, 'guess', from('203.0.113.50'))));
    expect(answers.filter((a) => a.res.status === 401)).toHaveLength(20);
    expect(checks.count).toBe(20);
  });

  it('throttles a spray of 15 names that signs in to its own account every 4 guesses', async () => {
    const ip = from('203.0.113.60');
    const statuses: number[] = [];
    for (let round = 0; round < 15; round++) {
      for (let guess = 0; guess < 4; guess++) statuses.push((await signIn(bff.url, `victim-${(round * 4 + guess) % 15}`, `guess-${round}`, ip)).res.status);
      await signIn(bff.url, 'executive', DEMO_PASSWORD, ip);
      nowMs += 1000;
    }
    // Its own sign-ins reset nothing: after the address's 20 free failures, guesses wait 1 s, 2 s, 4 s …
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(26);
    expect(statuses.slice(-8)).toEqual(Array(8).fill(429));
  });

  it('keeps an address block short (a NAT is many people), while a name stays blocked for long', async () => {
    const office = from('198.51.100.70');
    for (let i = 0; i < 40; i++) {
      const { res } = await signIn(bff.url, `typo-${i}`, 'guess', office);
      if (res.status === 429) nowMs += Number(res.headers.get('retry-after')) * 1000;
    }
    const blocked = await signIn(bff.url, 'admin', DEMO_PASSWORD, office);
    expect(blocked.res.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    nowMs += 60_000;
    expect((await signIn(bff.url, 'admin', DEMO_PASSWORD, office)).res.status).toBe(200);

    for (let i = 0; i < 25; i++) {
      const { res } = await signIn(bff.url, 'tenant-a', 'guess', from(`198.51.100.${100 + i}`));
      if (res.status === 429) nowMs += Number(res.headers.get('retry-after')) * 1000;
    }
    expect(Number((await signIn(bff.url, 'tenant-a', DEMO_PASSWORD, from('198.51.100.200'))).res.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('reserves attempts atomically in the store itself: 100 parallel reservations, 5 granted', async () => {
    const throttle = new LoginThrottle(store.db, { now: () => nowMs });
    const waits = await Promise.all(Array.from({ length: 100 }, (_, i) => throttle.reserve(throttleKeys(`10.0.0.${i}`, 'Someone'))));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    // An attempt that ended in an error gives its place back.
    await throttle.abandoned(throttleKeys('10.0.0.0', 'someone'));
    expect(await throttle.reserve(throttleKeys('10.0.0.0', 'someone'))).toBe(0);
    expect(await throttle.reserve(throttleKeys('10.0.0.1', 'someone'))).toBeGreaterThan(0);
  });
});
