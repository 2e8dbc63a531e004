// @vitest-environment jsdom
import { CRS, latLng } from 'leaflet';
import { describe, expect, it } from 'vitest';
import { mercatorX, mercatorY, toMercatorShape } from './mercator.ts';

describe('mercator', () => {
  it('matches Leaflet’s own Web Mercator at any zoom', () => {
    for (const [lat, lon] of [
      [33.57, -7.59],
      [45.19, 5.72],
      [-34.6, -58.4],
      [0, 0],
      [84.9, 179.9],
    ] as const) {
      for (const zoom of [0, 3, 6.5, 12]) {
        const expected = CRS.EPSG3857.latLngToPoint(latLng(lat, lon), zoom);
        const scale = CRS.EPSG3857.scale(zoom);
        expect(mercatorX(lon) * scale).toBeCloseTo(expected.x, 6);
        expect(mercatorY(lat) * scale).toBeCloseTo(expected.y, 6);
      }
    }
  });

  it('clamps the poles to the square map', () => {
    expect(mercatorY(90)).toBeCloseTo(0, 6);
    expect(mercatorY(-90)).toBeCloseTo(1, 6);
  });

  it('projects every ring and bounds them', () => {
    const shape = toMercatorShape([
      [
        [
          [-10, 30],
          [10, 30],
          [10, 40],
          [-10, 30],
        ],
      ],
      [
        [
          [170, -20],
          [180, -20],
          [180, -10],
          [170, -20],
        ],
      ],
    ]);
    expect(shape.rings).toHaveLength(2);
    expect(shape.rings[0]).toHaveLength(8);
    expect(shape.box[0]).toBeCloseTo(mercatorX(-10));
    expect(shape.box[2]).toBeCloseTo(1);
    expect(shape.box[1]).toBeCloseTo(mercatorY(40));
    expect(shape.box[3]).toBeCloseTo(mercatorY(-20));
    expect(shape.latLngBox).toEqual([
      [-20, -10],
      [40, 180],
    ]);
  });
});
