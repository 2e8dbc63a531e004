import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openDb } from '@corridor/store';
import { migrate } from '../src/store/migrate.ts';
import { PGLITE_LAYOUT, type PgliteLayout } from './pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Closed PGlite folders a test's new store starts as a copy of (see pglite-template.ts): `empty` just past
     * initdb, and per service the same with that service's migrations applied.
     */
    pgliteTemplates: { empty: string } & Partial<Record<PgliteLayout, string>>;
  }
}

const STORE_PACKAGE = fileURLToPath(new URL('../../../packages/store/', import.meta.url));

/** Opens a store under `dataDir` the way the service does, migrates it and closes it. */
export type Migrator = (dataDir: string) => Promise<void>;

const migrateControlPlane: Migrator = async (dataDir) => {
  const db = await openDb({ dataDir });
  await migrate(db);
  await db.close();
};

/**
 * PGlite runs initdb in WebAssembly for every empty folder it opens: 1 to 5 s of one core each, and the suite opens
 * hundreds. It is the same cluster every time, so it is made once per PGlite build and kept in the temp dir (the
 * key is the installed PGlite's folder, which names its version): the second project and the next run reuse it.
 */
async function emptyTemplate(): Promise<string> {
  const pglite = realpathSync(join(STORE_PACKAGE, 'node_modules/@electric-sql/pglite'));
  const key = createHash('sha256').update(pglite).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `corridor-pglite-template-${key}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), 'corridor-pglite-building-'));
  const db = await openDb({ dataDir: building });
  await db.close();
  try {
    // Whole or not at all: a run that dies half-way leaves no template behind, only a building dir.
    renameSync(join(building, 'pglite'), template);
  } catch (error) {
    // Another project of the run made it meanwhile: theirs is as good.
    if (!existsSync(template)) throw error;
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

/**
 * Makes the run's templates: the empty cluster, and one migrated per service of `migrators` (for this run only:
 * the migrations change with the code), so a test's store skips the migrations a start would run on it.
 */
export async function provideTemplates(project: TestProject, migrators: Partial<Record<PgliteLayout, Migrator>>) {
  const empty = await emptyTemplate();
  const runDir = mkdtempSync(join(tmpdir(), 'corridor-pglite-run-'));
  const templates: { empty: string } & Partial<Record<PgliteLayout, string>> = { empty };
  for (const [service, migrator] of Object.entries(migrators) as [PgliteLayout, Migrator][]) {
    const dataDir = join(runDir, service);
    const dir = join(dataDir, PGLITE_LAYOUT[service]);
    cpSync(empty, dir, { recursive: true });
    await migrator(dataDir);
    templates[service] = dir;
  }
  project.provide('pgliteTemplates', templates);
  return () => rmSync(runDir, { recursive: true, force: true });
}

export default (project: TestProject) => provideTemplates(project, { 'control-plane': migrateControlPlane });
export { migrateControlPlane };
