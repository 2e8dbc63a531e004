import { DomEvent, type Map as LeafletMap } from 'leaflet';
import { clusterLabel, clusterRadius, type DrawnCluster } from '../model/site-clusters.ts';
import { mapPane } from './panes.ts';

/**
 * One focusable button over each cluster drawn on the canvas: its accessible name says what it holds
 * ("Cluster of 4 sites: 1 down, 3 ok"), Enter expands it. The pointer goes through them to the canvas,
 * whose hit test respects the draw order (the worse on top). Tab order: the worst first.
 */
export class ClusterButtons {
  private readonly pane: HTMLElement;
  private readonly byKey = new Map<string, HTMLButtonElement>();
  /** The cluster each button stands for now: its health and alerts change without the button being replaced. */
  private readonly clusterOf = new WeakMap<HTMLButtonElement, DrawnCluster>();

  constructor(
    private readonly map: LeafletMap,
    private readonly onExpand: (cluster: DrawnCluster) => void,
  ) {
    this.pane = mapPane(map, 'clusterButtons');
    map.on('zoomstart', this.hide);
  }

  private readonly hide = () => {
    this.pane.style.visibility = 'hidden';
  };

  update(clusters: readonly DrawnCluster[]): void {
    const ordered = [...clusters].sort((a, b) => b.worst - a.worst || b.size - a.size);
    // Keyed by cluster id (the same sites at the same zoom): a live change of health or alerts renames the
    // button in place, so the keyboard focus on it survives.
    const keys = ordered.map((c) => String(c.id));
    const focused = document.activeElement;
    const keep = new Set(keys);
    for (const [key, button] of this.byKey) {
      if (keep.has(key)) continue;
      button.remove();
      this.byKey.delete(key);
    }
    ordered.forEach((cluster, at) => {
      const key = keys[at]!;
      let button = this.byKey.get(key);
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.className = 'cluster-button';
        DomEvent.disableClickPropagation(button);
        const self = button;
        button.addEventListener('click', () => {
          const current = this.clusterOf.get(self);
          if (current) this.onExpand(current);
        });
        this.byKey.set(key, button);
      }
      this.clusterOf.set(button, cluster);
      const name = clusterLabel(cluster);
      if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
      const radius = clusterRadius(cluster.size);
      const point = this.map.latLngToLayerPoint([cluster.lat, cluster.lon]);
      button.style.cssText = `left:${point.x - radius}px;top:${point.y - radius}px;width:${2 * radius}px;height:${2 * radius}px`;
      // The DOM (and Tab) order follows `ordered`; a button is moved only when out of place (moving blurs it).
      const there = this.pane.children[at];
      if (there !== button) this.pane.insertBefore(button, there ?? null);
    });
    // Moving a focused button blurs it: the focus goes back where it was.
    if (focused instanceof HTMLButtonElement && focused.isConnected && document.activeElement !== focused && this.clusterOf.has(focused)) focused.focus({ preventScroll: true });
    this.pane.style.visibility = '';
  }

  remove(): void {
    this.map.off('zoomstart', this.hide);
    for (const button of this.byKey.values()) button.remove();
    this.byKey.clear();
  }
}
