import type { SiteHealth, SiteRow } from '@corridor/shared';
import { circleMarker, featureGroup, tooltip, type CircleMarker, type LeafletMouseEvent, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { formatMw } from '../../../lib/format.ts';
import { siteStateOf, stateLabel, type SiteLook } from '../../../lib/site-status.ts';
import { drawOrder, effectiveStatus, markerStyle } from '../model/marker-style.ts';
import { paneRenderer } from './panes.ts';

/** Observed health per site id, as the live feed reports it. */
export type SiteHealthMap = Readonly<Record<string, Pick<SiteHealth, 'declared' | 'health' | 'reason'>>>;

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
}

/** What the drawn layer currently shows, to restyle only what changes: the draw order, the health and the greyed sites it was drawn with. */
interface Shown {
  order: string;
  health?: SiteHealthMap;
  greyed?: ReadonlySet<string>;
}

const styleOf = (drawn: Pick<DrawnSite, 'row' | 'status' | 'greyed'>) => markerStyle(drawn.status, drawn.row.itCapacityMw, drawn.greyed);

/**
 * Site markers as canvas circles in one feature group, created imperatively: no React component
 * per site, so thousands stay smooth. Markers are reused across filter changes; the worst health
 * is drawn last. Live health recolours a marker in place (setStyle) and lifts it above its
 * neighbours when it gets worse; marks grey sites the same way, only those whose mark changed.
 * The map container's data-site-count says how many markers are drawn.
 */
export function useSiteMarkers(map: LeafletMap, sites: readonly SiteRow[], health: SiteHealthMap | undefined, onSelect: (id: string) => void, marks?: SiteMarks): void {
  const onSelectRef = useRef(onSelect);
  const healthRef = useRef(health);
  const marksRef = useRef(marks);
  const shown = useRef<Shown>({ order: '' });
  const layer = useMemo(() => {
    const renderer = paneRenderer(map, 'sites', { tolerance: 3, deferred: true });
    return { renderer, group: featureGroup(), cache: new Map<string, DrawnSite>(), byMarker: new WeakMap<object, DrawnSite>() };
  }, [map]);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const { group, byMarker } = layer;
    // A new layer shows nothing yet: the effects below draw everything into it.
    shown.current = { order: '' };
    const label = document.createElement('span');
    const hover = tooltip({ direction: 'top', className: 'site-tooltip', opacity: 1 }).setContent(label);
    group.on('click', (e: LeafletMouseEvent) => {
      const drawn = byMarker.get(e.propagatedFrom as object);
      if (drawn) onSelectRef.current(drawn.row.id);
    });
    group.on('mouseover', (e: LeafletMouseEvent) => {
      const marker = e.propagatedFrom as CircleMarker;
      const drawn = byMarker.get(marker);
      if (!drawn) return;
      const state = siteStateOf(drawn.row.status, healthRef.current?.[drawn.row.id]);
      const note = marksRef.current?.notes.get(drawn.row.id);
      label.textContent = `${drawn.row.name} · ${stateLabel(state)}${state.reason ? ` (${state.reason})` : ''} · ${formatMw(drawn.row.itCapacityMw)}${note ? `\n${note}` : ''}`;
      hover.options.offset = [0, -marker.getRadius()];
      hover.setLatLng(marker.getLatLng());
      map.openTooltip(hover);
    });
    group.on('mouseout', () => map.closeTooltip(hover));
    group.addTo(map);
    return () => {
      group.off();
      group.remove();
      map.closeTooltip(hover);
    };
  }, [map, layer]);

  useEffect(() => {
    const { renderer, group, cache, byMarker } = layer;
    const observed = healthRef.current;
    const greyedIds = shown.current.greyed;
    for (const row of sites) {
      const status = effectiveStatus(row.status, observed?.[row.id]);
      const greyed = greyedIds?.has(row.id) ?? false;
      const cached = cache.get(row.id);
      if (!cached) {
        const marker = circleMarker([row.lat, row.lon], { ...styleOf({ row, status, greyed }), renderer, bubblingMouseEvents: false });
        const drawn = { marker, row, status, greyed };
        cache.set(row.id, drawn);
        byMarker.set(marker, drawn);
      } else if (cached.row !== row || cached.status !== status || cached.greyed !== greyed) {
        const sameLook = cached.status === status && cached.greyed === greyed && cached.row.itCapacityMw === row.itCapacityMw && cached.row.lat === row.lat && cached.row.lon === row.lon;
        cached.row = row;
        cached.status = status;
        cached.greyed = greyed;
        if (!sameLook) {
          const style = styleOf(cached);
          cached.marker
            .setLatLng([row.lat, row.lon])
            .setStyle(style)
            .setRadius(style.radius ?? cached.marker.getRadius());
        }
      }
    }
    const visible = [...sites].sort((a, b) => drawOrder(cache.get(a.id)!.status) - drawOrder(cache.get(b.id)!.status) || a.id.localeCompare(b.id));
    const order = visible.map((s) => `${s.id}:${cache.get(s.id)!.status}`).join(',');
    if (order !== shown.current.order) {
      group.clearLayers();
      for (const row of visible) group.addLayer(cache.get(row.id)!.marker);
      shown.current.order = order;
    }
    map.getContainer().dataset.siteCount = String(visible.length);
  }, [map, layer, sites]);

  // Live health: only the sites whose report changed are restyled, in place.
  useEffect(() => {
    healthRef.current = health;
    const before = shown.current.health;
    shown.current.health = health;
    if (!health || health === before) return;
    const changed = new Set<string>();
    for (const id in health) if (health[id] !== before?.[id]) changed.add(id);
    for (const id in before) if (!(id in health)) changed.add(id);
    for (const id of changed) {
      const drawn = layer.cache.get(id);
      if (!drawn) continue;
      const status = effectiveStatus(drawn.row.status, health[id]);
      if (status === drawn.status) continue;
      const worse = drawOrder(status) > drawOrder(drawn.status);
      drawn.status = status;
      drawn.marker.setStyle(styleOf(drawn));
      if (worse && layer.group.hasLayer(drawn.marker)) drawn.marker.bringToFront();
    }
  }, [layer, health]);

  // Marks: only the sites greyed or ungreyed are restyled, in place. data-greyed-count says how many are grey.
  useEffect(() => {
    marksRef.current = marks;
    const before = shown.current.greyed;
    const now = marks?.greyed;
    shown.current.greyed = now;
    map.getContainer().dataset.greyedCount = String(now?.size ?? 0);
    if (now === before) return;
    const changed = new Set<string>();
    for (const id of now ?? []) if (!before?.has(id)) changed.add(id);
    for (const id of before ?? []) if (!now?.has(id)) changed.add(id);
    for (const id of changed) {
      const drawn = layer.cache.get(id);
      if (!drawn) continue;
      drawn.greyed = now?.has(id) ?? false;
      drawn.marker.setStyle(styleOf(drawn));
    }
  }, [map, layer, marks]);
}
