import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@corridor/store';
import { openIdentityStore } from '../src/identity/identity-store.ts';
import { verifyPassword } from '../src/identity/passwords.ts';
import { DEMO_USERS, prepareUserSources } from '../src/identity/user-sources.ts';
import { UserStore } from '../src/identity/user-store.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';
import { DEMO_PASSWORD, SERVICE_TOKEN } from './harness.ts';
import { freshStore, STORE_KINDS } from './stores.ts';

const BFF_DIR = fileURLToPath(new URL('..', import.meta.url));

describe.each(STORE_KINDS)('who can sign in at start (%s store)', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function emptyStore(): Promise<Db> {
    const store = await freshStore(kind, 'bff');
    const db = await openIdentityStore(store);
    cleanups.push(store.cleanup, () => db.close());
    return db;
  }

  it('seeds the demo users with a generated password, announced once, at the start that creates them', async () => {
    const users = new UserStore(await emptyStore());
    const said: string[] = [];
    await prepareUserSources(users, { production: false, oidcConfigured: false }, (line) => said.push(line));
    await prepareUserSources(users, { production: false, oidcConfigured: false }, (line) => said.push(line));
    expect(said).toHaveLength(1);
    const password = /with the password (\S+) /.exec(said[0]!)?.[1];
    expect(said[0]).toContain('operator, executive, admin, tenant-a, tenant-b');
    for (const demo of DEMO_USERS) {
      const user = await users.find(demo.username);
      expect(user).toMatchObject({ role: demo.role, source: 'local' });
      expect(await verifyPassword(password!, user!.passwordHash!)).toBe(true);
    }
    expect(await users.find('tenant-b')).toMatchObject({ tenant: 'tenant-b' });
  });

  it('keeps CORRIDOR_DEMO_PASSWORD the demo password across starts, and never prints it', async () => {
    const users = new UserStore(await emptyStore());
    const said: string[] = [];
    await prepareUserSources(users, { production: false, oidcConfigured: false }, (line) => said.push(line));
    await prepareUserSources(users, { production: false, oidcConfigured: false, demoPassword: DEMO_PASSWORD }, (line) => said.push(line));
    expect(said).toHaveLength(1);
    expect(said.join()).not.toContain(DEMO_PASSWORD);
    expect(await verifyPassword(DEMO_PASSWORD, (await users.find('admin'))!.passwordHash!)).toBe(true);
  });

  it('in production seeds nobody, and refuses to start with no user source', async () => {
    const users = new UserStore(await emptyStore());
    await expect(prepareUserSources(users, { production: true, demoPassword: DEMO_PASSWORD, oidcConfigured: false }, () => {})).rejects.toThrow(/NODE_ENV=production and no one can sign in/);
    expect(await users.list()).toEqual([]);
    await prepareUserSources(users, { production: true, oidcConfigured: true }, () => {});
    await users.create({ username: 'root-admin', name: 'First admin', role: 'admin', password: 'a long production password' });
    await prepareUserSources(users, { production: true, oidcConfigured: false }, () => {});
    expect((await users.list()).map((u) => u.username)).toEqual(['root-admin']);
  });
});

describe('npm start in production with no user source', () => {
  // PGlite's initdb is not what this test is about: the BFF finds its store initialised, and still refuses to start.
  const dataDir = seedPglite(mkdtempSync(join(tmpdir(), 'corridor-bff-prod-')), 'bff');
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops with a message saying what to configure', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: BFF_DIR,
      env: { ...process.env, NODE_ENV: 'production', CORRIDOR_DATA_DIR: dataDir, CORRIDOR_SERVICE_TOKEN: SERVICE_TOKEN, PORT: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('BFF failed to start: NODE_ENV=production and no one can sign in: configure OpenID Connect');
  });
});
