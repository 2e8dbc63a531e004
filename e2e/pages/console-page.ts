import { expect, type Locator, type Page } from '@playwright/test';
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
    return this.page.getByRole('button', { name: new RegExp(`^${escape(name)}`) });
  }

  /** Clicks the canvas marker of a site at its projected position. */
  async clickMarker(lat: number, lon: number) {
    const point = await this.page.evaluate(
      ([la, lo]) => {
        const map = (window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number } } }).__corridorMap;
        return map.latLngToContainerPoint([la!, lo!]);
      },
      [lat, lon],
    );
    await this.map.click({ position: { x: point.x, y: point.y } });
  }

  /**
   * The status a site's marker is drawn with, read from the sites canvas at the site's projected point:
   * the status whose colour is nearest the pixel (undefined where nothing is drawn).
   */
  async markerStatusAt(lat: number, lon: number): Promise<string | undefined> {
    return this.page.evaluate(
      ([la, lo, colours]) => {
        const map = (window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement; getPane(n: string): HTMLElement | undefined } }).__corridorMap;
        const canvas = map.getPane('corridor-sites')?.querySelector('canvas');
        if (!canvas) return undefined;
        const point = map.latLngToContainerPoint([la as number, lo as number]);
        const mapBox = map.getContainer().getBoundingClientRect();
        const box = canvas.getBoundingClientRect();
        const x = Math.round(((mapBox.left + point.x - box.left) * canvas.width) / box.width);
        const y = Math.round(((mapBox.top + point.y - box.top) * canvas.height) / box.height);
        const [r, g, b, a] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data as unknown as number[];
        if (a! < 128) return undefined;
        let best: string | undefined;
        let bestDistance = Infinity;
        for (const [status, hex] of Object.entries(colours as Record<string, string>)) {
          const [cr, cg, cb] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
          const distance = (r! - cr!) ** 2 + (g! - cg!) ** 2 + (b! - cb!) ** 2;
          if (distance < bestDistance) [best, bestDistance] = [status, distance];
        }
        return best;
      },
      [lat, lon, MARKER_COLOURS] as const,
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
const MARKER_COLOURS = Object.fromEntries(
  (['operational', 'maintenance', 'degraded', 'offline'] as const).map((status) => [status, STATUS_STYLES[status].colour]),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
