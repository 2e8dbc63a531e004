import type { SiteHealth, SiteStatus } from '@corridor/shared';
import type { CircleMarkerOptions } from 'leaflet';
import { SITE_LOOKS, lookOf, siteStateOf, type SiteLook } from '../../../lib/site-status.ts';

const MIN_RADIUS_PX = 3;
const MAX_RADIUS_PX = 22;

/** Marker radius in px: area grows with IT capacity (radius ∝ √MW), clamped so tiny and huge sites stay readable. */
export function markerRadius(itCapacityMw: number): number {
  const radius = 2.5 + 2.3 * Math.sqrt(Math.max(0, itCapacityMw));
  return Math.min(MAX_RADIUS_PX, Math.max(MIN_RADIUS_PX, Math.round(radius * 10) / 10));
}

/** Fill of a greyed site (e.g. rejected by the plan being drawn): present, but out of the question. */
export const GREYED_COLOUR = '#4b5563';

/** Canvas circle style for a site: fill by observed health (built sites) or declared status; hollow for planned and no-data; greyed sites grey whatever their look. */
export function markerStyle(look: SiteLook, itCapacityMw: number, greyed = false): CircleMarkerOptions {
  if (greyed) return { radius: markerRadius(itCapacityMw), color: '#0b1016', weight: 1, opacity: 1, fillColor: GREYED_COLOUR, fillOpacity: 0.6 };
  const { colour, hollow } = SITE_LOOKS[look];
  return {
    radius: markerRadius(itCapacityMw),
    color: hollow ? colour : '#0b1016',
    weight: hollow ? 1.5 : 1,
    opacity: 1,
    fillColor: colour,
    fillOpacity: hollow ? 0 : 0.85,
  };
}

/** Sort key so the worst health is drawn last, on top of its neighbours. */
export const drawOrder = (look: SiteLook): number => SITE_LOOKS[look].severity;

/** A built site's colour is its observed health now; a planned or construction site's, its declared status. */
export function effectiveStatus(fleetStatus: SiteStatus, observed?: Pick<SiteHealth, 'declared' | 'health'>): SiteLook {
  return lookOf(siteStateOf(fleetStatus, observed));
}
