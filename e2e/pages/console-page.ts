import { expect, type Locator, type Page } from '@playwright/test';

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
