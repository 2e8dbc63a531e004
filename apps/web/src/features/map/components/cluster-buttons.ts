import { DomEvent, type Map as LeafletMap } from 'leaflet';
import { clusterLabel, clusterRadius, type DrawnCluster } from '../model/site-clusters.ts';
import { mapPane } from './panes.ts';

/** A site drawn on its own, as its button needs it. */
export interface ButtonSite {
  id: string;
  lat: number;
  lon: number;
  radius: number;
  /** Rank of its look (worse is higher): the Tab order goes worst first. */
  rank: number;
  /** Accessible name: "Casablanca 1, Morocco: Operational · Degraded". */
  name: string;
}

/** Beyond this many sites drawn alone in view, only the worst get a button (the site list reaches every one). */
export const MAX_SITE_BUTTONS = 400;
/** A button is at least this wide, so its focus ring is seen around a small site (the pointer passes through it: no pointer target). */
const MIN_BUTTON_PX = 16;

type Item = { key: string; rank: number; size: number; lat: number; lon: number; radius: number; name: string; className: string; activate: () => void };

/**
 * One focusable button over each cluster and each site drawn on the canvas: its accessible name says
 * what it holds ("Cluster of 4 sites: 1 down, 3 ok"; "Casablanca 1, Morocco: Operational · Degraded"),
 * Enter expands the cluster or opens the site's panel. The pointer goes through them to the canvas,
 * whose hit test respects the draw order (the worse on top). Tab order: the worst first.
 */
export class ClusterButtons {
  private readonly pane: HTMLElement;
  private readonly byKey = new Map<string, HTMLButtonElement>();
  /** What each button does now: a cluster's health and alerts change without the button being replaced. */
  private readonly actionOf = new WeakMap<HTMLButtonElement, () => void>();

  constructor(
    private readonly map: LeafletMap,
    private readonly onExpand: (cluster: DrawnCluster) => void,
    private readonly onOpenSite: (id: string) => void = () => undefined,
    /** A button took the focus (its key: a cluster's id, or `site:<id>`) or lost it: the map shows its hover label. */
    private readonly onFocusChange: (key: string | undefined) => void = () => undefined,
  ) {
    this.pane = mapPane(map, 'clusterButtons');
    map.on('zoomstart', this.hide);
  }

  private readonly hide = () => {
    this.pane.style.visibility = 'hidden';
  };

  update(clusters: readonly DrawnCluster[], sites: readonly ButtonSite[] = []): void {
    const items: Item[] = clusters.map((cluster) => ({
      // Keyed by cluster id (the same sites at the same zoom): a live change of health or alerts renames
      // the button in place, so the keyboard focus on it survives.
      key: String(cluster.id),
      rank: cluster.worst,
      size: cluster.size,
      lat: cluster.lat,
      lon: cluster.lon,
      radius: clusterRadius(cluster.size),
      name: clusterLabel(cluster),
      className: 'cluster-button',
      activate: () => this.onExpand(cluster),
    }));
    const worstSites = [...sites].sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name)).slice(0, MAX_SITE_BUTTONS);
    for (const site of worstSites) {
      items.push({
        key: `site:${site.id}`,
        rank: site.rank,
        size: 1,
        lat: site.lat,
        lon: site.lon,
        radius: site.radius,
        name: site.name,
        className: 'site-button',
        activate: () => this.onOpenSite(site.id),
      });
    }
    const ordered = items.sort((a, b) => b.rank - a.rank || b.size - a.size);
    const focused = document.activeElement;
    const keep = new Set(ordered.map((item) => item.key));
    for (const [key, button] of this.byKey) {
      if (keep.has(key)) continue;
      button.remove();
      this.byKey.delete(key);
    }
    ordered.forEach((item, at) => {
      let button = this.byKey.get(item.key);
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.className = item.className;
        button.dataset.key = item.key;
        DomEvent.disableClickPropagation(button);
        const self = button;
        button.addEventListener('click', () => this.actionOf.get(self)?.());
        const key = item.key;
        button.addEventListener('focus', () => this.onFocusChange(key));
        button.addEventListener('blur', () => this.onFocusChange(undefined));
        this.byKey.set(item.key, button);
      }
      this.actionOf.set(button, item.activate);
      if (button.getAttribute('aria-label') !== item.name) button.setAttribute('aria-label', item.name);
      const half = Math.max(item.radius, MIN_BUTTON_PX / 2);
      const point = this.map.latLngToLayerPoint([item.lat, item.lon]);
      button.style.cssText = `left:${point.x - half}px;top:${point.y - half}px;width:${2 * half}px;height:${2 * half}px`;
      // The DOM (and Tab) order follows `ordered`; a button is moved only when out of place (moving blurs it).
      const there = this.pane.children[at];
      if (there !== button) this.pane.insertBefore(button, there ?? null);
    });
    // Moving a focused button blurs it: the focus goes back where it was.
    if (focused instanceof HTMLButtonElement && focused.isConnected && document.activeElement !== focused && this.actionOf.has(focused)) focused.focus({ preventScroll: true });
    this.pane.style.visibility = '';
  }

  /** A site's name changed (its health, its alerts) while it stays drawn where it is. */
  renameSite(id: string, name: string): void {
    const button = this.byKey.get(`site:${id}`);
    if (button && button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
  }

  remove(): void {
    this.map.off('zoomstart', this.hide);
    for (const button of this.byKey.values()) button.remove();
    this.byKey.clear();
  }
}
