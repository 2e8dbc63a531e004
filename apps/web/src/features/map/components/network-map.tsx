import './map.css';
import type { Link, SiteRow } from '@corridor/shared';
import type { LatLngBoundsExpression, Map as LeafletMap } from 'leaflet';
import { useEffect } from 'react';
import { MapContainer, TileLayer, ZoomControl, useMap } from 'react-leaflet';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { BoundaryMode } from '../model/basemap.ts';
import { prefersReducedMotion } from '../model/view-edges.ts';
import { useBasemapLayer } from './use-basemap-layer.ts';
import { useLinkLines, type LinkReadings } from './use-link-lines.ts';
import { useMapResize } from './use-map-resize.ts';
import { useFlyToSelection, useSelectionRing, type MapSelection } from './use-selection.ts';
import { useRankBadges } from './use-rank-badges.ts';
import { useSiteMarkers, type SiteHealthMap, type SiteMarks } from './use-site-markers.ts';

declare global {
  interface Window {
    /** The Leaflet map, for end-to-end tests and benchmarks that pan and zoom it. */
    __corridorMap?: LeafletMap;
  }
}

/** Europe, Africa and the Americas. */
const DEFAULT_BOUNDS: LatLngBoundsExpression = [
  [-38, -125],
  [63, 48],
];
const TILE_URL = import.meta.env.VITE_TILE_URL;
const TILE_ATTRIBUTION = import.meta.env.VITE_TILE_ATTRIBUTION ?? '';

export interface NetworkMapProps {
  /** Sites to draw (already filtered). */
  sites: readonly SiteRow[];
  links: readonly Link[];
  /** Observed health per site (live): a marker's colour follows it over the fleet status. */
  health?: SiteHealthMap;
  /** Firing alerts per site id: a site or cluster shows their count in a badge. */
  alertCounts?: Readonly<Record<string, number>>;
  /** Latest RTT and loss per link (live): links are coloured by them. */
  linkReadings?: LinkReadings;
  selection?: MapSelection;
  /** Numbers, greying and hover notes a view puts on sites (a placement plan). */
  marks?: SiteMarks;
  onSelectSite: (id: string) => void;
  /** Opens a link's panel; links are not clickable without it. */
  onSelectLink?: (id: string) => void;
  /** The link whose panel is open: drawn heavier. */
  selectedLinkId?: string;
  boundary: BoundaryMode;
  /** Width in px hidden by the site panel at the page's inline end (the right; the left in Arabic), kept clear when flying to a site or link. */
  coveredRightPx: number;
}

/**
 * Labels the Leaflet container itself (in the reader's language) and hands the map to tests and
 * benchmarks. The map keeps its left-to-right sense in Arabic: west stays on the left, and Leaflet's
 * own controls and panes are laid out for it.
 */
function useMapIdentity(map: LeafletMap, label: string): void {
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
    container.setAttribute('dir', 'ltr');
    container.dataset.siteCount ??= '0';
    window.__corridorMap = map;
    return () => {
      if (window.__corridorMap === map) delete window.__corridorMap;
    };
  }, [map, label]);
}

function MapLayers({ sites, links, health, alertCounts, linkReadings, selection, marks, onSelectSite, onSelectLink, selectedLinkId, boundary, coveredRightPx }: NetworkMapProps) {
  const map = useMap();
  const t = useT();
  useMapIdentity(map, t('map.region'));
  useMapResize(map, DEFAULT_BOUNDS);
  useBasemapLayer(map, boundary, !TILE_URL);
  useLinkLines(map, links, linkReadings, { onSelect: onSelectLink, selectedId: selectedLinkId, coveredRightPx });
  useSiteMarkers(map, sites, health, onSelectSite, marks, alertCounts);
  useRankBadges(map, sites, marks?.ranks);
  useSelectionRing(map, selection);
  useFlyToSelection(map, selection, coveredRightPx);
  return TILE_URL ? <TileLayer url={TILE_URL} attribution={TILE_ATTRIBUTION} /> : null;
}

/** The full-window map: offline basemap, links, and every site as a canvas marker. */
export function NetworkMap(props: NetworkMapProps) {
  // Asked for reduced motion: zooms jump instead of gliding (the flights to a site or link jump too).
  const animate = !prefersReducedMotion();
  const t = useT();
  return (
    <MapContainer
      className="network-map"
      bounds={DEFAULT_BOUNDS}
      minZoom={2}
      maxZoom={12}
      zoomSnap={0.25}
      zoomDelta={0.5}
      worldCopyJump={false}
      attributionControl
      zoomAnimation={animate}
      fadeAnimation={animate}
      markerZoomAnimation={animate}
      zoomControl={false}
    >
      {/* Leaflet's own zoom buttons, named in the reader's language (their title is their accessible name). */}
      <ZoomControl position="topleft" zoomInTitle={t('map.zoom.in')} zoomOutTitle={t('map.zoom.out')} />
      <MapLayers {...props} />
      {!TILE_URL && <NaturalEarthAttribution />}
    </MapContainer>
  );
}

function NaturalEarthAttribution() {
  const map = useMap();
  const text = useT()('map.attribution');
  useEffect(() => {
    map.attributionControl.setPrefix(false).addAttribution(text).setPosition('bottomleft');
    return () => void map.attributionControl.removeAttribution(text);
  }, [map, text]);
  return null;
}
