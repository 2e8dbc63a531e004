import type { Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { IdentityAudit } from '../src/identity/identity-audit.ts';
import { SESSION_COOKIE, SessionService } from '../src/identity/session-service.ts';
import type { UserStore } from '../src/identity/user-store.ts';
import { bffStore } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const MINUTE = 60_000;
const OPERATOR: Principal = { username: 'operator', name: 'Operator', role: 'operator', method: 'password' };
const SESSION_READ = /FROM bff_sessions WHERE id_hash/;

/** The store, counting the session reads and touches sent to it. */
function counting(db: Db) {
  const sent = { reads: 0, touches: 0 };
  const counted: Db = {
    ...db,
    kind: db.kind,
    query: (sql, params) => {
      if (/^SELECT/.test(sql) && SESSION_READ.test(sql)) sent.reads++;
      if (/^UPDATE bff_sessions SET last_seen_at/.test(sql)) sent.touches++;
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: counted, sent };
}

const requestWith = (id: string) => ({ headers: { cookie: `${SESSION_COOKIE}=${id}` }, ip: '127.0.0.1' }) as unknown as Request;
const response = { clearCookie: () => undefined } as unknown as Response;

describe.each(STORE_KINDS)('session reads under a burst (%s store)', (kind) => {
  let store: Awaited<ReturnType<typeof bffStore>>;
  let nowMs = Date.now();
  const service = (db: Db) =>
    new SessionService(db, {} as UserStore, { record: async () => undefined } as unknown as IdentityAudit, {
      idleMs: 30 * MINUTE,
      absoluteMs: 12 * 60 * MINUTE,
      secureCookie: false,
      now: () => nowMs,
    });

  beforeAll(async () => {
    store = await bffStore(kind);
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('answers 300 requests arriving at once on one session with one store read, and one more once the copy is stale', async () => {
    const { db, sent } = counting(store.db);
    const sessions = service(db);
    const { id } = await sessions.open(OPERATOR);

    const first = await Promise.all(Array.from({ length: 300 }, () => sessions.resolve(requestWith(id))));
    expect(first.every((s) => s?.principal.username === 'operator')).toBe(true);
    expect(sent.reads).toBe(1);

    nowMs += 2_000;
    const again = await Promise.all(Array.from({ length: 300 }, () => sessions.resolve(requestWith(id))));
    expect(again.every((s) => s?.principal.username === 'operator')).toBe(true);
    expect(sent.reads).toBe(2);
  });

  it('moves the idle expiry once for a crowd that shared a read, not once per request', async () => {
    const { db, sent } = counting(store.db);
    const sessions = service(db);
    const { id } = await sessions.open(OPERATOR);
    nowMs += 2 * MINUTE;
    await Promise.all(Array.from({ length: 50 }, () => sessions.resolve(requestWith(id))));
    expect(sent.touches).toBe(1);
  });

  it('never answers a signed-out session from a read that was under way when it ended', async () => {
    const sessions = service(store.db);
    const { id } = await sessions.open(OPERATOR);
    // A burst starts a read; the person signs out while it is under way; every request after that is refused.
    const during = Promise.all(Array.from({ length: 20 }, () => sessions.resolve(requestWith(id))));
    await sessions.logout(requestWith(id), response);
    await during;
    expect(await sessions.resolve(requestWith(id))).toBeUndefined();
    expect(await Promise.all(Array.from({ length: 20 }, () => sessions.resolve(requestWith(id))))).toEqual(Array.from({ length: 20 }, () => undefined));
  });
});
