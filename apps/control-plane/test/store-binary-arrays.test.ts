import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { float8Array, int4Array, int8Array, openDb, type Db } from '@corridor/store';
import { STORE_KINDS, freshStore } from './stores.ts';

// The telemetry ingest sends its three arrays in PostgreSQL's binary format; both drivers must hand
// them to the server as binary and the server must read back exactly the values sent.
describe.each(STORE_KINDS)('binary array parameters on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const store = await freshStore(kind);
    cleanup = store.cleanup;
    db = await openDb(store);
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  /** The arrays as the server read them, as text (exact for every int and float8). */
  const echo = async (ints: Buffer, bigints: Buffer, floats: Buffer) =>
    (await db.query<{ i: string; b: string; f: string }>('SELECT $1::int[]::text AS i, $2::bigint[]::text AS b, $3::float8[]::text AS f', [ints, bigints, floats])).rows[0]!;
  const text = (values: readonly number[]) => `{${values.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',')}}`;

  it('round-trips the edges of each type', async () => {
    const ints = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)];
    const bigints = [0, -1, 2 ** 32, -(2 ** 32) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Date.UTC(2026, 10, 23)];
    const floats = [0, -0, 1.5, -2.25, Math.PI, 5e-324, Number.MAX_VALUE, 1e21];
    const got = await echo(int4Array(ints), int8Array(bigints), float8Array(floats));
    expect(got.i).toBe(text(ints));
    expect(got.b).toBe(text(bigints));
    expect(got.f.slice(1, -1).split(',').map(Number)).toEqual(floats);
    expect(await echo(int4Array([]), int8Array([]), float8Array([]))).toEqual({ i: '{}', b: '{}', f: '{}' });
  });

  it('round-trips any values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 50 }),
        fc.array(fc.maxSafeInteger(), { maxLength: 50 }),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 50 }),
        async (ints, bigints, floats) => {
          const got = await echo(int4Array(ints), int8Array(bigints), float8Array(floats));
          expect(got.i).toBe(text(ints));
          expect(got.b).toBe(text(bigints));
          expect(got.f === '{}' ? [] : got.f.slice(1, -1).split(',').map(Number)).toEqual(floats);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('still sends plain arrays as text', async () => {
    const { rows } = await db.query<{ n: number }>('SELECT cardinality($1::int[]) + cardinality($2::float8[]) AS n', [[1, 2, 3], [0.5]]);
    expect(rows).toEqual([{ n: 4 }]);
  });

  it('refuses values its type cannot hold instead of sending something else', () => {
    expect(() => int4Array([2 ** 31])).toThrow(RangeError);
    expect(() => int4Array([1.5])).toThrow(RangeError);
    expect(() => int8Array([2 ** 53])).toThrow(RangeError);
    expect(() => int8Array([0.5])).toThrow(RangeError);
  });
});
