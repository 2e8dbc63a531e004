import type { Link } from '@corridor/shared';
import { layerGroup, polyline, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { linkLatLngs, linkStyle, linkTooltipLines } from '../model/link-style.ts';
import { paneRenderer } from './panes.ts';

/** Tooltip content built from text nodes: names come from data, never parsed as HTML. */
function tooltipContent(lines: string[]): HTMLElement {
  const box = document.createElement('div');
  lines.forEach((text, i) => {
    const line = document.createElement(i === 0 ? 'strong' : 'span');
    line.textContent = text;
    box.append(line);
  });
  return box;
}

/** Links and cables as canvas polylines along their waypoints, each with a sticky tooltip. */
export function useLinkLines(map: LeafletMap, links: readonly Link[]): void {
  const renderer = useMemo(() => paneRenderer(map, 'links', { tolerance: 4 }), [map]);

  useEffect(() => {
    const group = layerGroup();
    for (const link of links) {
      polyline(linkLatLngs(link), { ...linkStyle(link.kind), renderer, bubblingMouseEvents: false })
        .bindTooltip(() => tooltipContent(linkTooltipLines(link)), { sticky: true, className: 'link-tooltip', opacity: 1 })
        .addTo(group);
    }
    group.addTo(map);
    return () => void group.remove();
  }, [map, renderer, links]);
}
