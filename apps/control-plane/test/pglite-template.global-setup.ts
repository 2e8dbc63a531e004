import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openDb } from '@corridor/store';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed PGlite folder just past initdb: a test's new store starts as a copy of it (see pglite-template.ts). */
    pgliteTemplate: string;
  }
}

const STORE_PACKAGE = fileURLToPath(new URL('../../../packages/store/', import.meta.url));

/**
 * PGlite runs initdb in WebAssembly for every empty folder it opens: 1 to 5 s of one core each, and the suite opens
 * hundreds. It is the same cluster every time, so it is made once per PGlite build and kept in the temp dir (the
 * key is the installed PGlite's folder, which names its version): the second project and the next run reuse it.
 */
export default async function setup(project: TestProject) {
  const pglite = realpathSync(join(STORE_PACKAGE, 'node_modules/@electric-sql/pglite'));
  const key = createHash('sha256').update(pglite).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `corridor-pglite-template-${key}`);
  if (!existsSync(template)) {
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
  }
  project.provide('pgliteTemplate', template);
}
