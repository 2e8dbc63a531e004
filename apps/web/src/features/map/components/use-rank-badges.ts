import type { SiteRow } from '@corridor/shared';
import { circleMarker, latLngBounds, layerGroup, type CircleMarkerOptions, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { motion } from '../model/view-edges.ts';
import { paneRenderer, type LabelledCircleOptions } from './panes.ts';

const BADGE_RADIUS_PX = 9;
/** The best candidate's badge is white, the others the console's accent. */
const FIRST_FILL = '#ffffff';
const OTHER_FILL = '#4fb3ff';
/** Close enough to tell sites a few tens of km apart, far enough to keep the region in view. */
const FIT_MAX_ZOOM = 6;

/**
 * Numbered badges (1 is best) over ranked sites, drawn on a canvas pane that lets the pointer through
 * to the site below (its hover label and click still work). When the set of ranked sites changes, the
 * map fits them in view. The container's data-ranked-count says how many badges are drawn.
 */
export function useRankBadges(map: LeafletMap, sites: readonly SiteRow[], ranks: ReadonlyMap<string, number> | undefined): void {
  const renderer = useMemo(() => paneRenderer(map, 'ranks', { labels: true }), [map]);
  const fitted = useRef('');

  const ranked = useMemo(() => {
    if (!ranks || ranks.size === 0) return [];
    return sites.flatMap((site) => {
      const rank = ranks.get(site.id);
      return rank === undefined ? [] : [{ site, rank }];
    });
  }, [sites, ranks]);

  useEffect(() => {
    const group = layerGroup();
    // Worst rank first, so the best is drawn last, on top where badges touch.
    for (const { site, rank } of [...ranked].sort((a, b) => b.rank - a.rank)) {
      const options: CircleMarkerOptions & LabelledCircleOptions = {
        renderer,
        interactive: false,
        radius: BADGE_RADIUS_PX,
        color: '#0a0f15',
        weight: 1.5,
        fillColor: rank === 1 ? FIRST_FILL : OTHER_FILL,
        fillOpacity: 1,
        label: String(rank),
        labelColour: '#0a0f15',
      };
      circleMarker([site.lat, site.lon], options).addTo(group);
    }
    group.addTo(map);
    map.getContainer().dataset.rankedCount = String(ranked.length);
    return () => {
      group.remove();
      map.getContainer().dataset.rankedCount = '0';
    };
  }, [map, renderer, ranked]);

  useEffect(() => {
    const key = ranked
      .map((r) => r.site.id)
      .sort()
      .join(',');
    if (key === fitted.current) return;
    fitted.current = key;
    if (ranked.length === 0) return;
    const bounds = latLngBounds(ranked.map(({ site }) => [site.lat, site.lon] as [number, number]));
    map.fire('corridor:flyto');
    map.flyToBounds(bounds, { maxZoom: FIT_MAX_ZOOM, padding: [60, 60], duration: 0.6, ...motion() });
  }, [map, ranked]);
}
