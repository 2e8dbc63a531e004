// @vitest-environment jsdom
import { map as leafletMap } from 'leaflet';
import { afterEach, expect, it, vi } from 'vitest';
import { paneRenderer } from './panes.ts';

// jsdom draws nothing: a context whose every method does nothing stands in for the browser's.
const noOpContext = new Proxy({}, { get: (_, key) => (key === 'canvas' ? undefined : () => undefined) });
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => noOpContext as CanvasRenderingContext2D);
afterEach(() => vi.restoreAllMocks());

type Redrawable = { _ctx?: unknown; _redraw(): void };

// Leaflet #6030: a redraw that runs after the canvas left the map (a view closing while a restyle or a move was
// pending) found no context and threw from `_clear`. The e2e maintenance walk caught it as an error of the console.
it('draws nothing, and throws nothing, when a redraw comes after the canvas left the map', () => {
  const container = document.createElement('div');
  document.body.append(container);
  const map = leafletMap(container).setView([38, 0], 4);
  for (const options of [{}, { deferred: true }, { labels: true }, { labels: true, deferred: true }]) {
    const renderer = paneRenderer(map, 'links', options).addTo(map);
    renderer.remove();
    const gone = renderer as unknown as Redrawable;
    expect(gone._ctx).toBeUndefined();
    expect(() => gone._redraw()).not.toThrow();
  }
  map.remove();
});
