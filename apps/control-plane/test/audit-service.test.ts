import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@corridor/store';
import { auditKeyring, withAuditKeys } from '../src/audit/audit-keys.ts';
import { AuditService } from '../src/audit/audit-service.ts';
import { migrate } from '../src/store/migrate.ts';
import { STORE_KINDS, freshStore } from './stores.ts';

const T0 = Date.UTC(2026, 5, 21, 10);

describe.each(STORE_KINDS)('AuditService on %s', (kind) => {
  let db: Db;
  let audit: AuditService;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const store = await freshStore(kind);
    db = withAuditKeys(await openDb(store), auditKeyring('k'.repeat(32)));
    cleanup = async () => {
      await db.close();
      await store.cleanup();
    };
    await migrate(db);
    audit = new AuditService(db);
  });
  afterAll(() => cleanup?.());

  it('records entries on the chain, each hashing the one before', async () => {
    const first = await audit.record({ actor: 'amina', action: 'login', subject: 'user:amina', detail: { method: 'password' } }, new Date(T0));
    const second = await audit.record({ actor: 'amina', action: 'logout', subject: 'user:amina', detail: {} }, new Date(T0 + 1000));
    expect(second.seq).toBe(first.seq + 1);
    expect(second.prevHash).toBe(first.hash);
    expect(first).toMatchObject({ at: new Date(T0).toISOString(), actor: 'amina', action: 'login', detail: { method: 'password' } });
  });

  it('filters by action, actor and time', async () => {
    await audit.record({ actor: 'omar', action: 'login', subject: 'user:omar', detail: {} }, new Date(T0 + 5000));
    const byAction = await audit.list({ limit: 100, action: 'logout' });
    expect(byAction.records.map((r) => [r.action, r.actor])).toEqual([['logout', 'amina']]);
    const byActor = await audit.list({ limit: 100, actor: 'omar' });
    expect(byActor.records.map((r) => r.subject)).toEqual(['user:omar']);
    const window = await audit.list({ limit: 100, from: new Date(T0 + 1000).toISOString(), to: new Date(T0 + 5000).toISOString() });
    expect(window.records.map((r) => r.action)).toEqual(['logout']);
    const paged = await audit.list({ limit: 1, action: 'login' });
    expect(paged.records.map((r) => r.actor)).toEqual(['omar']);
    expect((await audit.list({ limit: 1, action: 'login', before: paged.nextBefore })).records.map((r) => r.actor)).toEqual(['amina']);
    await db.query(`DELETE FROM audit_log WHERE actor = 'omar'`);
    await db.query(`UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)`);
  });

  it('lists newest first, a page at a time', async () => {
    const all = await audit.list({ limit: 100 });
    const newest = all.records[0]!;
    expect(newest).toMatchObject({ action: 'logout' });
    const page = await audit.list({ limit: 1 });
    expect(page.records).toEqual([newest]);
    expect(page.nextBefore).toBe(newest.seq);
    const older = await audit.list({ before: page.nextBefore, limit: 1 });
    expect(older.records[0]).toMatchObject({ action: 'login', seq: newest.seq - 1 });
  });

  it('verifies the whole chain, and names the first record that no longer fits once one is changed', async () => {
    const { records } = await audit.list({ limit: 100 });
    expect(await audit.verify()).toEqual({ ok: true, count: records.length, checked: records.length, headHash: records[0]!.hash });
    const login = records.find((r) => r.action === 'login')!;
    await db.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = $1`, [login.seq]);
    expect(await audit.verify()).toMatchObject({ ok: false, count: login.seq - 1, brokenAt: login.seq, firstBroken: login.seq, problem: 'rewritten' });
  });
});
