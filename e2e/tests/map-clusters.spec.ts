import { SiteRowListSchema, type SiteRow } from '@corridor/shared';
import type { Page } from '@playwright/test';
import { callControlPlane, expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

test.use({ viewport: { width: 1920, height: 1080 } });

/** The cluster button (accessible name "Cluster of …") over a place, if any: its index among the buttons and its name. */
async function clusterAt(page: Page, lat: number, lon: number): Promise<{ index: number; name: string } | undefined> {
  return page.evaluate(
    ([la, lo]) => {
      const map = (window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } }).__corridorMap;
      const point = map.latLngToContainerPoint([la!, lo!]);
      const box = map.getContainer().getBoundingClientRect();
      const [x, y] = [box.left + point.x, box.top + point.y];
      const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button.cluster-button'));
      const index = buttons.findIndex((b) => {
        const r = b.getBoundingClientRect();
        return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      });
      return index < 0 ? undefined : { index, name: buttons[index]!.getAttribute('aria-label') ?? '' };
    },
    [lat, lon],
  );
}

/** The [r, g, b] the sites canvas shows inside a cluster button, left of its centre. */
async function clusterColourAt(page: Page, index: number): Promise<[number, number, number] | undefined> {
  return page.evaluate((i) => {
    const button = document.querySelectorAll<HTMLButtonElement>('button.cluster-button')[i];
    const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-corridor-sites-pane canvas');
    if (!button || !canvas) return undefined;
    const r = button.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    // Left of the centre, clear of the count written in the middle.
    const x = Math.round(((r.left + r.width * 0.22 - box.left) * canvas.width) / box.width);
    const y = Math.round(((r.top + r.height / 2 - box.top) * canvas.height) / box.height);
    const [red, green, blue] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
    return [red!, green!, blue!] as [number, number, number];
  }, index);
}

const mapZoom = (page: Page) => page.evaluate(() => (window as unknown as { __corridorMap: { getZoom(): number } }).__corridorMap.getZoom());

const isRed = (rgb?: [number, number, number]) => !!rgb && rgb[0] > 200 && rgb[1] < 100 && rgb[2] < 100;

test.describe('a map that hides nothing', () => {
  test('the Casablanca sites form a cluster that turns red when one goes down, and Enter expands it with the down site on top', async ({ page, stack }, testInfo) => {
    const sites: SiteRow[] = SiteRowListSchema.parse(await (await page.request.get('/api/sites')).json()).sites;
    const casablanca = sites.filter((s) => s.city === 'Casablanca' && (s.status === 'operational' || s.status === 'degraded'));
    expect(casablanca.length).toBeGreaterThanOrEqual(2);
    const victim = casablanca[0]!;
    const console = new ConsolePage(page);
    await console.open();
    await expect(console.map).toHaveAttribute('data-site-count', String(sites.length));

    // At the default zoom the Casablanca sites are one cluster, named for what it holds.
    await expect.poll(async () => (await clusterAt(page, victim.lat, victim.lon))?.name ?? '').toMatch(/^Cluster of \d+ sites: /);
    const cluster = (await clusterAt(page, victim.lat, victim.lon))!;
    for (const site of casablanca) expect((await clusterAt(page, site.lat, site.lon))?.index).toBe(cluster.index);
    expect(cluster.name).not.toMatch(/ down/);

    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'site-down', siteId: victim.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    try {
      // The cluster shows the worst inside it: red, and its name says one site is down.
      await expect.poll(async () => (await clusterAt(page, victim.lat, victim.lon))?.name ?? '', { timeout: 10_000 }).toMatch(/: 1 down\b/);
      await expect.poll(async () => isRed(await clusterColourAt(page, (await clusterAt(page, victim.lat, victim.lon))!.index)), { timeout: 10_000 }).toBe(true);
      await page.screenshot({ path: testInfo.outputPath('clusters-1920x1080.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      await expect.poll(async () => (await clusterAt(page, victim.lat, victim.lon))?.name ?? '').toMatch(/: 1 down\b/);
      await page.screenshot({ path: testInfo.outputPath('clusters-1280x720.png') });
      await page.setViewportSize({ width: 1920, height: 1080 });

      // Enter on the focused cluster expands it, until the down site is drawn on its own, red, on top.
      for (let step = 0; step < 6; step++) {
        // Settled first (the viewport just changed, and each Enter zooms): the buttons are those of the zoom the map is at.
        await expect.poll(async () => Number(await console.map.getAttribute('data-cluster-zoom')) === (await mapZoom(page))).toBe(true);
        const over = await clusterAt(page, victim.lat, victim.lon);
        if (!over) break;
        const button = page.locator('button.cluster-button').nth(over.index);
        await expect(button).toHaveAccessibleName(/1 down/);
        await button.focus();
        const zoomBefore = await mapZoom(page);
        await page.keyboard.press('Enter');
        await expect.poll(() => mapZoom(page)).toBeGreaterThan(zoomBefore);
        // Settled: the clusters on screen are those of the zoom the map came to rest at.
        await expect.poll(async () => Number(await console.map.getAttribute('data-cluster-zoom')) === (await mapZoom(page))).toBe(true);
      }
      await expect.poll(() => clusterAt(page, victim.lat, victim.lon)).toBeUndefined();
      await expect.poll(() => console.markerStatusAt(victim.lat, victim.lon), { timeout: 10_000 }).toBe('offline');
      await page.screenshot({ path: testInfo.outputPath('cluster-expanded-1920x1080.png') });
    } finally {
      expect((await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`)).status).toBe(204);
    }
  });

  test('the legend collapses to one button and stays so after a reload', async ({ page }) => {
    const console = new ConsolePage(page);
    await console.open();
    const legend = page.getByRole('region', { name: 'Map legend' });
    await expect(legend).toContainText('observed health');
    await legend.getByRole('button', { name: 'Hide legend' }).click();
    await expect(legend.getByRole('button', { name: 'Legend' })).toHaveAttribute('aria-expanded', 'false');
    await expect(legend).not.toContainText('observed health');
    await page.reload();
    await expect(legend.getByRole('button', { name: 'Legend' })).toBeVisible();
    await expect(legend).not.toContainText('observed health');
    await legend.getByRole('button', { name: 'Legend' }).click();
    await expect(legend).toContainText('Cluster');
  });
});
