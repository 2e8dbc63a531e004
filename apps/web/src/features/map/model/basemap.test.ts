import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildBasemap, MOROCCO_ID, WESTERN_SAHARA_ID } from './basemap.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as unknown;

const latitudes = (coordinates: number[][][][]) => coordinates.flat(2).map((p) => p[1]!);

describe('buildBasemap', () => {
  it('draws Morocco with its southern provinces by default', () => {
    const { countries, westernSahara, disputedBorder } = buildBasemap(topology, 'official');
    const morocco = countries.features.filter((f) => f.properties.id === MOROCCO_ID);
    expect(morocco).toHaveLength(1);
    expect(countries.features.some((f) => f.properties.id === WESTERN_SAHARA_ID)).toBe(false);
    // Tangier (35.8°N) down to Lagouira (~21°N).
    expect(Math.max(...latitudes(morocco[0]!.geometry.coordinates))).toBeGreaterThan(35.5);
    expect(Math.min(...latitudes(morocco[0]!.geometry.coordinates))).toBeLessThan(22);
    expect(westernSahara).toBeUndefined();
    expect(disputedBorder).toBeUndefined();
  });

  it('adds the alternative boundary on request', () => {
    const { westernSahara, disputedBorder } = buildBasemap(topology, 'alt');
    expect(westernSahara?.properties.name).toBe('Western Sahara');
    expect(disputedBorder?.coordinates.length).toBeGreaterThan(0);
    // The line between the two runs along 27°40′N, from the Atlantic coast to the Algerian border.
    for (const line of disputedBorder!.coordinates) for (const [, lat] of line) expect(lat).toBeCloseTo(27.66, 1);
    const lons = disputedBorder!.coordinates.flat().map((p) => p[0]!);
    expect(Math.min(...lons)).toBeLessThan(-12.5);
    expect(Math.max(...lons)).toBeGreaterThan(-9);
    const lats = latitudes(westernSahara!.geometry.coordinates);
    expect(Math.max(...lats)).toBeLessThan(27.7);
    expect(Math.min(...lats)).toBeLessThan(21.5);
  });

  it('leaves no ring crossing the antimeridian', () => {
    const { countries } = buildBasemap(topology, 'official');
    for (const f of countries.features) {
      for (const ring of f.geometry.coordinates.flat()) {
        for (let i = 1; i < ring.length; i++) expect(Math.abs(ring[i]![0]! - ring[i - 1]![0]!)).toBeLessThanOrEqual(180);
        for (const [lon] of ring) expect(Math.abs(lon!)).toBeLessThanOrEqual(180 + 1e-9);
      }
    }
    const russia = countries.features.find((f) => f.properties.name === 'Russia');
    expect(russia!.geometry.coordinates.length).toBeGreaterThan(1);
  });
});
