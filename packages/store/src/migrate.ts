import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';

export interface MigrateOptions {
  /** Folder of `NNN_name.sql` files, applied in name order. */
  dir: string;
  /** Table recording what was applied: one per service, so services sharing a PostgreSQL database keep apart. */
  table: string;
  /** Key of the advisory lock that serialises this service's migrations across its replicas. */
  lockKey: number;
}

/** Applies every migration of the folder not yet applied, each in its own transaction, in name order. */
export async function migrate(db: Db, { dir, table, lockKey }: MigrateOptions): Promise<string[]> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`migration table name "${table}" must be a plain identifier`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = readFileSync(join(dir, file), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      const done = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [file]);
      if (done.rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query(`INSERT INTO ${table} (id) VALUES ($1)`, [file]);
      return true;
    });
    if (ran) applied.push(file);
  }
  return applied;
}

/** Splits a migration into statements (no dollar-quoted bodies in our migrations; comments stripped). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
