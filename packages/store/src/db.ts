import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { BINARY_ARRAY_OIDS } from './binary-arrays.ts';

/** Something SQL can be sent to: the store itself or a transaction on it. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A Corridor store: real PostgreSQL SQL, embedded (PGlite) or a server. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… — when set, a PostgreSQL server is used instead of the embedded store. */
  databaseUrl?: string;
  /** Folder of the embedded store; PGlite keeps its files in <dataDir>/pglite. */
  dataDir: string;
}

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(join(options.dataDir, 'pglite'));
}

async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true });
  const lite = await PGlite.create(dir);
  // PGlite turns every parameter into text with the serializer of its type, and sends a byte array
  // as it is, in binary. Let the arrays of binary-arrays.ts through; anything else as before.
  const serializers = Object.fromEntries(BINARY_ARRAY_OIDS.map((oid) => [oid, (value: unknown) => (ArrayBuffer.isView(value) ? value : lite.serializers[oid]!(value))])) as unknown as Record<
    number,
    (value: unknown) => string
  >;
  const options = { serializers };
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params?: unknown[]) => lite.query<Row>(sql, params, options),
    transaction: (fn) => lite.transaction((tx) => fn({ query: async <Row>(sql: string, params?: unknown[]) => tx.query<Row>(sql, params, options) })),
    close: () => lite.close(),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // A pool error on an idle client must not crash the process; the next query reports it.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async <Row>(sql: string, params?: unknown[]) => pool.query(sql, params) as unknown as Promise<{ rows: Row[] }>,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <Row>(sql: string, params?: unknown[]) => client.query(sql, params) as unknown as Promise<{ rows: Row[] }> });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
