import { AlertListSchema, AlertSchema, LinkListSchema } from '@corridor/shared';
import { callControlPlane, expect, signIn, test } from '../fixtures.ts';

test.describe('wall mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('at 1920 × 1080 the wall shows the firing alert in large type with its age and who acknowledged it; it says when the stream drops and recovers by itself', async ({
    page,
    privateStack: stack,
  }, testInfo) => {
    test.setTimeout(150_000);
    await signIn(page.request, 'operator', stack.url);
    const links = LinkListSchema.parse(await (await page.request.get(`${stack.url}/api/links`)).json()).links;
    const cable = links.find((l) => l.kind === 'submarine')!;
    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'cable-cut', linkId: cable.id });
    expect(injected.status).toBe(201);

    // The cut fires; the operator acknowledges it (through the API, as another console would).
    let alertId: string | undefined;
    await expect
      .poll(
        async () => {
          const list = AlertListSchema.parse(await (await page.request.get(`${stack.url}/api/alerts?link=${cable.id}&state=firing`)).json());
          alertId = list.alerts.find((a) => a.ruleId === 'cable-cut')?.id;
          return alertId;
        },
        { timeout: 15_000 },
      )
      .toBeDefined();
    const ack = await page.request.post(`${stack.url}/api/alerts/${alertId}/ack`, { data: { comment: 'Ship on its way', etaMinutes: 120 }, headers: { 'X-CSRF': '1' } });
    expect(ack.status()).toBe(200);
    expect(AlertSchema.parse(await ack.json()).acknowledgement?.by).toBe('operator');

    await page.goto(`${stack.url}/?wall=1`);
    await expect(page.getByRole('region', { name: 'Network map' })).toHaveAttribute('data-basemap', 'ready');
    // No console chrome on the wall: the map and the ticker take the screen.
    await expect(page.getByRole('navigation', { name: 'Console' })).toHaveCount(0);
    const ticker = page.getByRole('region', { name: /^Firing alerts/ });
    const item = ticker.locator(`[data-alert-id="${alertId}"]`);
    await expect(item).toContainText(`Cable cut suspected on ${cable.name}`);
    await expect(item).toContainText(/firing for \d+ (s|min)/);
    await expect(item).toContainText('Ack: operator — Ship on its way · ETA');
    await expect(item).toContainText(cable.name);
    // Legible from 3 m: every line of the ticker is 28 px or more.
    const sizes = await item.locator('p, span').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(28);
    // The map's focus is on the one place with a firing alert (others of the simulated network may join it).
    await expect(page.locator('.wall-focus')).toContainText(/^Focus: /);
    await page.screenshot({ path: testInfo.outputPath('wall-1920x1080.png') });

    await stack.stopControlPlane();
    const banner = page.locator('.wall-stale');
    await expect(banner).toContainText(/^Live data stale — /, { timeout: 30_000 });
    // Stale, not gone: the last known alerts stay on the wall.
    await expect(item).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('wall-stale-1920x1080.png') });

    await stack.startControlPlane();
    await expect(banner).toHaveCount(0, { timeout: 60_000 });
    // The alert lists are asked again after the gap (the restarted simulator may have cleared the cut meanwhile).
    await expect(ticker).toBeVisible();
  });

  test.describe('as a tenant', () => {
    test.use({ signedInAs: 'tenant-a' });
    test('is not available', async ({ page }) => {
      await page.goto('/?wall=1');
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
      await expect(page.getByText('Wall mode is for executives, operators and admins. You are signed in as tenant.')).toBeVisible();
    });
  });
});
