import type { SiteRow } from '@corridor/shared';
import { circleMarker, featureGroup, tooltip, type CircleMarker, type CircleMarkerOptions, type LeafletMouseEvent, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { formatMw } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { DECLARED_STYLES, SITE_LOOKS, siteStateOf, stateLabel, type SiteLook } from '../../../lib/site-status.ts';
import { ClusterIndex } from '../api/cluster-index.ts';
import { LOOK_SHAPES, type ShapedMarkerOptions } from '../model/marker-shape.ts';
import { siteMarkerName, type SiteHealthMap } from '../model/site-marker-name.ts';
import { motion, pageIsRtl } from '../model/view-edges.ts';
import { GREYED_COLOUR, MARKER_OUTLINE, effectiveStatus, markerStyle } from '../model/marker-style.ts';
import { LOOKS_BY_RANK, clusterCountText, clusterLabel, clusterRadius, drawSequence, rankOfLook, type ClusterView, type DrawnCluster } from '../model/site-clusters.ts';
import { ClusterButtons, MAX_SITE_BUTTONS, type ButtonSite } from './cluster-buttons.ts';
import { paneRenderer, type LabelledCircleOptions } from './panes.ts';

export type { SiteHealthMap };

/** What a view marks on the map (e.g. a placement plan): numbered sites, greyed sites, and a note per site shown on hover. */
export interface SiteMarks {
  /** Numbers drawn on sites, 1 first. */
  ranks: ReadonlyMap<string, number>;
  greyed: ReadonlySet<string>;
  /** Lines added to a site's hover label. */
  notes: ReadonlyMap<string, string>;
}

interface DrawnSite {
  marker: CircleMarker;
  row: SiteRow;
  /** The look the marker is drawn with (observed health of a built site, else its declared status). */
  status: SiteLook;
  greyed: boolean;
  alerts: number;
  /** Declared in maintenance: a ring around its shape. */
  maintenance: boolean;
}

type Hit = { site: DrawnSite } | { cluster: DrawnCluster };

/** Sites of the list as the index last received them, to tell whether anything it reduces changed. */
interface Indexed {
  sites: readonly SiteRow[];
  key: string;
}

const badgeOf = (alerts: number): string | undefined => (alerts > 0 ? (alerts > 99 ? '99+' : String(alerts)) : undefined);

const styleOf = (drawn: Pick<DrawnSite, 'row' | 'status' | 'greyed' | 'alerts' | 'maintenance'>): CircleMarkerOptions & LabelledCircleOptions & ShapedMarkerOptions => ({
  ...markerStyle(drawn.status, drawn.row.itCapacityMw, drawn.greyed),
  badge: badgeOf(drawn.alerts),
  ringColour: drawn.maintenance ? DECLARED_STYLES.maintenance.colour : undefined,
});

/** A cluster's circle: its size written in it, the colour of the worst look inside (hollow looks ringed), its alerts in a badge. */
function clusterStyle(cluster: DrawnCluster): CircleMarkerOptions & LabelledCircleOptions & ShapedMarkerOptions {
  const worst = cluster.worst >= 0 ? LOOKS_BY_RANK[cluster.worst]! : undefined;
  const look = worst ? SITE_LOOKS[worst] : { colour: GREYED_COLOUR, hollow: false };
  return {
    radius: clusterRadius(cluster.size),
    color: look.hollow ? look.colour : MARKER_OUTLINE,
    weight: look.hollow ? 2.5 : 1.5,
    opacity: 1,
    fillColor: look.hollow ? MARKER_OUTLINE : look.colour,
    fillOpacity: look.hollow ? 0.85 : 0.95,
    label: clusterCountText(cluster.size),
    labelColour: look.hollow ? look.colour : MARKER_OUTLINE,
    badge: badgeOf(cluster.alerts),
    // The worst look's shape at the lower corner: a cluster's health is not told by its colour alone.
    corner: worst ? { shape: LOOK_SHAPES[worst], colour: look.colour, hollow: look.hollow } : undefined,
  };
}

/**
 * Site markers as canvas circles in one feature group, created imperatively: no React component per
 * site, so tens of thousands stay smooth. Sites that overlap at the current zoom are drawn as one
 * cluster (supercluster, in a worker) showing the worst look inside it and its firing alerts; a
 * cluster expands on click or Enter. A placement plan (marks) is drawn site by site, unclustered. Everything is drawn worst last, on top. Sites are re-clustered at
 * the end of a move and when a health, an alert count or a mark changes — never per telemetry frame;
 * a site drawn on its own is recoloured at once. The map container's data-site-count says how many
 * sites are drawn (alone or in clusters), data-cluster-count how many clusters, data-cluster-zoom
 * the zoom they were made for.
 */
export function useSiteMarkers(
  map: LeafletMap,
  sites: readonly SiteRow[],
  health: SiteHealthMap | undefined,
  onSelect: (id: string) => void,
  marks?: SiteMarks,
  alertCounts?: Readonly<Record<string, number>>,
): void {
  const onSelectRef = useRef(onSelect);
  const healthRef = useRef(health);
  const marksRef = useRef(marks);
  const alertsRef = useRef(alertCounts);
  const indexRef = useRef<ClusterIndex<readonly SiteRow[]> | undefined>(undefined);
  const indexed = useRef<Indexed | undefined>(undefined);
  const shownOrder = useRef('');
  const refreshRef = useRef<() => void>(() => undefined);
  /** Draws these sites each on its own (a placement plan: every candidate and rejected site must be seen and hovered). */
  const drawAllRef = useRef<(rows: readonly SiteRow[]) => void>(() => undefined);
  const unclustered = useRef<readonly SiteRow[] | undefined>(undefined);
  const buttonsRef = useRef<ClusterButtons | undefined>(undefined);
  const layer = useMemo(() => {
    const renderer = paneRenderer(map, 'sites', { tolerance: 3, deferred: true, labels: true });
    return { renderer, group: featureGroup(), cache: new Map<string, DrawnSite>(), byMarker: new WeakMap<object, Hit>() };
  }, [map]);

  useEffect(() => {
    onSelectRef.current = onSelect;
    healthRef.current = health;
    marksRef.current = marks;
    alertsRef.current = alertCounts;
  });

  useEffect(() => {
    const { group, byMarker, cache } = layer;
    const index = new ClusterIndex<readonly SiteRow[]>();
    indexRef.current = index;
    indexed.current = undefined;
    shownOrder.current = '';
    const expand = async (cluster: DrawnCluster) => {
      const splitsAt = await index.expansionZoom(cluster.id);
      const zoom = Math.min(map.getMaxZoom(), Math.max(splitsAt, Math.floor(map.getZoom()) + 1));
      map.fire('corridor:flyto');
      map.flyTo([cluster.lat, cluster.lon], zoom, { duration: 0.5, ...motion() });
      // Its button is gone once expanded: the keyboard stays on the map.
      map.getContainer().focus({ preventScroll: true });
    };
    const buttons = new ClusterButtons(
      map,
      (cluster) => void expand(cluster),
      (id) => onSelectRef.current(id),
      // A sighted keyboard user sees what a focused button stands for: its marker's hover label.
      (key) => {
        const marker = key === undefined ? undefined : markerOfButton(key);
        if (marker) showLabel(marker);
        else map.closeTooltip(hover);
      },
    );
    buttonsRef.current = buttons;
    let clusterMarkers = new Map<string, CircleMarker>();
    let asked = 0;

    const draw = (view: ClusterView, rows: readonly SiteRow[], zoom: number) => {
      const items: { rank: number; cluster: boolean; key: string; marker: CircleMarker }[] = [];
      const singles: DrawnSite[] = [];
      const inView = map.getBounds();
      for (const i of view.singles) {
        const drawn = cache.get(rows[i]!.id);
        if (!drawn) continue;
        const rank = drawn.greyed ? -1 : rankOfLook(drawn.status);
        items.push({ rank, cluster: false, key: drawn.row.id, marker: drawn.marker });
        if (inView.contains([drawn.row.lat, drawn.row.lon])) singles.push(drawn);
      }
      const nextClusters = new Map<string, CircleMarker>();
      for (const cluster of view.clusters) {
        const key = `c${cluster.id}:${cluster.worst}:${cluster.size}:${cluster.alerts}`;
        let marker = clusterMarkers.get(key) ?? nextClusters.get(key);
        if (!marker) {
          marker = circleMarker([cluster.lat, cluster.lon], { ...clusterStyle(cluster), renderer: layer.renderer, bubblingMouseEvents: false });
          byMarker.set(marker, { cluster });
        }
        nextClusters.set(key, marker);
        items.push({ rank: cluster.worst, cluster: true, key, marker });
      }
      clusterMarkers = nextClusters;
      const order = drawSequence(items)
        .map((item) => `${item.key}:${item.rank}`)
        .join(',');
      if (order !== shownOrder.current) {
        group.clearLayers();
        for (const item of items) group.addLayer(item.marker);
        shownOrder.current = order;
      }
      // Named only the sites that get a button (the worst in view, at most MAX_SITE_BUTTONS): naming costs.
      const rankOf = (d: DrawnSite) => (d.greyed ? -1 : rankOfLook(d.status));
      const named: ButtonSite[] = singles
        .sort((a, b) => rankOf(b) - rankOf(a))
        .slice(0, MAX_SITE_BUTTONS)
        .map((d) => ({ id: d.row.id, lat: d.row.lat, lon: d.row.lon, radius: d.marker.getRadius(), rank: rankOf(d), name: siteMarkerName(d.row, healthRef.current?.[d.row.id], d.alerts) }));
      buttons.update(view.clusters, named);
      const container = map.getContainer();
      container.dataset.clusterCount = String(view.clusters.length);
      container.dataset.siteCount = String(rows.length);
      // The zoom the clusters on screen were made for (tests and benchmarks wait for it after a move).
      container.dataset.clusterZoom = String(zoom);
    };

    // What is in view (and a margin, so a pan shows sites at once), at the current zoom.
    const refresh = () => {
      if (unclustered.current) return drawAllRef.current(unclustered.current);
      const bounds = map.getBounds().pad(0.25);
      const bbox: [number, number, number, number] = [bounds.getWest(), Math.max(-85, bounds.getSouth()), bounds.getEast(), Math.min(85, bounds.getNorth())];
      const ask = ++asked;
      const zoom = map.getZoom();
      void index.view(bbox, zoom).then(({ view, tag }) => {
        if (ask === asked && tag) draw(view, tag, zoom);
      });
    };
    refreshRef.current = refresh;
    drawAllRef.current = (rows) => draw({ clusters: [], singles: rows.map((_, i) => i) }, rows, map.getZoom());

    const label = document.createElement('span');
    // The map is left to right; its hover label reads in the page's direction (Arabic right to left).
    label.dir = pageIsRtl() ? 'rtl' : 'ltr';
    const hover = tooltip({ direction: 'top', className: 'site-tooltip', opacity: 1 }).setContent(label);
    group.on('click', (e: LeafletMouseEvent) => {
      const hit = byMarker.get(e.propagatedFrom as object);
      if (hit && 'site' in hit) onSelectRef.current(hit.site.row.id);
      else if (hit) void expand(hit.cluster);
    });
    /** The marker a button stands for: `site:<id>`, or a cluster's id. */
    const markerOfButton = (key: string): CircleMarker | undefined => {
      if (key.startsWith('site:')) return cache.get(key.slice('site:'.length))?.marker;
      for (const marker of clusterMarkers.values()) {
        const hit = byMarker.get(marker);
        if (hit && 'cluster' in hit && String(hit.cluster.id) === key) return marker;
      }
      return undefined;
    };
    /** Opens a marker's hover label (the pointer over it, or the keyboard on its button). */
    const showLabel = (marker: CircleMarker) => {
      const hit = byMarker.get(marker);
      if (!hit) return;
      if ('cluster' in hit) label.textContent = `${clusterLabel(hit.cluster)}\n${translate('map.cluster.expandHint')}`;
      else {
        const { row, alerts } = hit.site;
        const state = siteStateOf(row.status, healthRef.current?.[row.id]);
        const note = marksRef.current?.notes.get(row.id);
        // The reason is the server's words (English); the console's words around it are translated.
        const values = { name: row.name, state: stateLabel(state), reason: state.reason, capacity: formatMw(row.itCapacityMw) };
        const lines = [translate(state.reason ? 'map.site.tooltipReason' : 'map.site.tooltip', values)];
        if (alerts > 0) lines.push(translate('map.site.firing', { alerts }));
        if (note) lines.push(note);
        label.textContent = lines.join('\n');
      }
      hover.options.offset = [0, -marker.getRadius()];
      hover.setLatLng(marker.getLatLng());
      map.openTooltip(hover);
    };
    group.on('mouseover', (e: LeafletMouseEvent) => showLabel(e.propagatedFrom as CircleMarker));
    group.on('mouseout', () => map.closeTooltip(hover));
    group.addTo(map);
    map.on('moveend', refresh);
    return () => {
      map.off('moveend', refresh);
      refreshRef.current = () => undefined;
      group.off();
      group.remove();
      group.clearLayers();
      buttons.remove();
      buttonsRef.current = undefined;
      map.closeTooltip(hover);
      index.dispose();
    };
  }, [map, layer]);

  // Sites, their health, alerts and greying: single markers restyled in place at once; the index rebuilt when what it reduces changed.
  useEffect(() => {
    const index = indexRef.current;
    if (!index) return;
    const { renderer, cache, byMarker } = layer;
    const n = sites.length;
    const input = { lat: new Float64Array(n), lon: new Float64Array(n), rank: new Uint8Array(n), greyed: new Uint8Array(n), alerts: new Uint32Array(n) };
    const keyParts: string[] = [];
    sites.forEach((row, i) => {
      const live = health?.[row.id];
      const status = effectiveStatus(row.status, live);
      const greyed = marks?.greyed.has(row.id) ?? false;
      const alerts = alertCounts?.[row.id] ?? 0;
      const maintenance = siteStateOf(row.status, live).declared === 'maintenance';
      const cached = cache.get(row.id);
      if (!cached) {
        const drawn: DrawnSite = {
          marker: circleMarker([row.lat, row.lon], { ...styleOf({ row, status, greyed, alerts, maintenance }), renderer, bubblingMouseEvents: false }),
          row,
          status,
          greyed,
          alerts,
          maintenance,
        };
        cache.set(row.id, drawn);
        byMarker.set(drawn.marker, { site: drawn });
      } else if (cached.row !== row || cached.status !== status || cached.greyed !== greyed || cached.alerts !== alerts || cached.maintenance !== maintenance) {
        const worse = rankOfLook(status) > rankOfLook(cached.status);
        Object.assign(cached, { row, status, greyed, alerts, maintenance });
        const style = styleOf(cached);
        cached.marker
          .setLatLng([row.lat, row.lon])
          .setStyle(style)
          .setRadius(style.radius ?? cached.marker.getRadius());
        if (worse && layer.group.hasLayer(cached.marker)) cached.marker.bringToFront();
        buttonsRef.current?.renameSite(row.id, siteMarkerName(row, live, alerts));
      }
      input.lat[i] = row.lat;
      input.lon[i] = row.lon;
      input.rank[i] = rankOfLook(status);
      input.greyed[i] = greyed ? 1 : 0;
      input.alerts[i] = alerts;
      if (input.rank[i] !== input.rank[0] || greyed || alerts) keyParts.push(`${i}:${input.rank[i]}:${input.greyed[i]}:${alerts}`);
    });
    const key = `${input.rank[0] ?? ''}|${keyParts.join(',')}`;
    map.getContainer().dataset.greyedCount = String(marks?.greyed.size ?? 0);
    // A plan on the map (marks) shows every site alone: its ranks and rejection reasons belong to single sites.
    const wasUnclustered = !!unclustered.current;
    unclustered.current = marks ? sites : undefined;
    if (marks) return refreshRef.current();
    if (indexed.current?.sites === sites && indexed.current.key === key) {
      if (wasUnclustered) refreshRef.current();
      return;
    }
    indexed.current = { sites, key };
    void index.load(input, sites).then(() => refreshRef.current());
  }, [map, layer, sites, health, marks, alertCounts]);
}
