import { LinkListSchema, type Link } from '@corridor/shared';
import type { Locator, Page } from '@playwright/test';
import { callControlPlane, expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

/** The value of one live figure of the open link ("Condition" → "Normal"). */
const liveFigure = (panel: Locator, label: string) =>
  panel
    .locator('.live-facts div')
    .filter({ has: panel.page().getByText(label, { exact: true }) })
    .locator('dd');

async function links(page: Page): Promise<Link[]> {
  return LinkListSchema.parse(await (await page.request.get('/api/links')).json()).links;
}

test.describe('links and cables', () => {
  test("a link opens from its site's panel with its live RTT, loss and history, and a cut shows in them", async ({ page, stack }) => {
    const all = await links(page);
    // A cable between a site and another end, both in the fleet: its panel is reached from the site's.
    const link = all.find((l) => l.from.kind === 'site' && l.kind === 'submarine') ?? all.find((l) => l.from.kind === 'site')!;
    const console = new ConsolePage(page);
    await console.open(`/?site=${link.from.id}`);
    const sitePanel = page.getByRole('complementary', { name: link.from.name, exact: true });
    await sitePanel.getByRole('table').getByRole('button', { name: link.to.name, exact: true }).first().click();

    const panel = page.getByRole('complementary', { name: link.name, exact: true });
    await expect(panel).toBeVisible();
    await expect(sitePanel).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`[?&]link=${link.id}(&|$)`));
    await expect(page).not.toHaveURL(/[?&]site=/);
    await expect(panel).toContainText(`${link.from.name} – ${link.to.name}`);
    await expect(liveFigure(panel, 'RTT')).toHaveText(/^[\d.,]+ ms \(base [\d.,]+ ms\)$/, { timeout: 15_000 });
    await expect(liveFigure(panel, 'Packet loss')).toHaveText(/^[\d.]+ %$/);
    await expect(liveFigure(panel, 'Condition')).toHaveText('Normal');
    await expect(panel.getByRole('img', { name: /^Round-trip time, last 1 h\. Latest .*RTT [\d.,]+ ms/ })).toBeVisible({ timeout: 15_000 });
    await expect(panel.getByRole('img', { name: /^Packet loss and utilisation.*Loss [\d.]+ %, Utilisation \d+ %/ })).toBeVisible();

    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'cable-cut', linkId: link.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    try {
      await expect(liveFigure(panel, 'Condition')).toHaveText('Cut (≥ 30 % loss)', { timeout: 10_000 });
      // The loss chart's live tail follows without a reload.
      await expect(panel.getByRole('img', { name: /^Packet loss and utilisation.*Loss (3\d|4\d|50)\.\d %/ })).toBeVisible({ timeout: 15_000 });
    } finally {
      expect((await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`)).status).toBe(204);
    }
    await expect(liveFigure(panel, 'Condition')).toHaveText('Normal', { timeout: 10_000 });

    // A deep link: the same panel after a reload; Escape closes it; an end opens its site.
    await page.reload();
    await expect(panel.getByRole('img', { name: /^Round-trip time.*Latest/ })).toBeVisible({ timeout: 15_000 });
    await panel.getByRole('button', { name: link.from.name, exact: true }).click();
    await expect(sitePanel).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]site=${link.from.id}(&|$)`));
    await expect(page).not.toHaveURL(/[?&]link=/);
    await page.goBack();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]link=/);
  });

  test('a cable on the map shows its live figures on hover and opens its panel on a click', async ({ page }) => {
    const all = await links(page);
    // The longest cable: its middle is far out at sea, away from every marker and other line.
    const cable = [...all].sort((a, b) => b.lengthKm - a.lengthKm)[0]!;
    const console = new ConsolePage(page);
    await console.open('/');
    const points: [number, number][] = [[cable.from.lat, cable.from.lon], ...cable.path, [cable.to.lat, cable.to.lon]];
    const middle = Math.floor((points.length - 1) / 2);
    const [a, b] = [points[middle]!, points[middle + 1]!];
    await console.centreOn((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, 4);
    await console.hoverThenClickMidway(a, b);
    // The site markers' canvas lies over the links': the hover and the click still reach the cable.
    await expect(page.locator('.link-tooltip')).toContainText(`${cable.from.name} – ${cable.to.name}`);
    await expect(page.locator('.link-tooltip')).toContainText(/Live: RTT [\d.,]+ ms/);
    await expect(page.getByRole('complementary', { name: cable.name, exact: true })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]link=${cable.id}(&|$)`));
  });

  test('a link that does not exist says so', async ({ page }) => {
    await new ConsolePage(page).open('/?link=no-such-link');
    await expect(page.getByRole('complementary', { name: 'Link not found' })).toContainText('No link with id “no-such-link”');
  });
});
