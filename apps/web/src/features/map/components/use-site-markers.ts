import type { SiteHealth, SiteRow, SiteStatus } from '@corridor/shared';
import { circleMarker, featureGroup, tooltip, type CircleMarker, type LeafletMouseEvent, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { formatMw } from '../../../lib/format.ts';
import { STATUS_STYLES } from '../../../lib/site-status.ts';
import { drawOrder, effectiveStatus, markerStyle } from '../model/marker-style.ts';
import { paneRenderer } from './panes.ts';

/** Observed health per site id, as the live feed reports it. */
export type SiteHealthMap = Readonly<Record<string, Pick<SiteHealth, 'status' | 'reason'>>>;

interface DrawnSite {
  marker: CircleMarker;
  row: SiteRow;
  /** The status the marker is drawn with (observed health, else the fleet's status). */
  status: SiteStatus;
}

/**
 * Site markers as canvas circles in one feature group, created imperatively: no React component
 * per site, so thousands stay smooth. Markers are reused across filter changes; the worst health
 * is drawn last. Live health recolours a marker in place (setStyle) and lifts it above its
 * neighbours when it gets worse. The map container's data-site-count says how many markers are drawn.
 */
export function useSiteMarkers(map: LeafletMap, sites: readonly SiteRow[], health: SiteHealthMap | undefined, onSelect: (id: string) => void): void {
  const onSelectRef = useRef(onSelect);
  const healthRef = useRef(health);
  const layer = useMemo(() => {
    const renderer = paneRenderer(map, 'sites', { tolerance: 3, deferred: true });
    return { renderer, group: featureGroup(), cache: new Map<string, DrawnSite>(), byMarker: new WeakMap<object, DrawnSite>(), order: '', health: undefined as SiteHealthMap | undefined };
  }, [map]);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const { group, byMarker } = layer;
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
      const reason = healthRef.current?.[drawn.row.id]?.reason;
      label.textContent = `${drawn.row.name} · ${STATUS_STYLES[drawn.status].label}${reason ? ` (${reason})` : ''} · ${formatMw(drawn.row.itCapacityMw)}`;
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
    for (const row of sites) {
      const status = effectiveStatus(row.status, observed?.[row.id]);
      const cached = cache.get(row.id);
      if (!cached) {
        const marker = circleMarker([row.lat, row.lon], { ...markerStyle(status, row.itCapacityMw), renderer, bubblingMouseEvents: false });
        const drawn = { marker, row, status };
        cache.set(row.id, drawn);
        byMarker.set(marker, drawn);
      } else if (cached.row !== row || cached.status !== status) {
        const sameLook = cached.status === status && cached.row.itCapacityMw === row.itCapacityMw && cached.row.lat === row.lat && cached.row.lon === row.lon;
        if (!sameLook) {
          const style = markerStyle(status, row.itCapacityMw);
          cached.marker.setLatLng([row.lat, row.lon]).setStyle(style).setRadius(style.radius ?? cached.marker.getRadius());
        }
        cached.row = row;
        cached.status = status;
      }
    }
    const visible = [...sites].sort((a, b) => drawOrder(cache.get(a.id)!.status) - drawOrder(cache.get(b.id)!.status) || a.id.localeCompare(b.id));
    const order = visible.map((s) => `${s.id}:${cache.get(s.id)!.status}`).join(',');
    if (order !== layer.order) {
      group.clearLayers();
      for (const row of visible) group.addLayer(cache.get(row.id)!.marker);
      layer.order = order;
    }
    map.getContainer().dataset.siteCount = String(visible.length);
  }, [map, layer, sites]);

  // Live health: only the sites whose report changed are restyled, in place.
  useEffect(() => {
    healthRef.current = health;
    const before = layer.health;
    layer.health = health;
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
      drawn.marker.setStyle(markerStyle(status, drawn.row.itCapacityMw));
      if (worse && layer.group.hasLayer(drawn.marker)) drawn.marker.bringToFront();
    }
  }, [layer, health]);
}
