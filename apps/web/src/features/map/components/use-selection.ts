import { circleMarker, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { markerRadius } from '../model/marker-style.ts';
import { coveredEdges, motion } from '../model/view-edges.ts';
import { paneRenderer } from './panes.ts';

/** Where the selected site is: enough to ring it and fly to it. */
export interface MapSelection {
  id: string;
  lat: number;
  lon: number;
  itCapacityMw: number;
}

const SELECT_ZOOM = 6;

/** A ring around the selected site, above every marker. */
export function useSelectionRing(map: LeafletMap, selection: MapSelection | undefined): void {
  const renderer = useMemo(() => paneRenderer(map, 'selection'), [map]);
  // The ring is redrawn when the selected site or its place or size changes, not for every new selection object.
  const selectedId = selection?.id;
  const lat = selection?.lat;
  const lon = selection?.lon;
  const itCapacityMw = selection?.itCapacityMw;
  useEffect(() => {
    if (selectedId === undefined || lat === undefined || lon === undefined || itCapacityMw === undefined) return;
    const ring = circleMarker([lat, lon], {
      renderer,
      interactive: false,
      radius: markerRadius(itCapacityMw) + 5,
      color: '#f8fafc',
      weight: 2.5,
      fill: false,
    }).addTo(map);
    return () => void ring.remove();
  }, [map, renderer, selectedId, lat, lon, itCapacityMw]);
}

/**
 * Pans and zooms to a newly selected site, once per selection, keeping it clear of the site
 * panel that covers the map's inline end (the right; the left in Arabic).
 */
export function useFlyToSelection(map: LeafletMap, selection: MapSelection | undefined, coveredRightPx: number): void {
  const flownTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!selection) {
      flownTo.current = undefined;
      return;
    }
    if (flownTo.current === selection.id) return;
    flownTo.current = selection.id;
    const zoom = Math.max(map.getZoom(), SELECT_ZOOM);
    // The centre moves away from the covered edge by half the panel, so the site sits in the middle of what is seen.
    const { left, right } = coveredEdges(coveredRightPx);
    const point = map.project([selection.lat, selection.lon], zoom).add([(right - left) / 2, 0]);
    map.fire('corridor:flyto');
    map.flyTo(map.unproject(point, zoom), zoom, { duration: 0.8, ...motion() });
  }, [map, selection, coveredRightPx]);
}
