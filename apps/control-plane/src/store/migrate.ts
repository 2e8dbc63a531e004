import { fileURLToPath } from 'node:url';
import { migrate as migrateDir, type Db } from '@corridor/store';

/**
 * Applies the control plane's migrations (migrations/, in name order) not yet applied. The table
 * name and lock key are the ones the control plane has always used, so existing stores carry on.
 */
export function migrate(db: Db): Promise<string[]> {
  return migrateDir(db, { dir: fileURLToPath(new URL('./migrations/', import.meta.url)), table: 'schema_migrations', lockKey: 727_001 });
}
