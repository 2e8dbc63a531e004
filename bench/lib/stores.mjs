// Runs a store benchmark on both stores in one run: PGlite in a temp dir, then a PostgreSQL server it
// starts itself (scripts/postgres-server.mjs), and removes everything it made, even on Ctrl-C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../scripts/postgres-server.mjs';
import { onSignal } from './common.mjs';

/**
 * `measure(kind, { dataDir, databaseUrl? })` on PGlite then PostgreSQL; exits 2 when either cannot run.
 * BENCH_STORE=pglite or =postgres runs one only (a second look at one store; the verdict needs both).
 */
export async function onBothStores(name, measure) {
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), `corridor-bench-${name}-`));
  let pg;
  const stop = onSignal(async () => {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    const only = process.env.BENCH_STORE;
    if (only !== 'postgres') results.push(await measure('PGlite', { dataDir: dir }));
    if (only !== 'pglite') {
      pg = await startPostgres();
      results.push(await measure('PostgreSQL', { dataDir: dir, databaseUrl: pg.url }));
    }
  } catch (error) {
    console.error(`could not run: ${error.stack ?? error.message}`);
    process.exitCode = 2;
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
    stop();
  }
  if (process.exitCode === 2) process.exit(2);
  return results;
}
