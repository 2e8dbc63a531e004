/**
 * Array parameters in PostgreSQL's binary format (what `array_recv` reads), for statements that take
 * thousands of values at once, such as a telemetry batch. As text, the server parses every element
 * (`{1,2,…}` through int4in / float8in): on PGlite that was 9 of the 14 ms it took to receive three
 * arrays of 5,000 values. In binary it copies them.
 *
 * Both drivers send a byte-array parameter in binary: node-postgres for any Buffer, PGlite for any
 * ArrayBufferView once its text serializer for the array type lets it through (see db.ts). The
 * statement names the type, e.g. `unnest($1::int[], $2::bigint[], $3::float8[])`.
 */

/** Array type oids whose parameters may be sent this way (int4[], int8[], float8[]). */
export const BINARY_ARRAY_OIDS = [1007, 1016, 1022] as const;

const ELEMENT = {
  int4: { oid: 23, width: 4 },
  int8: { oid: 20, width: 8 },
  float8: { oid: 701, width: 8 },
} as const;
type ElementType = keyof typeof ELEMENT;

const HEADER = 20; // ndim, has-nulls flag, element oid, then length and lower bound of the one dimension
const TWO_32 = 2 ** 32;

function encode(type: ElementType, values: ArrayLike<number>): Buffer {
  const { oid, width } = ELEMENT[type];
  const n = values.length;
  const bytes = new ArrayBuffer(HEADER + n * (4 + width));
  const out = new DataView(bytes); // big-endian unless told otherwise, as the wire format wants
  out.setInt32(0, 1);
  out.setInt32(4, 0);
  out.setInt32(8, oid);
  out.setInt32(12, n);
  out.setInt32(16, 1);
  let at = HEADER;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    out.setInt32(at, width);
    at += 4;
    if (type === 'float8') out.setFloat64(at, v);
    else if (type === 'int4') {
      if ((v | 0) !== v) throw new RangeError(`int4 array element ${i} is not a 32-bit integer: ${v}`);
      out.setInt32(at, v);
    } else {
      if (!Number.isSafeInteger(v)) throw new RangeError(`int8 array element ${i} is not a safe integer: ${v}`);
      const high = Math.floor(v / TWO_32);
      out.setInt32(at, high);
      out.setUint32(at + 4, v - high * TWO_32);
    }
    at += width;
  }
  return Buffer.from(bytes);
}

/** `integer[]`: every value a 32-bit integer. */
export const int4Array = (values: ArrayLike<number>) => encode('int4', values);
/** `bigint[]`: every value a safe integer (|v| < 2^53), e.g. epoch milliseconds. */
export const int8Array = (values: ArrayLike<number>) => encode('int8', values);
/** `double precision[]`: any number, exactly. */
export const float8Array = (values: ArrayLike<number>) => encode('float8', values);
