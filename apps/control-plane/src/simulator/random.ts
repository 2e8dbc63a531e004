/**
 * Deterministic randomness for the simulator: no Math.random, no clock. Every draw is keyed by its
 * parts (seed, site or link id, instant, purpose), so a series is repeatable, independent of the
 * order sites are simulated in, and each quantity has its own stream.
 */

import { mulberry32 } from '@corridor/shared';

export { mulberry32 };

/** A simulation seed. */
export type Seed = number | string;
export type KeyPart = string | number;

/** 32-bit FNV-1a over a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit finaliser (splitmix/murmur family) so nearby keys give unrelated states. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** A uniform [0, 1) stream keyed by its parts, e.g. `rng(seed, siteId, atMs, 'xid')`. */
export function rng(...key: KeyPart[]): () => number {
  return mulberry32(mix32(hashString(key.join('\u0000'))));
}

/** One uniform draw in [0, 1) keyed by its parts. */
export function uniform(...key: KeyPart[]): number {
  return rng(...key)();
}

/** A standard normal draw (Box–Muller) from a uniform stream. */
export function gaussian(next: () => number): number {
  const u = 1 - next(); // (0, 1]
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Poisson count with the given mean: Knuth's method for small means, a rounded normal above 30. */
export function poisson(mean: number, next: () => number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(next)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/**
 * Smooth deterministic noise in [-1, 1]: random values at knots every `periodMs`, joined by cosine
 * interpolation. Used for weather anomalies and slow traffic swings that drift rather than flicker.
 */
export function valueNoise(atMs: number, periodMs: number, ...key: KeyPart[]): number {
  const x = atMs / periodMs;
  const k = Math.floor(x);
  const a = uniform(...key, 'knot', k) * 2 - 1;
  const b = uniform(...key, 'knot', k + 1) * 2 - 1;
  const w = (1 - Math.cos(Math.PI * (x - k))) / 2;
  return a + (b - a) * w;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
