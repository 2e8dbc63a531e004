import { describe, expect, it } from 'vitest';
import { gpuTemperatures, inferCooling, inletTemperatureC, smActiveRatio, xidErrorCount } from './gpu.ts';
import { rng } from './random.ts';

describe('inlet temperature', () => {
  it('tracks a hot outdoors for air up to 27 °C and clamps liquid supply to 20–30 °C', () => {
    expect(inletTemperatureC(10, 'air')).toBe(20);
    expect(inletTemperatureC(28, 'air')).toBeCloseTo(23);
    expect(inletTemperatureC(45, 'air')).toBe(27);
    expect(inletTemperatureC(-5, 'liquid')).toBe(20);
    expect(inletTemperatureC(60, 'liquid')).toBe(30);
    expect(inletTemperatureC(45, 'air', 8)).toBe(35);
  });

  it('takes low-PUE halls as liquid-cooled', () => {
    expect(inferCooling(1.15)).toBe('liquid');
    expect(inferCooling(1.6)).toBe('air');
  });
});

describe('GPU temperatures', () => {
  const temps = (inletC: number, utilisation: number, cooling: 'air' | 'liquid' = 'air') => gpuTemperatures({ inletC, utilisation, cooling, next: rng('t', inletC, utilisation, cooling) });

  it('rise with utilisation and with the inlet, the max above the mean', () => {
    expect(temps(22, 0.9).meanC).toBeGreaterThan(temps(22, 0.1).meanC + 25);
    expect(temps(30, 0.5).meanC).toBeGreaterThan(temps(22, 0.5).meanC + 6);
    for (const u of [0, 0.5, 1]) {
      const t = temps(24, u);
      expect(t.maxC).toBeGreaterThan(t.meanC + 2);
      expect(t.maxC).toBeLessThan(t.meanC + 15);
    }
  });

  it('run cooler with liquid cooling and never beyond throttling', () => {
    expect(temps(24, 0.8, 'liquid').meanC).toBeLessThan(temps(24, 0.8, 'air').meanC);
    const hot = temps(45, 1);
    expect(hot.meanC).toBeLessThanOrEqual(92);
    expect(hot.maxC).toBeLessThanOrEqual(98);
  });
});

describe('SM activity and XID errors', () => {
  it('keeps SM-active near 0.82 × utilisation, within [0, 1]', () => {
    expect(smActiveRatio(0, rng('sm'))).toBe(0);
    const r = smActiveRatio(1, rng('sm'));
    expect(r).toBeGreaterThan(0.77);
    expect(r).toBeLessThanOrEqual(0.86);
  });

  it('makes XID errors rare, and more frequent under thermal stress', () => {
    const count = (maxC: number) => {
      let n = 0;
      for (let i = 0; i < 2000; i++) n += xidErrorCount({ gpus: 6000, maxC, windowMs: 60_000, next: rng('xid', maxC, i) });
      return n;
    };
    const cool = count(70);
    const hot = count(95);
    // 6,000 GPUs × 1e-4/h × (2,000 min) ≈ 20 errors in ~33 hours when cool.
    expect(cool).toBeGreaterThan(5);
    expect(cool).toBeLessThan(45);
    expect(hot).toBeGreaterThan(cool * 5);
    expect(xidErrorCount({ gpus: 0, maxC: 99, windowMs: 60_000, next: rng('none') })).toBe(0);
  });
});
