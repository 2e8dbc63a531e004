import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDb, type Db } from '@corridor/store';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Advisory lock serialising the BFF's migrations across its replicas (the control plane's is another key). */
const MIGRATION_LOCK = 727_002;

/**
 * The BFF's own store, migrated: PGlite in `<dataDir>/bff` (one PGlite folder is one process, so not
 * the control plane's) or the PostgreSQL server of `databaseUrl`, shared with the control plane, where
 * the BFF's tables are prefixed `bff_` and its migrations recorded in `bff_schema_migrations`.
 */
export async function openIdentityStore({ dataDir, databaseUrl }: { dataDir: string; databaseUrl?: string }): Promise<Db> {
  const db = await openDb({ dataDir: join(dataDir, 'bff'), ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await migrate(db, { dir: MIGRATIONS_DIR, table: 'bff_schema_migrations', lockKey: MIGRATION_LOCK });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
