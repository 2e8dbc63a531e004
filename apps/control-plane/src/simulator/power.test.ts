import { describe, expect, it } from 'vitest';
import { GRID_MIX, MIN_PUE, energyMix, facilityPowerKw, gridLowCarbonShare, installedItKw, itPowerKw, pue } from './power.ts';

const clusters = [
  { gpuCount: 1000, kwPerGpu: 1.3 },
  { gpuCount: 500, kwPerGpu: 1.2 },
];
const base = { designPue: 1.2, ambientC: 18, load: 0.7, cooling: 'air' as const };

describe('IT power', () => {
  it('is GPUs × kW per GPU × (0.25 idle + 0.75 × utilisation)', () => {
    expect(installedItKw(clusters)).toBe(1900);
    expect(itPowerKw({ clusters, itCapacityMw: 10, utilisation: 1 })).toBeCloseTo(1900);
    expect(itPowerKw({ clusters, itCapacityMw: 10, utilisation: 0 })).toBeCloseTo(475);
    expect(itPowerKw({ clusters, itCapacityMw: 10, utilisation: 0.5 })).toBeCloseTo(1900 * 0.625);
    expect(itPowerKw({ clusters, itCapacityMw: 10, utilisation: 1, availability: 0.5 })).toBeCloseTo(950);
  });

  it('grows with utilisation and is capped at the IT capacity', () => {
    const draws = [0, 0.25, 0.5, 0.75, 1].map((utilisation) => itPowerKw({ clusters, itCapacityMw: 10, utilisation }));
    for (let i = 1; i < draws.length; i++) expect(draws[i]).toBeGreaterThan(draws[i - 1]!);
    expect(itPowerKw({ clusters, itCapacityMw: 1.5, utilisation: 1 })).toBe(1500);
    expect(itPowerKw({ clusters, itCapacityMw: 10, utilisation: 7 })).toBeCloseTo(1900);
  });
});

describe('PUE', () => {
  it('equals the design PUE at the reference point', () => {
    expect(pue(base)).toBeCloseTo(1.2);
    expect(pue({ ...base, ambientC: 25, referenceAmbientC: 25 })).toBeCloseTo(1.2);
  });

  it('rises with the outdoor temperature, more for air than for liquid cooling', () => {
    const air = [10, 18, 25, 35, 45].map((ambientC) => pue({ ...base, ambientC }));
    for (let i = 1; i < air.length; i++) expect(air[i]).toBeGreaterThan(air[i - 1]!);
    expect(pue({ ...base, ambientC: 40 }) - 1.2).toBeGreaterThan(pue({ ...base, ambientC: 40, cooling: 'liquid' }) - 1.2);
  });

  it('falls with load (part-load penalty)', () => {
    const byLoad = [0.1, 0.3, 0.5, 0.7, 1].map((load) => pue({ ...base, load }));
    for (let i = 1; i < byLoad.length; i++) expect(byLoad[i]).toBeLessThan(byLoad[i - 1]!);
  });

  it('never drops below 1.03 and rises with a cooling fault', () => {
    expect(pue({ designPue: 1.03, ambientC: -30, load: 1, cooling: 'liquid' })).toBe(MIN_PUE);
    expect(pue({ designPue: 1, ambientC: 40, load: 0.5, cooling: 'air' })).toBe(MIN_PUE);
    expect(pue({ ...base, overheadFactor: 2 })).toBeCloseTo(1.4);
  });
});

describe('facility power and energy mix', () => {
  it('makes facility power exactly IT × PUE', () => {
    expect(facilityPowerKw(4321.5, 1.237)).toBe(4321.5 * 1.237);
  });

  it('counts on-site solar as renewable and carbon-free, the grid by its mix', () => {
    const mix = energyMix({ facilityKw: 1000, solarKw: 200, gridLowCarbonShare: 0.26, gridCarbonGPerKwh: 551 })!;
    expect(mix.solarUsedKw).toBe(200);
    expect(mix.gridKw).toBe(800);
    expect(mix.solarShare).toBeCloseTo(0.2);
    expect(mix.renewableShare).toBeCloseTo((200 + 0.26 * 800) / 1000);
    expect(mix.carbonIntensity).toBeCloseTo(551 * 0.8);
  });

  it('exports surplus solar rather than counting it, and has no mix when nothing is drawn', () => {
    const mix = energyMix({ facilityKw: 100, solarKw: 500, gridLowCarbonShare: 0.5, gridCarbonGPerKwh: 400 })!;
    expect(mix.solarShare).toBe(1);
    expect(mix.renewableShare).toBe(1);
    expect(mix.carbonIntensity).toBe(0);
    expect(energyMix({ facilityKw: 0, solarKw: 500, gridLowCarbonShare: 0.5, gridCarbonGPerKwh: 400 })).toBeUndefined();
  });

  it('carries the FACTS.md grid shares, flagging the unverified ones', () => {
    expect(Object.fromEntries(Object.entries(GRID_MIX).map(([k, v]) => [k, v.lowCarbonShare]))).toEqual({
      MA: 0.26,
      ES: 0.56,
      FR: 0.95,
      US: 0.42,
      NG: 0.2,
      GH: 0.38,
      CI: 0.31,
      SN: 0.15,
    });
    expect(GRID_MIX.SN!.note).toMatch(/unverified/);
    expect(GRID_MIX.NG!.note).toMatch(/unverified/);
    expect(gridLowCarbonShare('FR')).toBe(0.95);
    expect(gridLowCarbonShare('TG')).toBe(0);
    expect(gridLowCarbonShare(undefined)).toBe(0);
  });
});
