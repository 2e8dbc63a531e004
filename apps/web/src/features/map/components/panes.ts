import { Bounds, Canvas, type Map as LeafletMap, type Point } from 'leaflet';
import { isRound, traceShape, type ShapedMarkerOptions } from '../model/marker-shape.ts';

/** Map panes, bottom to top: basemap under links under sites under rank badges under the selection ring. */
export const PANES = {
  basemap: { name: 'corridor-basemap', zIndex: 250 },
  links: { name: 'corridor-links', zIndex: 410 },
  sites: { name: 'corridor-sites', zIndex: 420 },
  ranks: { name: 'corridor-ranks', zIndex: 425 },
  /** Focusable buttons on the links' lines (keyboard and screen readers; the pointer goes through). */
  linkButtons: { name: 'corridor-link-buttons', zIndex: 427 },
  /** Focusable buttons over the clusters (keyboard and screen readers; the pointer goes through to the canvas). */
  clusterButtons: { name: 'corridor-cluster-buttons', zIndex: 428 },
  selection: { name: 'corridor-selection', zIndex: 430 },
} as const;

type PaneKey = keyof typeof PANES;

/** Panes drawn over the sites that must not catch the pointer: hovering and clicking reach the site below. */
const PASS_THROUGH: readonly PaneKey[] = ['ranks', 'linkButtons', 'clusterButtons', 'selection'];

/**
 * A canvas covers the whole map, so the browser gives every pointer event to the top one (the sites'):
 * what it misses is offered to the pane below, or the links under it could never be hovered or clicked.
 */
const MISSES_GO_TO: Partial<Record<PaneKey, PaneKey>> = { sites: 'links' };

/** The console's font (app.css --font), for text drawn on a canvas. */
const LABEL_FONT = "700 11px system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

interface RendererOptions {
  padding?: number;
  tolerance?: number;
  /** Redraw after a pan or zoom in a task of its own, so no two layers repaint in one long task. */
  deferred?: boolean;
  /** Write each circle's `label` option in its centre and its `badge` at its top right (rank badges, clusters). */
  labels?: boolean;
}

/** A circle marker whose canvas draws a short text in its middle. */
export interface LabelledCircleOptions {
  label?: string;
  labelColour?: string;
  /** A short text in a red badge at the top right (firing alerts). */
  badge?: string;
}

type CanvasInternals = { _map?: LeafletMap; _update(): void; _deferredUpdate?: ReturnType<typeof setTimeout> };

/**
 * Leaflet's canvas, minus a race (Leaflet #6030): a redraw that runs after the canvas left the map (its context is
 * gone) drew into nothing and threw "reading 'save' of undefined" as a view closed. There is nothing to draw then.
 */
const SafeCanvas = Canvas.extend({
  _redraw(this: { _ctx?: CanvasRenderingContext2D }) {
    if (this._ctx) (Canvas.prototype as unknown as { _redraw(this: unknown): void })._redraw.call(this);
  },
}) as unknown as typeof Canvas;

/**
 * A canvas whose redraw at the end of a move runs in its own task: the old pixels stay on screen,
 * correctly transformed, for the few milliseconds until it repaints. Splits one long task in two.
 */
const DeferredCanvas = SafeCanvas.extend({
  getEvents(this: Canvas & { _deferUpdate(): void }) {
    const events = (SafeCanvas.prototype as unknown as { getEvents(this: unknown): Record<string, unknown> }).getEvents.call(this);
    return { ...events, moveend: this._deferUpdate };
  },
  _deferUpdate(this: CanvasInternals) {
    if (this._deferredUpdate !== undefined) return;
    this._deferredUpdate = setTimeout(() => {
      this._deferredUpdate = undefined;
      if (this._map) this._update();
    }, 0);
  },
}) as unknown as new (options?: RendererOptions & { pane?: string }) => Canvas;

type CircleInternals = { options: LabelledCircleOptions & ShapedMarkerOptions; _point: { x: number; y: number }; _radius: number; _empty(): boolean };

