import { describe, expect, it } from 'vitest';
import { splitLine, splitPolygon, unwrapRing } from './antimeridian.ts';
import type { Position } from './geometry.ts';

const maxStep = (ring: Position[]) => Math.max(...ring.slice(1).map((p, i) => Math.abs(p[0] - ring[i]![0])));
const lons = (ring: Position[]) => ring.map((p) => p[0]);

describe('antimeridian', () => {
  it('leaves a shape that does not cross alone', () => {
    const square: Position[] = [
      [-10, 30],
      [10, 30],
      [10, 40],
      [-10, 40],
      [-10, 30],
    ];
    expect(splitPolygon([square])).toEqual([[square]]);
  });

  it('unwraps longitudes so no step is larger than 180°', () => {
    expect(
      lons(
        unwrapRing([
          [170, 0],
          [-170, 0],
          [-175, 5],
        ]),
      ),
    ).toEqual([170, 190, 185]);
  });

  it('cuts a shape that crosses into one piece on each side', () => {
    // Fiji-like: from 170°E to 170°W across the antimeridian.
    const ring: Position[] = [
      [170, -20],
      [-170, -20],
      [-170, -10],
      [170, -10],
      [170, -20],
    ];
    const pieces = splitPolygon([ring]);
    expect(pieces).toHaveLength(2);
    for (const [outer] of pieces) {
      expect(maxStep(outer!)).toBeLessThanOrEqual(180);
      const xs = lons(outer!);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(10 + 1e-9);
    }
    const [east, west] = pieces.map(([outer]) => lons(outer!)).sort((a, b) => Math.min(...b) - Math.min(...a));
    expect(Math.min(...east!)).toBe(170);
    expect(Math.max(...east!)).toBe(180);
    expect(Math.min(...west!)).toBe(-180);
    expect(Math.max(...west!)).toBe(-170);
  });

  it('closes a ring that goes round the South Pole', () => {
    const ring: Position[] = [
      [-180, -70],
      [-90, -72],
      [0, -70],
      [90, -68],
      [180, -70],
    ];
    const pieces = splitPolygon([ring]);
    expect(pieces.length).toBeGreaterThanOrEqual(1);
    for (const [outer] of pieces) {
      expect(Math.min(...lons(outer!))).toBeGreaterThanOrEqual(-180);
      expect(Math.max(...lons(outer!))).toBeLessThanOrEqual(180);
      expect(outer!.some((p) => p[1] === -90)).toBe(true);
    }
  });

  it('splits a line at the antimeridian, ending both parts on it', () => {
    const parts = splitLine([
      [175, 60],
      [-175, 62],
      [-170, 63],
    ]);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual([
      [175, 60],
      [180, 61],
    ]);
    expect(parts[1]).toEqual([
      [-180, 61],
      [-175, 62],
      [-170, 63],
    ]);
  });
});
