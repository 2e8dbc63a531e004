import { SiteRowListSchema, type SiteRow } from '@corridor/shared';
import type { Locator, Page } from '@playwright/test';
import { callControlPlane, expect, signIn, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

/** The value of one live figure of the open site ("PUE (interim)" → "1.21"). */
const liveFigure = (panel: Locator, label: string) => panel.getByLabel('Live figures').locator('div').filter({ hasText: label }).locator('dd');

/** The latest value a chart's text alternative states for one of its lines ("… PUE 1.36, …" → 1.36). */
async function chartLatest(chart: Locator, line: string): Promise<number> {
  const label = (await chart.getAttribute('aria-label')) ?? '';
  const match = new RegExp(`${line} (-?\\d[\\d,]*(?:\\.\\d+)?)`).exec(label);
  return match ? Number(match[1]!.replace(/,/g, '')) : NaN;
}

/** The fleet, asked as the page's signed-in user (of the test's stack, or of the one at `baseUrl`). */
async function fleet(page: Page, baseUrl = ''): Promise<SiteRow[]> {
  return SiteRowListSchema.parse(await (await page.request.get(`${baseUrl}/api/sites`)).json()).sites;
}

test.describe('live telemetry', () => {
  test('a site opens with its live figures and charts of its history, in 1 h, 24 h and 7 d', async ({ page }) => {
    const cspViolations: string[] = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));
    const sites = await fleet(page);
    const site = sites.find((s) => s.status === 'operational' && s.country === 'MA')!;
    const console = new ConsolePage(page);
    await console.open(`/?site=${site.id}`);
    const panel = page.getByRole('complementary', { name: site.name });

    await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible({ timeout: 15_000 });
    await expect(liveFigure(panel, 'IT power')).toHaveText(/^[\d,]+ kW$/);
    await expect(liveFigure(panel, 'PUE (interim)')).toHaveText(/^1\.\d\d$/);
    await expect(liveFigure(panel, 'Carbon intensity')).toHaveText(/gCO₂\/kWh$/);

    for (const name of ['IT vs facility power', 'PUE (interim', 'GPU utilisation and temperature', 'Renewable share and carbon intensity']) {
      // Each chart is named, and says its latest values with their units once a tick has been stored.
      await expect(panel.getByRole('img', { name: new RegExp(`^${name.replace('(', '\\(')}.*Latest`) })).toBeVisible({ timeout: 15_000 });
    }
    await expect(panel.getByRole('img', { name: /^IT vs facility power/ })).toHaveAttribute('aria-label', /Facility power [\d,]+ kW, IT power [\d,]+ kW/);
    await expect(panel.getByRole('img', { name: /^GPU utilisation/ })).toHaveAttribute('aria-label', /SM active \d+ %.*Temperature mean \d+ °C/);

    const dayButton = panel.getByRole('button', { name: '24 h' });
    await dayButton.click();
    await expect(dayButton).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.getByRole('button', { name: '1 h' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page).toHaveURL(/[?&]range=24h/);
    await expect(panel.getByRole('img', { name: /^IT vs facility power, last 24 h.*Latest/ })).toBeVisible();
    await page.reload();
    await expect(panel.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
    await panel.getByRole('button', { name: '7 d' }).click();
    await expect(page).toHaveURL(/[?&]range=7d/);
    await expect(panel.getByRole('img', { name: /^PUE \(interim.*, last 7 d.*Latest/ })).toBeVisible();
    // Recharts draws under the strict CSP (no inline <style>, no style attributes in markup).
    expect(cspViolations).toEqual([]);

    // The header's live KPIs carry their units.
    const kpis = page.getByLabel('Live fleet figures');
    await expect(kpis).toContainText(/[\d.]+ MW facility/);
    await expect(kpis).toContainText(/1\.\d\d power-weighted/);
    await expect(kpis).toContainText(/\d+ % of power/);
    // Measured, and said so: GPUs busy and IT power from telemetry, never the ledger's "committed".
    await expect(kpis).toContainText(/[\d,]+ GPUs? busy · [\d.,]+ MW IT/);
  });

  test('the page follows the stream and does not poll', async ({ page }) => {
    const sites = await fleet(page);
    const site = sites.find((s) => s.status === 'operational')!;
    await new ConsolePage(page).open(`/?site=${site.id}`);
    const panel = page.getByRole('complementary', { name: site.name });
    await expect(panel.getByRole('img', { name: /^PUE \(interim.*Latest/ })).toBeVisible({ timeout: 15_000 });
    const asOf = panel.locator('.as-of');
    await expect(asOf).toHaveText(/as of/);

    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) requests.push(path);
    });
    // Three ticks go by: each shows on screen…
    for (let tick = 0; tick < 3; tick++) {
      const shown = await asOf.textContent();
      await expect(asOf).not.toHaveText(shown!, { timeout: 10_000 });
    }
    // …and none of them cost an API request: the figures and the charts' live tail came over the one stream.
    expect(requests).toEqual([]);
  });

  test('a site not built yet says it has no telemetry', async ({ page }) => {
    const sites = await fleet(page);
    const planned = sites.find((s) => s.status === 'planned')!;
    await new ConsolePage(page).open(`/?site=${planned.id}`);
    await expect(page.getByRole('complementary', { name: planned.name })).toContainText('No telemetry yet for this site');
  });

  test('a cooling failure injected through the API turns the marker amber within 10 s and PUE rises', async ({ page, stack }) => {
    const sites = await fleet(page);
    // Far from every other site, so its marker is the only one at its point.
    const site = sites.find((s) => s.id === 'atlantic-ashburn-1') ?? sites.find((s) => s.status === 'operational' && s.country === 'US')!;
    const console = new ConsolePage(page);
    await console.open(`/?site=${site.id}`);
    const panel = page.getByRole('complementary', { name: site.name });
    await expect.poll(() => console.markerStatusAt(site.lat, site.lon), { timeout: 10_000 }).toBe('operational');
    await expect(liveFigure(panel, 'PUE (interim)')).toHaveText(/^\d\.\d\d$/);
    const pueBefore = Number(await liveFigure(panel, 'PUE (interim)').textContent());
    const pueChart = panel.getByRole('img', { name: /^PUE \(interim.*Latest/ });
    await expect(pueChart).toBeVisible({ timeout: 15_000 });
    const chartBefore = await chartLatest(pueChart, 'PUE');

    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'cooling-failure', siteId: site.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    try {
      await expect.poll(() => console.markerStatusAt(site.lat, site.lon), { timeout: 10_000 }).toBe('degraded');
      // The list agrees with the map.
      await expect(console.siteRow(site.name)).toContainText('Degraded');
      await expect(panel).toContainText('cooling failure');
      await expect.poll(async () => Number(await liveFigure(panel, 'PUE (interim)').textContent()), { timeout: 10_000 }).toBeGreaterThan(pueBefore + 0.05);
      // The chart's live tail follows: its latest point rises without a reload.
      await expect.poll(() => chartLatest(pueChart, 'PUE'), { timeout: 15_000 }).toBeGreaterThan(chartBefore + 0.02);
    } finally {
      expect((await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`)).status).toBe(204);
    }
    await expect.poll(() => console.markerStatusAt(site.lat, site.lon), { timeout: 10_000 }).toBe('operational');
    await expect(console.siteRow(site.name)).toContainText('Operational');
  });

  test('when the control plane stops the live data is marked stale, and it resumes once it is back', async ({ page, privateStack }) => {
    await signIn(page.request, 'operator', privateStack.url);
    const console = new ConsolePage(page);
    await console.open(privateStack.url);
    const sites = await fleet(page, privateStack.url);
    const site = sites.find((s) => s.status === 'operational')!;
    await page.goto(`${privateStack.url}/?site=${site.id}`);
    const panel = page.getByRole('complementary', { name: site.name });
    const badge = page.getByRole('status').filter({ hasText: /^Live/ });
    await expect(badge).toHaveText('Live', { timeout: 15_000 });
    const asOf = panel.locator('.as-of');
    await expect(asOf).toHaveText(/as of/);

    await privateStack.stopControlPlane();
    await expect(badge).toHaveText(/^Live data stale — /, { timeout: 15_000 });
    const frozenAt = await asOf.textContent();
    // Stale, not gone: the last known figures stay on screen.
    await expect(liveFigure(panel, 'IT power')).toHaveText(/kW$/);

    await privateStack.startControlPlane();
    await expect(badge).toHaveText('Live', { timeout: 30_000 });
    await expect(asOf).not.toHaveText(frozenAt!, { timeout: 10_000 });
  });
});
