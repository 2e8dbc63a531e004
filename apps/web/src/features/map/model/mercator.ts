import type { Position } from './geometry.ts';

/** Web Mercator's latitude limit (the map is square). */
const MAX_LATITUDE = 85.0511287798;

/**
 * Rings projected once to normalised Web Mercator ([0, 1] on both axes, y down), so the map only
 * has to scale and shift them at each zoom instead of re-running the projection for every vertex.
 */
export interface MercatorShape {
  /** Each ring as x0, y0, x1, y1, … */
  rings: Float64Array[];
  /** [minX, minY, maxX, maxY] over all rings. */
  box: [number, number, number, number];
  /** The same extent as [[south, west], [north, east]] in degrees. */
  latLngBox: [[number, number], [number, number]];
}

export function mercatorX(lon: number): number {
  return 0.5 + lon / 360;
}

export function mercatorY(lat: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** Every ring (outer rings and holes alike) of a MultiPolygon, projected. */
export function toMercatorShape(polygons: readonly (readonly (readonly Position[])[])[]): MercatorShape {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const latLngBox: [[number, number], [number, number]] = [
    [Infinity, Infinity],
    [-Infinity, -Infinity],
  ];
  const rings: Float64Array[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const out = new Float64Array(ring.length * 2);
      ring.forEach(([lon, lat], i) => {
        const x = mercatorX(lon);
        const y = mercatorY(lat);
        out[2 * i] = x;
        out[2 * i + 1] = y;
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x > box[2]) box[2] = x;
        if (y > box[3]) box[3] = y;
        latLngBox[0] = [Math.min(latLngBox[0][0], lat), Math.min(latLngBox[0][1], lon)];
        latLngBox[1] = [Math.max(latLngBox[1][0], lat), Math.max(latLngBox[1][1], lon)];
      });
      rings.push(out);
    }
  }
  return { rings, box, latLngBox };
}
