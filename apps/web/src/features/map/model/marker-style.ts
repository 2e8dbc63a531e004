import type { SiteHealth, SiteStatus } from '@corridor/shared';
import type { CircleMarkerOptions } from 'leaflet';
import { SITE_LOOKS, lookOf, siteStateOf, type SiteLook } from '../../../lib/site-status.ts';
import { LOOK_SHAPES, NO_DATA_MARK_MIN_RADIUS, PLANNED_DASH, type ShapedMarkerOptions } from './marker-shape.ts';

const MIN_RADIUS_PX = 3;
const MAX_RADIUS_PX = 22;

/** Marker radius in px: area grows with IT capacity (radius ∝ √MW), clamped so tiny and huge sites stay readable. */
export function markerRadius(itCapacityMw: number): number {
  const radius = 2.5 + 2.3 * Math.sqrt(Math.max(0, itCapacityMw));
  return Math.min(MAX_RADIUS_PX, Math.max(MIN_RADIUS_PX, Math.round(radius * 10) / 10));
}

/** Fill of a greyed site (e.g. rejected by the plan being drawn): present, but out of the question. */
export const GREYED_COLOUR = '#4b5563';

/** The marker's outline on the dark map: dark around filled shapes (a light theme keeps it, the shapes stay crisp). */
export const MARKER_OUTLINE = '#0b1016';

/**
 * Canvas style for a site: fill by observed health (built sites) or declared status, the look's shape
 * (disc, triangle, cross…), hollow for planned (dashed) and no-data (a "?" inside when there is room);
 * greyed sites grey whatever their look, keeping its shape.
 */
export function markerStyle(look: SiteLook, itCapacityMw: number, greyed = false): CircleMarkerOptions & ShapedMarkerOptions & { label?: string; labelColour?: string } {
  const radius = markerRadius(itCapacityMw);
  const shape = LOOK_SHAPES[look];
  if (greyed) return { radius, shape, color: MARKER_OUTLINE, weight: 1, opacity: 1, fillColor: GREYED_COLOUR, fillOpacity: 0.6, dashArray: undefined, label: undefined };
  const { colour, hollow } = SITE_LOOKS[look];
  return {
    radius,
    shape,
    color: hollow ? colour : MARKER_OUTLINE,
    weight: hollow ? 1.5 : 1,
    opacity: 1,
    fillColor: colour,
    fillOpacity: hollow ? 0 : 0.85,
    dashArray: look === 'planned' ? PLANNED_DASH : undefined,
    label: look === 'no-data' && radius >= NO_DATA_MARK_MIN_RADIUS ? '?' : undefined,
    labelColour: colour,
  };
}

/** Sort key so the worst health is drawn last, on top of its neighbours. */
export const drawOrder = (look: SiteLook): number => SITE_LOOKS[look].severity;

/** A built site's colour is its observed health now; a planned or construction site's, its declared status. */
export function effectiveStatus(fleetStatus: SiteStatus, observed?: Pick<SiteHealth, 'declared' | 'health'>): SiteLook {
  return lookOf(siteStateOf(fleetStatus, observed));
}
