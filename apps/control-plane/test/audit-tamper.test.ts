import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { AuditListSchema, AuditVerificationSchema, type AuditVerification } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { AUDIT_ANCHOR_FILE } from '../src/audit/audit-anchors.ts';
import { canonicalJson, sha256Hex } from '../src/audit/audit-log.ts';
import type { ControlPlaneConfig } from '../src/config.ts';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { actingHeaders, USERS } from './auth.ts';
import { configFor, freshStore, STORE_KINDS, type StoreKind } from './stores.ts';

const logger = createLogger('audit-tamper-test', 'silent');
const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);

/**
 * An attacker who can write the store (and the anchor file) but does not hold the audit key: every
 * tamper is named by GET /v1/audit/verify, with the first record it touched.
 */
describe.each(STORE_KINDS)('tamper evidence of the audit chain on %s', (kind: StoreKind) => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });

  async function store() {
    const s = await freshStore(kind, 'control-plane', { migrated: true });
    opened.push({ close: () => s.cleanup() });
    return s;
  }
  async function start(s: { dataDir: string; databaseUrl?: string }, extra: Partial<ControlPlaneConfig> = {}) {
    const cp = await startControlPlane({ ...configFor(s, buildFleetFile()), auditKey: KEY_A, ...extra }, logger);
    let closed = false;
    const entry = {
      close: async () => {
        if (closed) return;
        closed = true;
        await cp.close();
      },
    };
    opened.push(entry);
    return Object.assign(cp, { stop: entry.close });
  }
  const get = async (cp: RunningControlPlane, path: string) => {
    const res = await fetch(cp.url + path, { headers: actingHeaders(USERS.operator) });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const verify = async (cp: RunningControlPlane): Promise<AuditVerification> => AuditVerificationSchema.parse(await get(cp, '/v1/audit/verify'));
  const records = async (cp: RunningControlPlane) => AuditListSchema.parse(await get(cp, '/v1/audit?limit=500')).records;
  async function signIns(cp: RunningControlPlane, n: number) {
    for (let i = 0; i < n; i++) {
      const res = await fetch(cp.url + '/v1/audit', {
        method: 'POST',
        headers: { ...actingHeaders(USERS.operator), 'content-type': 'application/json' },
        body: JSON.stringify({ action: i % 2 ? 'logout' : 'login', subject: `user:${USERS.operator.username}`, detail: { n: i } }),
      });
      expect(res.status).toBe(201);
    }
    await cp.anchorAudit();
  }
  const headSeq = async (cp: RunningControlPlane) => Number((await cp.db.query<{ seq: string }>('SELECT seq FROM audit_head')).rows[0]!.seq);

  it('is ok, keyed, and answers the last anchor, which is the head once anchored', async () => {
    const cp = await start(await store());
    await signIns(cp, 4);
    const all = await records(cp);
    expect(all.every((r) => r.keyId === all[0]!.keyId && r.keyId)).toBe(true);
    expect(all.at(-1)).toMatchObject({ seq: 1, action: 'audit-key', detail: { previousKeyId: null } });
    const result = await verify(cp);
    expect(result).toMatchObject({ ok: true, checked: all.length, anchor: { seq: all[0]!.seq, hash: all[0]!.hash } });
    expect(result.problem).toBeUndefined();
  });

  it('names the truncation of the last record, even with the head moved back to match', async () => {
    const cp = await start(await store());
    await signIns(cp, 4);
    const last = await headSeq(cp);
    await cp.db.query('DELETE FROM audit_log WHERE seq = $1', [last]);
    await cp.db.query('UPDATE audit_head SET seq = $1, hash = (SELECT hash FROM audit_log WHERE seq = $1)', [last - 1]);
    expect(await verify(cp)).toMatchObject({ ok: false, problem: 'truncated', truncated: true, firstBroken: last, checked: last - 1, anchor: { seq: last } });
  });

  it('names a record deleted in the middle', async () => {
    const cp = await start(await store());
    await signIns(cp, 4);
    const middle = (await headSeq(cp)) - 2;
    await cp.db.query('DELETE FROM audit_log WHERE seq = $1', [middle]);
    expect(await verify(cp)).toMatchObject({ ok: false, problem: 'deleted', firstBroken: middle, brokenAt: middle });
  });

  it('names a record rewritten with every record after it rehashed, without the key', async () => {
    const cp = await start(await store());
    await signIns(cp, 4);
    const target = (await headSeq(cp)) - 2;
    // What an attacker without the key can do: change the record, and recompute each hash after it
    // with the formula of the unkeyed records, keeping or dropping the key id.
    for (const keepKeyId of [true, false]) {
      const rows = (await cp.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq', [target - 1])).rows;
      let prevHash = String(rows[0]!.hash);
      for (const row of rows.slice(1)) {
        const seq = Number(row.seq);
        const actor = seq === target ? 'mallory' : String(row.actor);
        const record = { seq, at: new Date(row.at as string).toISOString(), actor, action: row.action, subject: row.subject, detail: row.detail, prevHash };
        const hash = sha256Hex(prevHash + canonicalJson(keepKeyId ? { ...record, keyId: row.key_id } : record));
        await cp.db.query('UPDATE audit_log SET actor = $2, prev_hash = $3, hash = $4, key_id = $5 WHERE seq = $1', [seq, actor, prevHash, hash, keepKeyId ? row.key_id : null]);
        prevHash = hash;
      }
      await cp.db.query('UPDATE audit_head SET hash = $1', [prevHash]);
      expect(await verify(cp), `key id kept: ${keepKeyId}`).toMatchObject({ ok: false, problem: 'rewritten', firstBroken: target });
    }
  });

  it('names a rewritten last line of the anchor file, and does not anchor over it after a restart', async () => {
    const s = await store();
    const cp = await start(s);
    await signIns(cp, 2);
    const file = join(s.dataDir, AUDIT_ANCHOR_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { seq: number };
    // The attacker cut the chain to seq 2 and makes the anchor agree (without the key, the MAC cannot).
    lines[lines.length - 1] = JSON.stringify({ ...last, seq: 2 });
    writeFileSync(file, lines.join('\n') + '\n');
    expect(await verify(cp)).toMatchObject({ ok: false, problem: 'anchor-forged' });
    await cp.stop();
    const again = await start(s);
    expect(await verify(again)).toMatchObject({ ok: false, problem: 'anchor-forged' });
  });

  it('names a removed last anchor line, and takes the highest anchor when lines arrive out of order', async () => {
    const s = await store();
    const cp = await start(s);
    await signIns(cp, 1);
    await signIns(cp, 1);
    const file = join(s.dataDir, AUDIT_ANCHOR_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    // A replica sharing the file appended an older head a moment after this one's newer one.
    writeFileSync(file, [...lines.slice(0, -2), lines.at(-1), lines.at(-2)].join('\n') + '\n');
    expect(await verify(cp)).toMatchObject({ ok: true, anchor: { seq: JSON.parse(lines.at(-1)!).seq } });
    writeFileSync(file, lines.slice(0, -1).join('\n') + '\n');
    expect(await verify(cp)).toMatchObject({ ok: false, problem: 'anchor-forged' });
  });

  it('names a chain cut and grown again after a restart: the anchor is not in it', async () => {
    const s = await store();
    const cp = await start(s);
    await signIns(cp, 4);
    const last = await headSeq(cp);
    await cp.stop();
    // With the control plane down, the tail is cut and the head moved back, then it starts and grows.
    const db = await (await import('@corridor/store')).openDb(s);
    await db.query('DELETE FROM audit_log WHERE seq >= $1', [last - 1]);
    await db.query('UPDATE audit_head SET seq = $1, hash = (SELECT hash FROM audit_log WHERE seq = $1)', [last - 2]);
    await db.close();
    const again = await start(s);
    expect(await verify(again)).toMatchObject({ ok: false, problem: 'truncated', firstBroken: last - 1, anchor: { seq: last } });
    await signIns(again, 3);
    expect(await verify(again)).toMatchObject({ ok: false, problem: 'anchor-mismatch', firstBroken: last, anchor: { seq: last } });
  });

  it('stays ok across a key rotation (the rotation is a record), and names a key no longer configured', async () => {
    const s = await store();
    const cp = await start(s);
    await signIns(cp, 2);
    await cp.stop();
    const rotated = await start(s, { auditKey: KEY_B, auditKeysPrevious: [KEY_A] });
    await signIns(rotated, 2);
    const all = await records(rotated);
    const rotation = all.find((r) => r.action === 'audit-key' && r.detail.previousKeyId);
    expect(rotation).toMatchObject({ actor: 'system', keyId: all[0]!.keyId });
    expect(rotation!.detail.previousKeyId).toBe(all.at(-1)!.keyId);
    expect(await verify(rotated)).toMatchObject({ ok: true, checked: all.length });
    await rotated.stop();
    const forgot = await start(s, { auditKey: KEY_B });
    expect(await verify(forgot)).toMatchObject({ ok: false, problem: 'unknown-key', firstBroken: 1 });
  });

  it('upgrades a chain written before keys: older records verify unkeyed, before the first keyed one', async () => {
    const s = await store();
    const cp = await start(s);
    await cp.stop();
    // The chain as an older version wrote it: sha256 only, no key id, and no anchor file.
    const db = await (await import('@corridor/store')).openDb(s);
    await db.query('DELETE FROM audit_log');
    let prevHash = '0'.repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const record = { seq, at: new Date(Date.UTC(2026, 0, seq)).toISOString(), actor: 'amina', action: 'login', subject: 'user:amina', detail: { n: seq }, prevHash };
      const hash = sha256Hex(prevHash + canonicalJson(record));
      await db.query('INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        seq,
        record.at,
        'amina',
        'login',
        'user:amina',
        JSON.stringify(record.detail),
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await db.query('UPDATE audit_head SET seq = 3, hash = $1', [prevHash]);
    await db.close();
    rmSync(join(s.dataDir, AUDIT_ANCHOR_FILE));
    const upgraded = await start(s);
    const all = await records(upgraded);
    expect(all.find((r) => r.seq === 4)).toMatchObject({ action: 'audit-key', detail: { previousKeyId: null } });
    expect(await verify(upgraded)).toMatchObject({ ok: true, unkeyedBefore: 4 });
  });
});
