import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with N = 2^15, r = 8, p = 1: about 60 ms and 32 MiB per hash on the 2-core machines Corridor is
 * tested on. OWASP's floor for scrypt is N = 2^17; a quarter of that keeps a burst of sign-ins (each one
 * a thread-pool job) from starving the BFF, and the login throttle bounds guessing far more than the
 * cost factor does. The parameters are stored in every hash, so raising them later needs no migration.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Highest cost a stored hash may ask for: a corrupt row must not make a sign-in allocate gigabytes. */
const MAX_N = 2 ** 20;

/**
 * The cost new hashes are made at. The test suite lowers it with CORRIDOR_TEST_SCRYPT_LOG2N (10 to 14), as Django's
 * test hasher does: its hundreds of seeded users and sign-ins would otherwise spend minutes in scrypt. The tests that
 * prove the hashing itself (and the login throttle's parallel guesses) unset it. Never lowered in production.
 */
function cost(): { N: number; r: number; p: number } {
  const log2n = Number(process.env.CORRIDOR_TEST_SCRYPT_LOG2N || NaN);
  const lowered = process.env.NODE_ENV !== 'production' && Number.isInteger(log2n) && log2n >= 10 && log2n < Math.log2(COST.N);
  return lowered ? { ...COST, N: 2 ** log2n } : COST;
}

function derive(password: string, salt: Buffer, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new hash of `password`: `scrypt$N$r$p$<salt>$<key>` (salt and key base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = cost();
  const key = await derive(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`, compared in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = [N, r, p].every(Number.isInteger) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  if (!valid) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(parts[4]!, 'base64url'), { N, r, p });
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * A hash no password matches, to verify against when the user does not exist: an unknown name then
 * costs the same scrypt run as a wrong password, so timing does not tell which names exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  return decoy;
}