type Drawing = { _drawing?: boolean; _ctx: CanvasRenderingContext2D; _fillStroke(ctx: CanvasRenderingContext2D, layer: unknown): void };

/** The small shape at a cluster's lower corner (its worst look), opposite its alert badge. */
const CORNER_RADIUS_PX = 5;

/** Fill of the badge counting a cluster's or a site's firing alerts. */
const BADGE_FILL = '#ef4444';
const BADGE_FONT = "700 10px system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Draws a marker's shape (a triangle, a cross, a square: Leaflet's circle otherwise), a maintenance
 * ring around it, a cluster's worst look at its lower corner, then its label over it and its badge (top
 * right), in the same pass: no DOM element per marker. The pointer's hit test stays the circle's.
 */
const labelling = {
  /** A restyled marker's old pixels are cleared as far as its shape, ring, corner and badge reach (beyond its circle). */
  _extendRedrawBounds(this: { _redrawBounds?: Bounds }, layer: { options: { weight?: number }; _pxBounds?: Bounds; _radius?: number }) {
    const { min, max } = layer._pxBounds ?? {};
    if (!min || !max) return;
    const padding = (layer.options.weight ?? 0) + 1 + Math.ceil((layer._radius ?? 0) * 0.5) + 16;
    this._redrawBounds ??= new Bounds();
    this._redrawBounds.extend(min.subtract([padding, padding]));
    this._redrawBounds.extend(max.add([padding, padding]));
  },
  _updateCircle(this: Drawing, layer: CircleInternals) {
    const { label, labelColour, badge, shape, ringColour, corner } = layer.options;
    if (!shape || isRound(shape)) (Canvas.prototype as unknown as { _updateCircle(this: unknown, layer: unknown): void })._updateCircle.call(this, layer);
    if (!this._drawing || layer._empty()) return;
    const ctx = this._ctx;
    const { x, y } = layer._point;
    if (shape && !isRound(shape)) {
      ctx.beginPath();
      traceShape(ctx, shape, x, y, layer._radius);
      this._fillStroke(ctx, layer);
    }
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    if (ringColour) {
      ctx.beginPath();
      ctx.arc(x, y, layer._radius + 4, 0, Math.PI * 2);
      ctx.lineWidth = 2;
      ctx.strokeStyle = ringColour;
      ctx.stroke();
    }
    if (corner) {
      const offset = (layer._radius + CORNER_RADIUS_PX * 0.3) / Math.SQRT2;
      ctx.beginPath();
      traceShape(ctx, corner.shape, x - offset, y + offset, CORNER_RADIUS_PX);
      ctx.fillStyle = corner.hollow ? '#0b1016' : corner.colour;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = corner.hollow ? corner.colour : '#0b1016';
      ctx.stroke();
    }
    if (!label && !badge) return;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (label) {
      ctx.font = LABEL_FONT;
      ctx.fillStyle = labelColour ?? '#000';
      ctx.fillText(label, x, y + 0.5);
    }
    if (badge) {
      const radius = Math.max(7, 3.5 + 3 * badge.length);
      // On the circle's top-right edge, mostly outside it: a small site's dot stays visible beside its badge.
      const offset = (layer._radius + radius * 0.6) / Math.SQRT2;
      const [bx, by] = [x + offset, y - offset];
      ctx.beginPath();
      ctx.arc(bx, by, radius, 0, Math.PI * 2);
      ctx.fillStyle = BADGE_FILL;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#0b1016';
      ctx.stroke();
      ctx.font = BADGE_FONT;
      ctx.fillStyle = '#ffffff';
      ctx.fillText(badge, bx, by + 0.5);
    }
  },
};

