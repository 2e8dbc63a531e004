import { expect, type Locator, type Page } from '@playwright/test';
import { GREYED_COLOUR } from '../../apps/web/src/features/map/model/marker-style.ts';
import { STATUS_STYLES } from '../../apps/web/src/lib/site-status.ts';

/** The console's map and panel, for tests: markers are canvas pixels, so clicks go through the map's projection. */
export class ConsolePage {
  readonly map: Locator;
  readonly panel: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.map = page.getByRole('region', { name: 'Network map' });
    this.panel = page.locator('aside.site-panel');
    this.search = page.getByRole('searchbox', { name: 'Search sites' });
  }

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.map).toHaveAttribute('data-basemap', 'ready');
  }

  siteRow(name: string): Locator {
    // In the site list: the map's keyboard buttons (a link's is named by its ends) may start with a site's name too.
    return this.page.locator('#site-list').getByRole('button', { name: new RegExp(`^${escape(name)}`) });
  }

  /** Clicks the canvas marker of a site at its projected position. */
  async clickMarker(lat: number, lon: number) {
    await this.clickAt(lat, lon);
  }

  /** Clicks the map at a place (a marker). */
  async clickAt(lat: number, lon: number) {
    await this.map.click({ position: await this.pointOf(lat, lon) });
  }

  /** Rests the pointer on, then clicks, the middle of a straight stretch of line drawn between two places (a cable's). */
  async hoverThenClickMidway(a: readonly [number, number], b: readonly [number, number]) {
    const [p, q] = [await this.pointOf(a[0], a[1]), await this.pointOf(b[0], b[1])];
    const position = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    await this.map.hover({ position });
    await this.map.click({ position });
  }

  /** Rests the pointer on the canvas marker of a site (its hover label opens). */
  async hoverMarker(lat: number, lon: number) {
    await this.map.hover({ position: await this.pointOf(lat, lon) });
  }

  /** Where a place is on the map, in px from the map's top left corner. */
  private pointOf(lat: number, lon: number): Promise<{ x: number; y: number }> {
    return this.page.evaluate(
      ([la, lo]) => {
        const map = (window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number } } }).__corridorMap;
        const { x, y } = map.latLngToContainerPoint([la!, lo!]);
        return { x, y };
      },
      [lat, lon],
    );
  }

  /**
   * The status a site's marker is drawn with, read from the sites canvas at the site's projected point:
   * the status whose colour is nearest the pixel (undefined where nothing is drawn).
   */
  async markerStatusAt(lat: number, lon: number): Promise<string | undefined> {
    const pixel = await this.pixelAt('corridor-sites', lat, lon);
    if (!pixel || pixel[3] < 128) return undefined;
    return nearest(pixel, MARKER_COLOURS);
  }

  /** Whether a site's marker is drawn grey (out of the question for the plan on the map). */
  async isGreyedAt(lat: number, lon: number): Promise<boolean> {
    const pixel = await this.pixelAt('corridor-sites', lat, lon);
    return !!pixel && pixel[3] >= 128 && nearest(pixel, { ...MARKER_COLOURS, greyed: GREYED_COLOUR }) === 'greyed';
  }

  /**
   * The rank badge drawn over a site: `first` (white), `other` (the accent) or undefined when none.
   * Read a few px right of the centre, clear of the digit written in the badge's middle.
   */
  async rankBadgeAt(lat: number, lon: number): Promise<'first' | 'other' | undefined> {
    const pixel = await this.pixelAt('corridor-ranks', lat, lon, 6);
    if (!pixel || pixel[3] < 128) return undefined;
    return nearest(pixel, { first: '#ffffff', other: '#4fb3ff' }) as 'first' | 'other';
  }

  /** The [r, g, b, a] a map pane's canvas holds at a site's projected point (moved right by `dxPx`). */
  private pixelAt(pane: string, lat: number, lon: number, dxPx = 0): Promise<[number, number, number, number] | undefined> {
    return this.page.evaluate(
      ([paneName, la, lo, dx]) => {
        const map = (
          window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement; getPane(n: string): HTMLElement | undefined } }
        ).__corridorMap;
        const canvas = map.getPane(paneName as string)?.querySelector('canvas');
        if (!canvas) return undefined;
        const point = map.latLngToContainerPoint([la as number, lo as number]);
        const mapBox = map.getContainer().getBoundingClientRect();
        const box = canvas.getBoundingClientRect();
        const x = Math.round(((mapBox.left + point.x + (dx as number) - box.left) * canvas.width) / box.width);
        const y = Math.round(((mapBox.top + point.y - box.top) * canvas.height) / box.height);
        return [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data] as [number, number, number, number];
      },
      [pane, lat, lon, dxPx] as const,
    );
  }

  /** Zooms the map so that a site is in view, without the animation. */
  async centreOn(lat: number, lon: number, zoom = 7) {
    await this.page.evaluate(
      ([la, lo, z]) => {
        (window as unknown as { __corridorMap: { setView(p: [number, number], z: number, o: object): void } }).__corridorMap.setView([la!, lo!], z!, { animate: false });
      },
      [lat, lon, zoom],
    );
  }
}

/** Marker fill colours of the live statuses, as the console's legend shows them. */
const MARKER_COLOURS = Object.fromEntries((['operational', 'maintenance', 'degraded', 'offline'] as const).map((status) => [status, STATUS_STYLES[status].colour]));

/** The name of the colour nearest a pixel's. */
function nearest([r, g, b]: readonly number[], colours: Record<string, string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const [name, hex] of Object.entries(colours)) {
    const [cr, cg, cb] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const distance = (r! - cr!) ** 2 + (g! - cg!) ** 2 + (b! - cb!) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
