import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { prepareBasemap, transferablesOf } from './drawable-basemap.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as unknown;

describe('prepareBasemap', () => {
  it('projects every country once and keeps the alternative boundary ready', () => {
    const basemap = prepareBasemap(topology);
    expect(basemap.countries.length).toBeGreaterThan(150);
    for (const shape of basemap.countries) {
      for (const v of shape.box) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(basemap.westernSahara?.properties.name).toBe('Western Sahara');
    expect(basemap.disputedBorder?.coordinates.length).toBeGreaterThan(0);
    expect(transferablesOf(basemap).length).toBe(basemap.countries.reduce((n, s) => n + s.rings.length, 0));
  });

  it('refuses a file that is not a world-atlas topology', () => {
    expect(() => prepareBasemap({ type: 'Topology', objects: {} })).toThrow(/countries/);
  });
});