/** A canvas that writes circles' labels and badges (rank badges). */
const LabelCanvas = SafeCanvas.extend(labelling) as unknown as new (options?: RendererOptions & { pane?: string }) => Canvas;
/** Deferred and labelled: the sites' canvas, whose clusters show their size and firing alerts. */
const DeferredLabelCanvas = (DeferredCanvas as unknown as typeof Canvas).extend(labelling) as unknown as new (options?: RendererOptions & { pane?: string }) => Canvas;

/** Leaflet's canvas pointer handling (Canvas.js, 1.9): the parts a miss is forwarded through. */
interface CanvasPointer {
  _map?: LeafletMap;
  _container: HTMLElement;
  _drawFirst?: { layer: { options: { interactive?: boolean }; _containsPoint(p: Point): boolean }; next?: CanvasPointer['_drawFirst'] };
  _hoveredLayer?: unknown;
  _onClick(e: MouseEvent): void;
  _onMouseMove(e: MouseEvent): void;
  _handleMouseOut(e: MouseEvent): void;
}

/** The renderer of each pane of each map, for MISSES_GO_TO. */
const renderers = new WeakMap<LeafletMap, Partial<Record<PaneKey, CanvasPointer>>>();

/** Whether an interactive layer of this canvas is under the pointer. */
function hits(canvas: CanvasPointer, e: MouseEvent): boolean {
  if (!canvas._map) return false;
  const point = canvas._map.mouseEventToLayerPoint(e);
  for (let order = canvas._drawFirst; order; order = order.next) if (order.layer.options.interactive && order.layer._containsPoint(point)) return true;
  return false;
}

/**
 * Gives the pane below what this canvas misses: a click where none of its layers is goes to the layer
 * below (or the map, as before); hovering over nothing of its own hovers the layer below, and hovering
 * one of its own ends that. Set before the canvas is added to the map, which binds these handlers.
 */
function forwardMisses(canvas: CanvasPointer, map: LeafletMap, below: PaneKey): void {
  const own = { click: canvas._onClick, move: canvas._onMouseMove, out: canvas._handleMouseOut };
  const next = () => renderers.get(map)?.[below];
  canvas._onClick = function (this: CanvasPointer, e) {
    const target = next();
    if (target && !hits(this, e)) target._onClick(e);
    else own.click.call(this, e);
  };
  canvas._onMouseMove = function (this: CanvasPointer, e) {
    own.move.call(this, e);
    const target = next();
    if (!target) return;
    if (this._hoveredLayer) target._handleMouseOut(e);
    else target._onMouseMove(e);
    // The pointer is over this canvas: it shows the pointer cursor for a layer below too.
    this._container.classList.toggle('leaflet-interactive', !!this._hoveredLayer || !!target._hoveredLayer);
  };
  canvas._handleMouseOut = function (this: CanvasPointer, e) {
    own.out.call(this, e);
    next()?._handleMouseOut(e);
  };
}

/** A map pane of ours, made on first use at its place in the stack. */
export function mapPane(map: LeafletMap, key: PaneKey): HTMLElement {
  const { name, zIndex } = PANES[key];
  const existing = map.getPane(name);
  if (existing) return existing;
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  if (PASS_THROUGH.includes(key)) pane.style.pointerEvents = 'none';
  return pane;
}

/** A canvas renderer drawing into its own pane, so one layer's redraw never repaints another's. */
export function paneRenderer(map: LeafletMap, key: PaneKey, options: RendererOptions = {}): Canvas {
  const { name } = PANES[key];
  mapPane(map, key);
  const rendererOptions = { pane: name, padding: options.padding ?? 0.1, tolerance: options.tolerance ?? 0 };
  const Renderer = options.labels ? (options.deferred ? DeferredLabelCanvas : LabelCanvas) : options.deferred ? DeferredCanvas : SafeCanvas;
  const renderer = new Renderer(rendererOptions);
  const pointer = renderer as unknown as CanvasPointer;
  const below = MISSES_GO_TO[key];
  if (below) forwardMisses(pointer, map, below);
  renderers.set(map, { ...renderers.get(map), [key]: pointer });
  return renderer;
}
