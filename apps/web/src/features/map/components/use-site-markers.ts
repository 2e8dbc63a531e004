import type { SiteRow } from '@corridor/shared';
import { circleMarker, featureGroup, tooltip, type CircleMarker, type LeafletMouseEvent, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { formatMw } from '../../../lib/format.ts';
import { STATUS_STYLES } from '../../../lib/site-status.ts';
import { drawOrder, markerStyle } from '../model/marker-style.ts';
import { paneRenderer } from './panes.ts';

const sameLook = (a: SiteRow, b: SiteRow) => a.status === b.status && a.itCapacityMw === b.itCapacityMw && a.lat === b.lat && a.lon === b.lon;

/**
 * Site markers as canvas circles in one feature group, created imperatively: no React component
 * per site, so thousands stay smooth. Markers are reused across filter changes; the worst health
 * is drawn last. The map container's data-site-count says how many markers are drawn.
 */
export function useSiteMarkers(map: LeafletMap, sites: readonly SiteRow[], onSelect: (id: string) => void): void {
  const onSelectRef = useRef(onSelect);
  const layer = useMemo(() => {
    const renderer = paneRenderer(map, 'sites', { tolerance: 3, deferred: true });
    return { renderer, group: featureGroup(), cache: new Map<string, { marker: CircleMarker; row: SiteRow }>(), rows: new WeakMap<object, SiteRow>(), order: '' };
  }, [map]);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const { group, rows } = layer;
    const label = document.createElement('span');
    const hover = tooltip({ direction: 'top', className: 'site-tooltip', opacity: 1 }).setContent(label);
    group.on('click', (e: LeafletMouseEvent) => {
      const row = rows.get(e.propagatedFrom as object);
      if (row) onSelectRef.current(row.id);
    });
    group.on('mouseover', (e: LeafletMouseEvent) => {
      const marker = e.propagatedFrom as CircleMarker;
      const row = rows.get(marker);
      if (!row) return;
      label.textContent = `${row.name} · ${STATUS_STYLES[row.status].label} · ${formatMw(row.itCapacityMw)}`;
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
    const { renderer, group, cache, rows } = layer;
    for (const row of sites) {
      const cached = cache.get(row.id);
      if (!cached) {
        const marker = circleMarker([row.lat, row.lon], { ...markerStyle(row.status, row.itCapacityMw), renderer, bubblingMouseEvents: false });
        cache.set(row.id, { marker, row });
        rows.set(marker, row);
      } else if (cached.row !== row) {
        if (!sameLook(cached.row, row)) {
          const style = markerStyle(row.status, row.itCapacityMw);
          cached.marker.setLatLng([row.lat, row.lon]).setStyle(style).setRadius(style.radius ?? cached.marker.getRadius());
        }
        cache.set(row.id, { marker: cached.marker, row });
        rows.set(cached.marker, row);
      }
    }
    const visible = [...sites].sort((a, b) => drawOrder(a.status) - drawOrder(b.status) || a.id.localeCompare(b.id));
    const order = visible.map((s) => `${s.id}:${s.status}`).join(',');
    if (order !== layer.order) {
      group.clearLayers();
      for (const row of visible) group.addLayer(cache.get(row.id)!.marker);
      layer.order = order;
    }
    map.getContainer().dataset.siteCount = String(visible.length);
  }, [map, layer, sites]);
}
