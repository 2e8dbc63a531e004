import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@corridor/store';
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
    db = await openDb(store);
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
    expect(await audit.verify()).toEqual({ ok: true, count: records.length, headHash: records[0]!.hash });
    const login = records.find((r) => r.action === 'login')!;
    await db.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = $1`, [login.seq]);
    expect(await audit.verify()).toEqual({ ok: false, count: login.seq - 1, brokenAt: login.seq });
  });
});
