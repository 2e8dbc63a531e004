import type { Link } from '@corridor/shared';
import { latLngBounds, layerGroup, polyline, type Map as LeafletMap, type PathOptions, type Polyline } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { linkCondition, type LinkCondition, type LinkReading } from '../../../lib/link-condition.ts';
import { linkAccessibleName, linkLatLngs, linkLiveLine, linkTooltipLines, liveLinkStyle } from '../model/link-style.ts';
import { coveredEdges, motion, pageIsRtl } from '../model/view-edges.ts';
import { LinkButtons, lineMiddle } from './link-buttons.ts';
import { paneRenderer } from './panes.ts';

/** Tooltip content built from text nodes: names come from data, never parsed as HTML. */
function tooltipContent(lines: string[]): HTMLElement {
  const box = document.createElement('div');
  // The map is left to right; its tooltips read in the page's direction (Arabic right to left).
  box.dir = pageIsRtl() ? 'rtl' : 'ltr';
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

/** The line style of a drawn link: its live condition, drawn heavier while its panel is open. */
function styleOf(entry: DrawnLink, selected: boolean): PathOptions {
  const style = liveLinkStyle(entry.link.kind, entry.condition);
  return selected ? { ...style, weight: (style.weight ?? 2) + 2.5, opacity: 1 } : style;
}

/** A new reading of a drawn link: restyled only when its condition changes, its open tooltip rewritten, its button renamed. */
function applyReading(entry: DrawnLink, reading: LinkReading | undefined, selected: boolean, buttons?: LinkButtons): void {
  if (reading === entry.reading) return;
  entry.reading = reading;
  buttons?.rename(entry.link.id, linkAccessibleName(entry.link, linkCondition(entry.link.rttMs, reading), reading));
  const condition = linkCondition(entry.link.rttMs, reading);
  if (condition !== entry.condition) {
    entry.condition = condition;
    entry.line.setStyle(styleOf(entry, selected));
  }
  if (entry.line.isTooltipOpen()) {
    const live = linkLiveLine(reading);
    entry.line.setTooltipContent(tooltipContent(live ? [...linkTooltipLines(entry.link), live] : linkTooltipLines(entry.link)));
  }
}

export interface LinkSelection {
  /** Opens a link's panel (a click on its line). */
  onSelect?: (id: string) => void;
  selectedId?: string;
  /** Width in px hidden by the panel at the page's inline end (the right; the left in Arabic), kept clear when the map moves to the selected link. */
  coveredRightPx: number;
}

/**
 * Links and cables as canvas polylines along their waypoints, each with a sticky tooltip; a click
 * (or Enter on the named button at the middle of its line) opens the link's panel, and the selected link is drawn heavier and brought into view. Live readings
 * recolour them in place (setStyle) by RTT and loss; the lines are built once per link list.
 */
export function useLinkLines(map: LeafletMap, links: readonly Link[], readings: LinkReadings | undefined, selection: LinkSelection): void {
  const renderer = useMemo(() => paneRenderer(map, 'links', { tolerance: 4, deferred: true }), [map]);
  const drawn = useRef(new Map<string, DrawnLink>());
  const readingsRef = useRef(readings);
  const onSelectRef = useRef(selection.onSelect);
  useEffect(() => {
    onSelectRef.current = selection.onSelect;
  }, [selection.onSelect]);
  const selectedRef = useRef(selection.selectedId);
  const buttonsRef = useRef<LinkButtons | undefined>(undefined);
  const clickable = !!selection.onSelect;

  useEffect(() => {
    const group = layerGroup();
    const byId = new Map<string, DrawnLink>();
    for (const link of links) {
      const reading = readingsRef.current?.[link.id];
      const condition = linkCondition(link.rttMs, reading);
      const entry: DrawnLink = { line: polyline(linkLatLngs(link), { ...liveLinkStyle(link.kind, condition), renderer, bubblingMouseEvents: false }), link, condition, reading };
      if (link.id === selectedRef.current) entry.line.setStyle(styleOf(entry, true));
      entry.line.on('click', () => onSelectRef.current?.(link.id));
      const lines = () => {
        const live = linkLiveLine(readingsRef.current?.[link.id]);
        return tooltipContent(live ? [...linkTooltipLines(link), live] : linkTooltipLines(link));
      };
      entry.line.bindTooltip(lines, { sticky: true, className: 'link-tooltip', opacity: 1 }).addTo(group);
      byId.set(link.id, entry);
    }
    drawn.current = byId;
    group.addTo(map);
    // Where a click opens a link's panel, so does Enter on the link's button.
    // A sighted keyboard user sees which line a focused button stands for: its tooltip opens on the line's middle.
    let shown: DrawnLink | undefined;
    const showTooltip = (id: string | undefined, at?: [number, number]) => {
      shown?.line.closeTooltip();
      shown = id === undefined ? undefined : byId.get(id);
      if (shown && at) shown.line.openTooltip(at);
    };
    const buttons = clickable ? new LinkButtons(map, (id) => onSelectRef.current?.(id), showTooltip) : undefined;
    buttons?.set([...byId.values()].map(({ link, condition, reading }) => ({ id: link.id, at: lineMiddle(linkLatLngs(link)), name: linkAccessibleName(link, condition, reading) })));
    buttonsRef.current = buttons;
    return () => {
      group.remove();
      buttons?.remove();
      buttonsRef.current = undefined;
    };
  }, [map, renderer, links, clickable]);

  useEffect(() => {
    readingsRef.current = readings;
    for (const [id, entry] of drawn.current) applyReading(entry, readings?.[id], id === selectedRef.current, buttonsRef.current);
  }, [readings, links]);

  const { selectedId, coveredRightPx } = selection;
  const broughtIntoView = useRef<string | undefined>(undefined);
  useEffect(() => {
    const previous = selectedRef.current;
    selectedRef.current = selectedId;
    const before = previous !== undefined ? drawn.current.get(previous) : undefined;
    if (before && previous !== selectedId) before.line.setStyle(styleOf(before, false));
    if (selectedId === undefined) broughtIntoView.current = undefined;
    const entry = selectedId !== undefined ? drawn.current.get(selectedId) : undefined;
    if (!entry) return;
    entry.line.setStyle(styleOf(entry, true));
    entry.line.bringToFront();
    // Once per selection (not when the links are reloaded), bring the whole link into the part of the
    // map the panel leaves visible, unless it is there already.
    if (broughtIntoView.current === selectedId) return;
    broughtIntoView.current = selectedId;
    const bounds = latLngBounds(linkLatLngs(entry.link));
    const size = map.getSize();
    const covered = coveredEdges(coveredRightPx);
    const visible = latLngBounds(map.containerPointToLatLng([covered.left, 0]), map.containerPointToLatLng([Math.max(0, size.x - covered.right), size.y]));
    if (!visible.contains(bounds)) map.flyToBounds(bounds, { paddingTopLeft: [covered.left + 40, 40], paddingBottomRight: [covered.right + 40, 40], maxZoom: 7, duration: 0.6, ...motion() });
  }, [map, selectedId, coveredRightPx, links]);
}
