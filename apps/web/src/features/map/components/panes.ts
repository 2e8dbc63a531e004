import { Canvas, type Map as LeafletMap } from 'leaflet';

/** Map panes, bottom to top: basemap under links under sites under the selection ring. */
export const PANES = {
  basemap: { name: 'corridor-basemap', zIndex: 250 },
  links: { name: 'corridor-links', zIndex: 410 },
  sites: { name: 'corridor-sites', zIndex: 420 },
  selection: { name: 'corridor-selection', zIndex: 430 },
} as const;

type PaneKey = keyof typeof PANES;

interface RendererOptions {
  padding?: number;
  tolerance?: number;
  /** Redraw after a pan or zoom in a task of its own, so no two layers repaint in one long task. */
  deferred?: boolean;
}

type CanvasInternals = { _map?: LeafletMap; _update(): void; _deferredUpdate?: ReturnType<typeof setTimeout> };

/**
 * A canvas whose redraw at the end of a move runs in its own task: the old pixels stay on screen,
 * correctly transformed, for the few milliseconds until it repaints. Splits one long task in two.
 */
const DeferredCanvas = Canvas.extend({
  getEvents(this: Canvas & { _deferUpdate(): void }) {
    const events = (Canvas.prototype as unknown as { getEvents(this: unknown): Record<string, unknown> }).getEvents.call(this);
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

/** A canvas renderer drawing into its own pane, so one layer's redraw never repaints another's. */
export function paneRenderer(map: LeafletMap, key: PaneKey, options: RendererOptions = {}): Canvas {
  const { name, zIndex } = PANES[key];
  if (!map.getPane(name)) {
    const pane = map.createPane(name);
    pane.style.zIndex = String(zIndex);
    if (key === 'selection') pane.style.pointerEvents = 'none';
  }
  const rendererOptions = { pane: name, padding: options.padding ?? 0.1, tolerance: options.tolerance ?? 0 };
  return options.deferred ? new DeferredCanvas(rendererOptions) : new Canvas(rendererOptions);
}
