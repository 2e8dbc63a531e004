import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_KEY_FILE, auditKeyring, loadAuditKey } from '../src/audit/audit-keys.ts';
import { loadConfig } from '../src/config.ts';

const TOKEN = 's'.repeat(32);

describe('the audit key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is generated once into <dataDir>/audit-key, readable by its owner only, and read back at the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-key-'));
    dirs.push(dir);
    const first = loadAuditKey(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadAuditKey(dir)).toBe(first);
    expect(loadAuditKey(dir, 'c'.repeat(32))).toBe('c'.repeat(32));
  });

  it('names every key by an id that does not reveal it, the current and the previous ones', () => {
    const ring = auditKeyring('n'.repeat(32), ['o'.repeat(32)]);
    expect([...ring.byId.keys()]).toHaveLength(2);
    expect(ring.current.id).toMatch(/^ak-[0-9a-f]{16}$/);
    expect(ring.current.id).not.toContain('n'.repeat(8));
    expect(() => auditKeyring('short')).toThrow(/at least 32/);
  });

  it('is configured by CORRIDOR_AUDIT_KEY and CORRIDOR_AUDIT_KEYS_PREVIOUS, each at least 32 characters', () => {
    const config = loadConfig({
      CORRIDOR_SERVICE_TOKEN: TOKEN,
      CORRIDOR_AUDIT_KEY: 'k'.repeat(32),
      CORRIDOR_AUDIT_KEYS_PREVIOUS: `${'p'.repeat(32)}, ${'q'.repeat(40)}`,
      CORRIDOR_AUDIT_ANCHOR_SECONDS: '5',
    });
    expect(config).toMatchObject({ auditKey: 'k'.repeat(32), auditKeysPrevious: ['p'.repeat(32), 'q'.repeat(40)], auditAnchorMs: 5000 });
    expect(loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN }).auditKey).toBeUndefined();
    expect(() => loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN, CORRIDOR_AUDIT_KEY: 'short' })).toThrow(/CORRIDOR_AUDIT_KEY/);
    expect(() => loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN, CORRIDOR_AUDIT_KEYS_PREVIOUS: 'short' })).toThrow(/CORRIDOR_AUDIT_KEYS_PREVIOUS/);
  });
});
