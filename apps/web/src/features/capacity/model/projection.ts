/*
 * The choropleth's projection: Web Mercator (as the network map), fitted to a box of longitudes and
 * latitudes. Pure, so the shapes, labels and bubbles all land where the same function puts them.
 */

/** A country's outline as world-atlas gives it: ISO 3166-1 numeric id and its polygons' rings of [lon, lat]. */
export interface CountryShape {
  id: string;
  polygons: readonly (readonly (readonly [number, number])[])[][];
}

export interface Frame {
  west: number;
  east: number;
  south: number;
  north: number;
  width: number;
  height: number;
}

const MAX_LAT = 85;
const mercY = (lat: number) => {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
};

/** A frame of the given width around the points (with a margin in degrees), its height from Mercator's aspect. */
export function fitFrame(points: readonly { lat: number; lon: number }[], width: number, marginDeg = 6): Frame {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const west = (lons.length ? Math.min(...lons) : -20) - marginDeg;
  const east = (lons.length ? Math.max(...lons) : 20) + marginDeg;
  const south = Math.max(-80, (lats.length ? Math.min(...lats) : 0) - marginDeg);
  const north = Math.min(80, (lats.length ? Math.max(...lats) : 50) + marginDeg);
  const ratio = (mercY(north) - mercY(south)) / (((east - west) * Math.PI) / 180);
  return { west, east, south, north, width, height: Math.max(120, Math.round(width * ratio)) };
}

/** A point's place in the frame, in pixels (x right, y down). */
export function project(frame: Frame, lon: number, lat: number): [number, number] {
  const x = ((lon - frame.west) / (frame.east - frame.west)) * frame.width;
  const top = mercY(frame.north);
  const y = ((top - mercY(lat)) / (top - mercY(frame.south))) * frame.height;
  return [x, y];
}

/** An SVG path of a country's rings (holes drawn with the even-odd rule). */
export function shapePath(frame: Frame, shape: CountryShape): string {
  let d = '';
  for (const polygon of shape.polygons) {
    for (const ring of polygon) {
      ring.forEach(([lon, lat], i) => {
        const [x, y] = project(frame, lon, lat);
        d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/** Where a country's label goes: the middle of its largest polygon's box (mainland, not islands). */
export function labelPoint(frame: Frame, shape: CountryShape): [number, number] | undefined {
  let best: { area: number; box: [number, number, number, number] } | undefined;
  for (const polygon of shape.polygons) {
    const outer = polygon[0];
    if (!outer?.length) continue;
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of outer) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (!best || area > best.area) best = { area, box };
  }
  if (!best) return undefined;
  return project(frame, (best.box[0] + best.box[2]) / 2, (best.box[1] + best.box[3]) / 2);
}
