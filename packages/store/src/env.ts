import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DbOptions } from './db.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The environment variables that choose a service's store, the same for every service: the embedded
 * store's folder, or a PostgreSQL server. Spread into a service's config schema.
 */
export const StoreEnvShape = {
  CORRIDOR_DATA_DIR: z.string().default(resolve(REPO_ROOT, 'var')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
};

/** The store options those variables give (`dataDir` absolute; `databaseUrl` only when set). */
export function storeOptionsFrom(env: { CORRIDOR_DATA_DIR: string; DATABASE_URL?: string | undefined }): DbOptions {
  return { dataDir: resolve(env.CORRIDOR_DATA_DIR), ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}) };
}
