// Splitting shapes at the antimeridian. GeoJSON rings that cross ±180° (Russia's Chukotka, Fiji,
// Antarctica) jump from +180 to -180; drawn as-is in Leaflet they smear across the whole map.
// We unwrap each ring to continuous longitudes, close rings that go round a pole, then clip it into
// 360°-wide windows and shift each piece back into [-180, 180].
import { clipRing } from './clip.ts';
import type { PolygonCoords, Position, Ring } from './geometry.ts';

const EPS = 1e-9;

/** Longitudes made continuous: no step between neighbours larger than 180°. */
export function unwrapRing(ring: readonly Position[]): Ring {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    const prev = out[out.length - 1];
    let x = lon;
    if (prev) {
      while (x - prev[0] > 180) x -= 360;
      while (x - prev[0] < -180) x += 360;
    }
    out.push([x, lat]);
  }
  return out;
}

/** A ring that goes round a pole ends 360° away from where it started: close it along the pole. */
function closeAroundPole(ring: Ring): Ring {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || Math.abs(last[0] - first[0]) < 180) return ring;
  const meanLat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  const poleLat = meanLat < 0 ? -90 : 90;
  // Via the middle of the pole edge, so that no step is wider than 180°.
  return [...ring, [last[0], poleLat], [(last[0] + first[0]) / 2, poleLat], [first[0], poleLat], first];
}

const bounds = (ring: Ring) => {
  let min = Infinity;
  let max = -Infinity;
  for (const [x] of ring) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
};

/** Windows k that a longitude range overlaps: window k is [-180 + 360k, 180 + 360k]. */
function windowsOf(min: number, max: number): number[] {
  const first = Math.floor((min - 180 + EPS) / 360) + 1;
  const last = Math.ceil((max + 180 - EPS) / 360) - 1;
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(k);
  return out;
}

function clipToWindow(ring: Ring, k: number): Ring | undefined {
  const lo = -180 + 360 * k;
  const east = clipRing(ring, 0, lo, true);
  const clipped = east && clipRing(east, 0, lo + 360, false);
  if (!clipped) return undefined;
  return clipped.map(([x, y]) => [x - 360 * k, y]);
}

/** One polygon (outer ring + holes) → the polygons it becomes once cut at the antimeridian. */
export function splitPolygon(polygon: readonly (readonly Position[])[]): PolygonCoords[] {
  const [outerRaw, ...holesRaw] = polygon;
  if (!outerRaw || outerRaw.length < 4) return [];
  const outer = closeAroundPole(unwrapRing(outerRaw));
  const { min, max } = bounds(outer);
  if (min >= -180 - EPS && max <= 180 + EPS) return [[outer, ...holesRaw.map((h) => [...h])]];

  const holes = holesRaw.map((h) => {
    const hole = unwrapRing(h);
    const { min: hMin, max: hMax } = bounds(hole);
    const shift = Math.round(((min + max) / 2 - (hMin + hMax) / 2) / 360) * 360;
    return shift ? hole.map(([x, y]): Position => [x + shift, y]) : hole;
  });
  const pieces: PolygonCoords[] = [];
  for (const k of windowsOf(min, max)) {
    const piece = clipToWindow(outer, k);
    if (!piece) continue;
    const pieceHoles = holes.map((h) => clipToWindow(h, k)).filter((h): h is Ring => !!h);
    pieces.push([piece, ...pieceHoles]);
  }
  return pieces;
}

/** A Polygon or MultiPolygon's coordinates → MultiPolygon coordinates safe to draw on a flat map. */
export function splitPolygons(polygons: readonly (readonly (readonly Position[])[])[]): PolygonCoords[] {
  return polygons.flatMap((p) => splitPolygon(p));
}

/** A line that crosses the antimeridian → several lines, each ending on ±180°. */
export function splitLine(line: readonly Position[]): Position[][] {
  const parts: Position[][] = [];
  let current: Position[] = [];
  for (const point of line) {
    const prev = current[current.length - 1];
    if (prev && Math.abs(point[0] - prev[0]) > 180) {
      const edge = prev[0] > 0 ? 180 : -180;
      const unwrappedLon = point[0] + (edge > 0 ? 360 : -360);
      const t = (edge - prev[0]) / (unwrappedLon - prev[0]);
      const lat = prev[1] + t * (point[1] - prev[1]);
      current.push([edge, lat]);
      if (current.length > 1) parts.push(current);
      current = [[-edge, lat]];
    }
    current.push([point[0], point[1]]);
  }
  if (current.length > 1) parts.push(current);
  return parts;
}
