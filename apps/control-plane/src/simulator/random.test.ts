import { describe, expect, it } from 'vitest';
import { gaussian, hashString, mulberry32, poisson, rng, uniform, valueNoise } from './random.ts';

describe('seeded randomness', () => {
  it('repeats for the same key and differs for another', () => {
    const a = rng(42, 'site-a', 1000);
    const b = rng(42, 'site-a', 1000);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect(uniform(43, 'site-a', 1000)).not.toBe(seqA[0]);
    expect(uniform(42, 'site-b', 1000)).not.toBe(seqA[0]);
    expect(uniform(42, 'site-a', 1001)).not.toBe(seqA[0]);
  });

  it('draws uniforms in [0, 1) with a sensible mean', () => {
    const next = mulberry32(hashString('mean'));
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('draws normals with mean 0 and unit spread', () => {
    const next = rng('normal');
    const xs = Array.from({ length: 20_000 }, () => gaussian(next));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeCloseTo(1, 1);
  });

  it('draws Poisson counts with the asked mean, 0 for a zero mean', () => {
    const next = rng('poisson');
    for (const mean of [0.5, 4, 50]) {
      const n = 5_000;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += poisson(mean, next);
      expect(sum / n).toBeCloseTo(mean, mean > 10 ? 0 : 1);
    }
    expect(poisson(0, next)).toBe(0);
    expect(poisson(Number.NaN, next)).toBe(0);
  });

  it('gives smooth noise in [-1, 1] that drifts rather than jumps', () => {
    let prev = valueNoise(0, 3_600_000, 'k');
    for (let t = 60_000; t < 48 * 3_600_000; t += 60_000) {
      const v = valueNoise(t, 3_600_000, 'k');
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(Math.abs(v - prev)).toBeLessThan(0.1);
      prev = v;
    }
  });
});
