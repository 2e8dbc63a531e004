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
    const keys = ordered.map((c) => `${c.id}:${c.worst}:${c.size}:${c.alerts}`);
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
        button.setAttribute('aria-label', clusterLabel(cluster));
        DomEvent.disableClickPropagation(button);
        button.addEventListener('click', () => this.onExpand(cluster));
        this.byKey.set(key, button);
      }
      const radius = clusterRadius(cluster.size);
      const point = this.map.latLngToLayerPoint([cluster.lat, cluster.lon]);
      button.style.cssText = `left:${point.x - radius}px;top:${point.y - radius}px;width:${2 * radius}px;height:${2 * radius}px`;
      // The DOM (and Tab) order follows `ordered`; a button is moved only when out of place (moving blurs it).
      const there = this.pane.children[at];
      if (there !== button) this.pane.insertBefore(button, there ?? null);
    });
    this.pane.style.visibility = '';
  }

  remove(): void {
    this.map.off('zoomstart', this.hide);
    for (const button of this.byKey.values()) button.remove();
    this.byKey.clear();
  }
}
