import { DomEvent, type Map as LeafletMap } from 'leaflet';
import { mapPane } from './panes.ts';

/** A link's button: where it sits (the middle of its line) and what it is called. */
export interface ButtonLink {
  id: string;
  /** The point the button covers: the middle of the drawn line, [lat, lon]. */
  at: [number, number];
  name: string;
}

// 24 px: the least target size WCAG 2.2 (2.5.8) asks of anything focusable, though the pointer passes through it.
const SIZE_PX = 24;

/** The middle of a line by its vertices: the middle vertex, or halfway along the middle segment. */
export function lineMiddle(points: readonly [number, number][]): [number, number] {
  if (points.length % 2 === 1) return points[(points.length - 1) / 2]!;
  const a = points[points.length / 2 - 1]!;
  const b = points[points.length / 2]!;
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/**
 * One focusable button on each link's line, so a cable opens from the keyboard as it does with a click:
 * its accessible name says what it is and how it is doing ("Medusa, Nador – Marseille: lossy, 34 ms"),
 * Enter opens its panel. The pointer goes through to the canvas (its pane lets it pass).
 */
export class LinkButtons {
  private readonly pane: HTMLElement;
  private readonly byId = new Map<string, { button: HTMLButtonElement; at: [number, number] }>();

  constructor(
    private readonly map: LeafletMap,
    private readonly onOpen: (id: string) => void,
    /** A button took the focus (its link's id) or lost it: the map shows the link's tooltip. */
    private readonly onFocusChange: (id: string | undefined, at?: [number, number]) => void = () => undefined,
  ) {
    this.pane = mapPane(map, 'linkButtons');
    map.on('zoomstart', this.hide);
    map.on('zoomend viewreset', this.place);
  }

  private readonly hide = () => {
    this.pane.style.visibility = 'hidden';
  };

  private readonly place = () => {
    for (const { button, at } of this.byId.values()) {
      const point = this.map.latLngToLayerPoint(at);
      button.style.cssText = `left:${point.x - SIZE_PX / 2}px;top:${point.y - SIZE_PX / 2}px;width:${SIZE_PX}px;height:${SIZE_PX}px`;
    }
    this.pane.style.visibility = '';
  };

  set(links: readonly ButtonLink[]): void {
    this.clear();
    for (const link of links) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-line-button';
      button.setAttribute('aria-label', link.name);
      DomEvent.disableClickPropagation(button);
      button.addEventListener('click', () => this.onOpen(link.id));
      button.addEventListener('focus', () => this.onFocusChange(link.id, link.at));
      button.addEventListener('blur', () => this.onFocusChange(undefined));
      this.pane.append(button);
      this.byId.set(link.id, { button, at: link.at });
    }
    this.place();
  }

  /** A link's name changed (a new reading changed its condition or RTT). */
  rename(id: string, name: string): void {
    const entry = this.byId.get(id);
    if (entry && entry.button.getAttribute('aria-label') !== name) entry.button.setAttribute('aria-label', name);
  }

  private clear(): void {
    for (const { button } of this.byId.values()) button.remove();
    this.byId.clear();
  }

  remove(): void {
    this.map.off('zoomstart', this.hide);
    this.map.off('zoomend viewreset', this.place);
    this.clear();
  }
}
