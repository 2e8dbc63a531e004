import type { Position, Ring } from './geometry.ts';

const EPS = 1e-9;

const isClosed = (ring: readonly Position[]) => {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && !!a && !!b && a[0] === b[0] && a[1] === b[1];
};

/** Signed area in degrees² (shoelace). */
export function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return sum / 2;
}

/**
 * Sutherland–Hodgman against one axis-aligned half-plane: keeps the part of the ring where
 * coordinate `axis` (0 = lon, 1 = lat) is ≥ edge (keepAbove) or ≤ edge. Returns a closed ring,
 * or undefined when nothing of substance is left.
 */
export function clipRing(ring: readonly Position[], axis: 0 | 1, edge: number, keepAbove: boolean): Ring | undefined {
  const other = axis === 0 ? 1 : 0;
  const inside = (p: Position) => (keepAbove ? p[axis] >= edge : p[axis] <= edge);
  const cross = (p: Position, q: Position): Position => {
    const t = (edge - p[axis]) / (q[axis] - p[axis]);
    const out: Position = [0, 0];
    out[axis] = edge;
    out[other] = p[other] + t * (q[other] - p[other]);
    return out;
  };
  const open = isClosed(ring) ? ring.slice(0, -1) : ring;
  const out: Ring = [];
  for (let i = 0; i < open.length; i++) {
    const p = open[(i + open.length - 1) % open.length]!;
    const q = open[i]!;
    if (inside(q)) {
      if (!inside(p)) out.push(cross(p, q));
      out.push([q[0], q[1]]);
    } else if (inside(p)) {
      out.push(cross(p, q));
    }
  }
  if (out.length < 3) return undefined;
  out.push(out[0]!);
  return Math.abs(ringArea(out)) < EPS ? undefined : out;
}

/** The polygon (outer ring + holes) cut to one side of a parallel. */
export function clipPolygonByLatitude(polygon: readonly (readonly Position[])[], lat: number, keepNorth: boolean): Ring[] | undefined {
  const [outer, ...holes] = polygon;
  const clipped = outer && clipRing(outer, 1, lat, keepNorth);
  if (!clipped) return undefined;
  return [clipped, ...holes.map((h) => clipRing(h, 1, lat, keepNorth)).filter((h): h is Ring => !!h)];
}

/** The stretches of a ring that run along a parallel (where a cut was made). */
export function edgesOnLatitude(ring: readonly Position[], lat: number): Position[][] {
  const edges: Position[][] = [];
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1]!;
    const b = ring[i]!;
    if (Math.abs(a[1] - lat) < EPS && Math.abs(b[1] - lat) < EPS && a[0] !== b[0]) edges.push([a, b]);
  }
  return edges;
}
