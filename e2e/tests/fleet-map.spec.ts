import { SiteDetailSchema, SiteRowListSchema, type SiteRow } from '@corridor/shared';
import { expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

const WEST_AFRICA = ['SN', 'CI', 'GH', 'NG'];

test.describe('the network on a map', () => {
  let sites: SiteRow[];

  test.beforeEach(async ({ request }) => {
    sites = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
  });

  test('every site of the fleet is on the map and in the list, across MA, ES, FR, US and West Africa', async ({ page }) => {
    const console = new ConsolePage(page);
    await console.open();
    await expect(console.map).toHaveAttribute('data-site-count', String(sites.length));
    for (const site of sites) await expect(console.siteRow(site.name)).toBeVisible();
    for (const country of ['Morocco', 'Spain', 'France', 'United States']) {
      await expect(page.getByRole('heading', { level: 3, name: new RegExp(country) })).toBeVisible();
    }
    const countries = new Set<string>(sites.map((s) => s.country));
    expect(WEST_AFRICA.filter((c) => countries.has(c)).length).toBeGreaterThanOrEqual(3);
    await expect(page.getByLabel('Fleet totals')).toContainText(`${sites.length} sites`);
    // The capacity ledger's words (issue 12): installed, committed, free, in MW.
    await expect(page.getByLabel('Fleet totals')).toContainText(/[\d,.]+ MW installed · [\d,.]+ MW committed · [\d,.]+ MW free/);
  });

  test('clicking a site in the list opens its panel with its real figures', async ({ page, request }) => {
    const athena = sites.find((s) => /athena/i.test(s.name))!;
    const detail = SiteDetailSchema.parse(await (await request.get(`/api/sites/${athena.id}`)).json());
    const console = new ConsolePage(page);
    await console.open();
    await console.siteRow(athena.name).click();

    const panel = page.getByRole('complementary', { name: athena.name });
    await expect(panel.getByRole('heading', { level: 2, name: athena.name })).toBeFocused();
    await expect(panel).toContainText(`${detail.site.operator.name}`);
    await expect(panel).toContainText('controlled by FR');
    await expect(panel).toContainText(`${detail.site.itCapacityMw} MW`);
    await expect(panel).toContainText(`${detail.site.gpuCount.toLocaleString('en-US')} GPUs`);
    for (const cluster of detail.site.clusters) await expect(panel).toContainText(`${cluster.gpuModel} × ${cluster.gpuCount.toLocaleString('en-US')}`);
    const link = detail.links[0]!;
    await expect(panel.getByRole('row', { name: new RegExp(link.cable) }).first()).toContainText(/\d+ ms/);
    await expect(page).toHaveURL(new RegExp(`[?&]site=${athena.id}`));
  });

  test('clicking a marker on the map opens that site', async ({ page }) => {
    const site = sites.find((s) => s.country === 'SN') ?? sites[0]!;
    const console = new ConsolePage(page);
    await console.open();
    await console.centreOn(site.lat, site.lon, 8);
    await console.clickMarker(site.lat, site.lon);
    await expect(page.getByRole('complementary', { name: site.name })).toBeVisible();
  });

  test('a deep link opens the same panel, survives a reload, and Escape closes it', async ({ page }) => {
    const site = sites.find((s) => s.country === 'MA')!;
    const console = new ConsolePage(page);
    await console.open(`/?site=${site.id}`);
    const panel = page.getByRole('complementary', { name: site.name });
    await expect(panel).toBeVisible();
    await page.reload();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page).not.toHaveURL(/site=/);
  });

  test('search and filters narrow the list and the map', async ({ page }) => {
    const console = new ConsolePage(page);
    await console.open();
    await console.search.fill('Lagos');
    const lagos = sites.filter((s) => /lagos/i.test(`${s.name} ${s.city} ${s.operatorName}`));
    await expect(console.map).toHaveAttribute('data-site-count', String(lagos.length));
    await expect(console.siteRow(lagos[0]!.name)).toBeVisible();
    // Neither its row nor its marker's button (a link's button names its ends, and links stay drawn).
    await expect(page.getByRole('button', { name: /^Oréus Athena/ })).toBeHidden();

    await console.search.fill('');
    await page.getByLabel('Country').selectOption('ES');
    const spanish = sites.filter((s) => s.country === 'ES');
    await expect(console.map).toHaveAttribute('data-site-count', String(spanish.length));
    await expect(page).toHaveURL(/country=ES/);
  });

  test('Morocco is drawn with its southern provinces, and the alternative boundary is an option', async ({ page }) => {
    const console = new ConsolePage(page);
    await console.open();
    const official = page.getByRole('radio', { name: /Morocco with its southern provinces/ });
    await expect(official).toBeChecked();
    // The map around the 27°40′N line, where the two boundaries differ.
    await console.centreOn(26, -11, 5);
    const box = (await console.map.boundingBox())!;
    const point = await page.evaluate(() =>
      (window as unknown as { __corridorMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number } } }).__corridorMap.latLngToContainerPoint([27.67, -11]),
    );
    const clip = { x: box.x + point.x - 60, y: box.y + point.y - 30, width: 120, height: 60 };
    const before = await page.screenshot({ clip });

    await page.getByRole('radio', { name: /Alternative/ }).check();
    await expect(page).toHaveURL(/boundary=alt/);
    await expect.poll(async () => Buffer.compare(await page.screenshot({ clip }), before)).not.toBe(0);
    await page.reload();
    await expect(page.getByRole('radio', { name: /Alternative/ })).toBeChecked();
  });
});
