import { Bounds, Point, Polygon, type LatLngExpression, type Map as LeafletMap, type PolylineOptions } from 'leaflet';
import type { MercatorShape } from '../model/mercator.ts';

/** Polygons this far outside the view (in view sizes) are not projected until a pan brings them near. */
const CULL_MARGIN = 0.5;

/** The Leaflet internals a Polyline uses for projection, clipping and drawing. */
interface PolygonInternals {
  _map: LeafletMap | null;
  _rings: Point[][];
  _rawPxBounds?: Bounds;
  _pxBounds?: Bounds;
  _updateBounds(): void;
  _shape: MercatorShape;
  _culled: boolean;
}

function nearView(map: LeafletMap, box: MercatorShape['box'], scale: number): boolean {
  const view = map.getPixelBounds();
  const marginX = (view.max!.x - view.min!.x) * CULL_MARGIN;
  const marginY = (view.max!.y - view.min!.y) * CULL_MARGIN;
  return box[2] * scale >= view.min!.x - marginX && box[0] * scale <= view.max!.x + marginX && box[3] * scale >= view.min!.y - marginY && box[1] * scale <= view.max!.y + marginY;
}

/**
 * A basemap polygon projected from pre-computed Web Mercator rings: at each zoom its vertices are
 * only scaled and shifted (no trigonometry, no LatLng objects), and polygons far from the view are
 * skipped. Keeps zooming over ~100k Natural Earth vertices well inside one frame budget.
 */
const MercatorPolygonClass = Polygon.extend({
  _project(this: PolygonInternals) {
    const map = this._map!;
    const zoom = map.getZoom();
    const scale = map.options.crs!.scale(zoom);
    const origin = map.getPixelOrigin();
    const { rings, box } = this._shape;
    this._rings = [];
    this._rawPxBounds = undefined;
    this._pxBounds = undefined;
    this._culled = !nearView(map, box, scale);
    if (this._culled) return;
    for (const ring of rings) {
      const points = new Array<Point>(ring.length / 2);
      for (let i = 0; i < points.length; i++) {
        points[i] = new Point(Math.round(ring[2 * i]! * scale) - origin.x, Math.round(ring[2 * i + 1]! * scale) - origin.y);
      }
      this._rings.push(points);
    }
    this._rawPxBounds = new Bounds([box[0] * scale - origin.x, box[1] * scale - origin.y], [box[2] * scale - origin.x, box[3] * scale - origin.y]);
    this._updateBounds();
  },

  _update(this: PolygonInternals & { _project(): void }) {
    const map = this._map;
    if (!map) return;
    if (this._culled && nearView(map, this._shape.box, map.options.crs!.scale(map.getZoom()))) this._project();
    (Polygon.prototype as unknown as { _update(this: unknown): void })._update.call(this);
  },
}) as unknown as new (latlngs: LatLngExpression[], options?: PolylineOptions) => Polygon;

/** A non-interactive canvas polygon for one basemap shape. */
export function mercatorPolygon(shape: MercatorShape, options: PolylineOptions): Polygon {
  const [[south, west], [north, east]] = shape.latLngBox;
  // Leaflet only needs real LatLngs for bounds; the rings come from the projected shape.
  const layer = new MercatorPolygonClass(
    [
      [south, west],
      [north, west],
      [north, east],
      [south, east],
    ],
    { ...options, interactive: false },
  );
  Object.assign(layer, { _shape: shape, _culled: true });
  return layer;
}
