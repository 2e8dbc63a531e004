import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import type { FleetFile } from '@corridor/shared';
import { DEFAULT_POLICY_DIR, type ControlPlaneConfig } from '../src/config.ts';
import { seedPglite, type PgliteLayout } from './pglite-template.ts';

export const STORE_KINDS = ['pglite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * A clean store of the given kind for `service`: an empty PGlite cluster (copied from the run's template, where that
 * service looks for it), or a new database on the test server. `migrated` (PGlite): the service's migrations already
 * applied, for tests that only start the service on it (the migrations themselves are tested from empty).
 */
export async function freshStore(kind: StoreKind, service: PgliteLayout = 'control-plane', { migrated = false } = {}): Promise<{ dataDir: string; databaseUrl?: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-cp-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') return { dataDir: seedPglite(dataDir, service, { migrated }), cleanup: async () => removeDir() };

  const adminUrl = inject('postgresUrl');
  const name = `corridor_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async cleanup() {
      removeDir();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The service credential of the control planes this test process starts (tests sign acting users with it). */
export const SERVICE_TOKEN = randomBytes(32).toString('hex');

/** Writes a fleet to a temp YAML file and returns a config that starts a control plane on a free port with it. */
export function configFor(store: { dataDir: string; databaseUrl?: string }, fleet: FleetFile | string): ControlPlaneConfig {
  const fleetFile = join(store.dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, typeof fleet === 'string' ? fleet : stringify(fleet));
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: store.dataDir,
    fleetFile,
    policyDir: DEFAULT_POLICY_DIR,
    serviceToken: SERVICE_TOKEN,
    ...(store.databaseUrl ? { databaseUrl: store.databaseUrl } : {}),
  };
}
