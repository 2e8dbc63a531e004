import type { Link } from '@corridor/shared';
import { layerGroup, polyline, type Map as LeafletMap, type Polyline } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { linkCondition, linkLiveLine, liveLinkStyle, type LinkCondition, type LinkReading } from '../model/link-health.ts';
import { linkLatLngs, linkTooltipLines } from '../model/link-style.ts';
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

interface DrawnLink {
  line: Polyline;
  link: Link;
  condition: LinkCondition;
  reading?: LinkReading;
}

export type LinkReadings = Readonly<Record<string, LinkReading>>;

/**
 * Links and cables as canvas polylines along their waypoints, each with a sticky tooltip. Live
 * readings recolour them in place (setStyle) by RTT and loss; the lines are built once per link list.
 */
export function useLinkLines(map: LeafletMap, links: readonly Link[], readings: LinkReadings | undefined): void {
  const renderer = useMemo(() => paneRenderer(map, 'links', { tolerance: 4, deferred: true }), [map]);
  const drawn = useRef(new Map<string, DrawnLink>());
  const readingsRef = useRef(readings);

  useEffect(() => {
    const group = layerGroup();
    const byId = new Map<string, DrawnLink>();
    for (const link of links) {
      const reading = readingsRef.current?.[link.id];
      const condition = linkCondition(link.rttMs, reading);
      const entry: DrawnLink = { line: polyline(linkLatLngs(link), { ...liveLinkStyle(link.kind, condition), renderer, bubblingMouseEvents: false }), link, condition, reading };
      const lines = () => {
        const live = linkLiveLine(readingsRef.current?.[link.id]);
        return tooltipContent(live ? [...linkTooltipLines(link), live] : linkTooltipLines(link));
      };
      entry.line.bindTooltip(lines, { sticky: true, className: 'link-tooltip', opacity: 1 }).addTo(group);
      byId.set(link.id, entry);
    }
    drawn.current = byId;
    group.addTo(map);
    return () => void group.remove();
  }, [map, renderer, links]);

  useEffect(() => {
    readingsRef.current = readings;
    for (const [id, entry] of drawn.current) {
      const reading = readings?.[id];
      if (reading === entry.reading) continue;
      entry.reading = reading;
      const condition = linkCondition(entry.link.rttMs, reading);
      if (condition !== entry.condition) {
        entry.condition = condition;
        entry.line.setStyle(liveLinkStyle(entry.link.kind, condition));
      }
      if (entry.line.isTooltipOpen()) {
        const live = linkLiveLine(reading);
        entry.line.setTooltipContent(tooltipContent(live ? [...linkTooltipLines(entry.link), live] : linkTooltipLines(entry.link)));
      }
    }
  }, [readings, links]);
}
