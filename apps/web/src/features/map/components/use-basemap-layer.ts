import { useQuery } from '@tanstack/react-query';
import { geoJSON, layerGroup, type Canvas, type GeoJSONOptions, type Map as LeafletMap, type PathOptions } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { mapQueries, type BasemapDetail } from '../api/map-queries.ts';
import type { BoundaryMode } from '../model/basemap.ts';
import { mercatorPolygon } from './mercator-polygon.ts';
import { paneRenderer } from './panes.ts';

const LAND = { fillColor: '#16202b', fillOpacity: 1, color: '#2c3b4d', weight: 0.8, opacity: 1 };
const ALT_TERRITORY = { fillColor: '#1f2a36', fillOpacity: 1, stroke: false };
const ALT_BORDER = { color: '#9fb0c4', weight: 1.4, opacity: 0.9, dashArray: '5 4' };

/** GeoJSON options hand their renderer to each polygon (Leaflet's typings leave it out). */
const drawnWith = (renderer: Canvas, style: PathOptions) => ({ renderer, interactive: false, style: () => style }) as GeoJSONOptions;

/** From this zoom on, coastlines are drawn from the 1:50m shapes; below it 1:110m is as sharp on screen. */
export const FINE_BASEMAP_ZOOM = 4;

const detailAt = (zoom: number): BasemapDetail => (zoom >= FINE_BASEMAP_ZOOM ? 'fine' : 'coarse');

/** The detail the map's zoom calls for, following zoom changes. */
function useBasemapDetail(map: LeafletMap): BasemapDetail {
  const [detail, setDetail] = useState(() => detailAt(map.getZoom()));
  useEffect(() => {
    const onZoom = () => setDetail(detailAt(map.getZoom()));
    map.on('zoomend', onZoom);
    return () => void map.off('zoomend', onZoom);
  }, [map]);
  return detail;
}

/**
 * The offline basemap: Natural Earth countries as canvas polygons, 1:110m in the continental view and
 * 1:50m when zoomed in (loaded the first time it is needed). The alternative Morocco boundary is an
 * overlay switched on and off without rebuilding the countries.
 */
export function useBasemapLayer(map: LeafletMap, mode: BoundaryMode, enabled: boolean): { ready: boolean; error?: Error } {
  const detail = useBasemapDetail(map);
  const coarse = useQuery({ ...mapQueries.basemap('coarse'), enabled });
  const fine = useQuery({ ...mapQueries.basemap('fine'), enabled: enabled && detail === 'fine' });
  // Until the fine shapes arrive, the coarse ones stay on screen.
  const basemap = (detail === 'fine' && fine.data) || coarse.data;
  const query = detail === 'fine' && fine.error ? fine : coarse;
  const renderer = useMemo(() => paneRenderer(map, 'basemap', { deferred: true }), [map]);

  useEffect(() => {
    if (!basemap) return;
    const countries = layerGroup(basemap.countries.map((shape) => mercatorPolygon(shape, { ...LAND, renderer }))).addTo(map);
    // Tests and benchmarks wait for this before measuring.
    map.getContainer().dataset.basemap = 'ready';
    return () => {
      countries.remove();
      delete map.getContainer().dataset.basemap;
    };
  }, [map, renderer, basemap]);

  useEffect(() => {
    if (!basemap || mode !== 'alt') return;
    const layers = [
      basemap.westernSahara && geoJSON(basemap.westernSahara, drawnWith(renderer, ALT_TERRITORY)),
      basemap.disputedBorder && geoJSON(basemap.disputedBorder, drawnWith(renderer, ALT_BORDER)),
    ].filter((layer) => !!layer);
    for (const layer of layers) layer.addTo(map);
    return () => layers.forEach((layer) => layer.remove());
  }, [map, renderer, basemap, mode]);

  return { ready: !!basemap, error: query.error ?? undefined };
}
