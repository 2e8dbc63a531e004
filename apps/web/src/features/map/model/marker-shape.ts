import type { SiteLook } from '../../../lib/site-status.ts';

/**
 * A site's look is told by its shape as well as its colour (WCAG 1.4.1: never by colour alone):
 * ok a disc ●, degraded a triangle ▲, down a cross ✕, no data a ring with "?" ○, under construction
 * a square ■, planned a dashed ring ◌. The same path draws the canvas marker and the legend's SVG,
 * so the legend cannot drift from the map. Every filled shape covers its centre (the pixel the
 * end-to-end tests read a marker's colour from).
 */
export type MarkerShape = 'disc' | 'triangle' | 'cross' | 'ring' | 'square' | 'dashed-ring';

export const LOOK_SHAPES: Readonly<Record<SiteLook, MarkerShape>> = {
  ok: 'disc',
  degraded: 'triangle',
  down: 'cross',
  'no-data': 'ring',
  construction: 'square',
  planned: 'dashed-ring',
};

/** The glyph of each shape, for text that names a look beside its colour. */
export const SHAPE_GLYPHS: Readonly<Record<MarkerShape, string>> = { disc: '●', triangle: '▲', cross: '✕', ring: '○', square: '■', 'dashed-ring': '◌' };

/** Shapes Leaflet draws itself as a circle (the others are traced by `traceShape`). */
export const isRound = (shape: MarkerShape): boolean => shape === 'disc' || shape === 'ring' || shape === 'dashed-ring';

/** Dashes of a planned site's ring, in px. */
export const PLANNED_DASH = '3 2.5';

/** Where a shape is traced: a canvas 2D context, or an SVG path builder. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  closePath(): void;
}

function polygon(sink: PathSink, points: readonly (readonly [number, number])[]): void {
  points.forEach(([px, py], i) => (i === 0 ? sink.moveTo(px, py) : sink.lineTo(px, py)));
  sink.closePath();
}

/**
 * Traces a shape centred on (x, y) for a marker of radius r, of about the disc's area (a triangle a
 * little larger: its corners are thin), so the size still says the MW.
 */
export function traceShape(sink: PathSink, shape: MarkerShape, x: number, y: number, r: number): void {
  if (shape === 'triangle') {
    // Centroid on the site: the circumradius of an equilateral triangle is 2/3 of its height.
    const R = r * 1.45;
    const dx = R * Math.cos(Math.PI / 6);
    polygon(sink, [
      [x, y - R],
      [x + dx, y + R / 2],
      [x - dx, y + R / 2],
    ]);
  } else if (shape === 'cross') {
    const w = Math.max(1.2, r * 0.42);
    const e = r * 1.25;
    const plus: [number, number][] = [
      [w, w],
      [w, e],
      [-w, e],
      [-w, w],
      [-e, w],
      [-e, -w],
      [-w, -w],
      [-w, -e],
      [w, -e],
      [w, -w],
      [e, -w],
      [e, w],
    ];
    const c = Math.SQRT1_2;
    polygon(
      sink,
      plus.map(([px, py]) => [x + (px - py) * c, y + (px + py) * c]),
    );
  } else if (shape === 'square') {
    const h = r * 0.9;
    polygon(sink, [
      [x - h, y - h],
      [x + h, y - h],
      [x + h, y + h],
      [x - h, y + h],
    ]);
  } else {
    sink.moveTo(x + r, y);
    sink.arc(x, y, r, 0, Math.PI * 2);
    sink.closePath();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The shape as an SVG path's `d` (the legend draws the markers with it). */
export function shapePathData(shape: MarkerShape, x: number, y: number, r: number): string {
  const parts: string[] = [];
  traceShape(
    {
      moveTo: (px, py) => parts.push(`M${round(px)} ${round(py)}`),
      lineTo: (px, py) => parts.push(`L${round(px)} ${round(py)}`),
      // Only whole circles are traced: two half arcs.
      arc: (cx, cy, radius) => parts.push(`A${round(radius)} ${round(radius)} 0 1 1 ${round(cx - radius)} ${round(cy)}`, `A${round(radius)} ${round(radius)} 0 1 1 ${round(cx + radius)} ${round(cy)}`),
      closePath: () => parts.push('Z'),
    },
    shape,
    x,
    y,
    r,
  );
  return parts.join(' ');
}

/** Radius from which a ring has room for its "?" (no data) written inside. */
export const NO_DATA_MARK_MIN_RADIUS = 6;

/** What the sites' canvas draws beyond Leaflet's circle: the shape, a maintenance ring, a cluster's worst look at its corner. */
export interface ShapedMarkerOptions {
  shape?: MarkerShape;
  /** Colour of a ring drawn around the shape (a site in maintenance). */
  ringColour?: string;
  /** A small shape at the lower corner (a cluster's worst look), with its fill; hollow shapes are stroked. */
  corner?: { shape: MarkerShape; colour: string; hollow: boolean };
}
