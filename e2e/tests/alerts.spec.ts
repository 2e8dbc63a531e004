import { AlertListSchema, AlertRuleListSchema, LinkListSchema, type Link } from '@corridor/shared';
import type { Page } from '@playwright/test';
import { callControlPlane, expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

/** The simulator's tick in the e2e stack (fixtures.ts: CORRIDOR_SIM_TICK_MS). */
const TICK_MS = 1000;
/** From the control plane's event to the page: the BFF's relay and the console's commit of stream events (250 ms). */
const DELIVERY_SLACK_MS = 2000;

async function links(page: Page): Promise<Link[]> {
  return LinkListSchema.parse(await (await page.request.get('/api/links')).json()).links;
}

/** The cable-cut rule's `for`, in ms, as the API states it. */
async function cableCutForMs(page: Page): Promise<number> {
  const rules = AlertRuleListSchema.parse(await (await page.request.get('/api/alert-rules')).json()).rules;
  return rules.find((r) => r.id === 'cable-cut')!.forSeconds * 1000;
}

/** The alerts on one link, as the API has them now. */
async function alertsOn(page: Page, linkId: string) {
  return AlertListSchema.parse(await (await page.request.get(`/api/alerts?link=${linkId}`)).json()).alerts;
}

/** The bit of the Leaflet map the tests use (the console hands it to tests as window.__corridorMap). */
interface MapHandle {
  setView(centre: [number, number], zoom: number, options: { animate: boolean }): void;
  getBounds(): { contains(point: [number, number]): boolean };
}

/** Pans the map far from a place, as an operator looking at another part of the network would. */
async function lookElsewhere(page: Page, lat: number, lon: number) {
  // A block body: setView returns the map itself, which Playwright would try (and fail) to send back.
  await page.evaluate(
    ([la, lo]) => {
      (window as unknown as { __corridorMap: MapHandle }).__corridorMap.setView([la!, lo!], 5, { animate: false });
    },
    [lat, lon],
  );
}

test.describe('alerts', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('an operator looking elsewhere sees a cable cut in the header and the alert list, acknowledges it, opens it on the map, and sees it resolve', async ({ page, stack }, testInfo) => {
    const all = await links(page);
    // The longest submarine cable: nowhere near the part of the map the operator is looking at.
    const cable = [...all].filter((l) => l.kind === 'submarine').sort((a, b) => b.lengthKm - a.lengthKm)[0]!;
    const forMs = await cableCutForMs(page);
    const console = new ConsolePage(page);
    await console.open('/');
    await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible({ timeout: 15_000 });
    await lookElsewhere(page, 40, -100);
    const badge = page.getByRole('link', { name: /^Alerts: / });
    await expect(badge).toHaveAttribute('data-firing', /^\d+$/);
    const firingBefore = Number(await badge.getAttribute('data-firing'));
    expect(await alertsOn(page, cable.id), 'no alert on the cable before the cut').toEqual([]);

    const injectedAt = Date.now();
    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'cable-cut', linkId: cable.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    let cleared = false;
    try {
      // The header says it within the rule's `for` and one tick, with no reload and no click.
      // (Other alerts of the simulated network may come and go meanwhile: the count only has to grow.)
      await expect.poll(async () => Number(await badge.getAttribute('data-firing')), { timeout: forMs + TICK_MS + DELIVERY_SLACK_MS, intervals: [100] }).toBeGreaterThan(firingBefore);
      const detectedMs = Date.now() - injectedAt;
      expect((await alertsOn(page, cable.id)).map((a) => `${a.ruleId}:${a.state}`)).toContain('cable-cut:firing');
      testInfo.annotations.push({ type: 'detection', description: `cable cut → header badge in ${detectedMs} ms (for ${forMs} ms + tick ${TICK_MS} ms)` });
      // Named by what it shows ("1 Critical, …": label in name), as the chips are written.
      await expect(badge).toHaveAccessibleName(/\d+ critical/i);
      await expect(page).toHaveTitle(/^\(\d+\) Corridor$/);

      // The badge opens the alert list on its firing alerts; the cut is there, with who has it (nobody yet).
      await badge.click();
      await expect(page).toHaveURL(/[?&]view=alerts/);
      await expect(page).toHaveURL(/[?&]astate=firing/);
      const row = page.getByRole('row', { name: new RegExp(`^Critical: Cable cut suspected on .*, ${escape(cable.name)}, firing for`) });
      await expect(row).toBeVisible();
      await expect(row).toContainText(/loss [\d.]+ %/);
      await expect(row).toContainText('Not acknowledged');
      // Rows are reached with the keyboard.
      await row.focus();
      await expect(row).toBeFocused();

      // Acknowledge with a comment: the row then says who, and the dialog traps Escape.
      await row.getByRole('button', { name: /^Acknowledge: / }).click();
      const dialog = page.getByRole('dialog', { name: 'Acknowledge alert' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await row.getByRole('button', { name: /^Acknowledge: / }).click();
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(dialog.getByText('Say what you are doing about it.')).toBeVisible();
      await dialog.getByLabel('Comment').fill('Repair ship called, traffic rerouted');
      await dialog.getByLabel('Expected fix').selectOption({ label: 'in 4 h' });
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toContainText(/Acknowledged by operator at \d\d:\d\d(:\d\d)?: Repair ship called, traffic rerouted · ETA \d\d:\d\d(:\d\d)? \(in (4 h|3 h 5\d min)\)/);
      await expect(row.getByRole('button', { name: /^Acknowledge: / })).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath('alerts-1920x1080.png') });

      // Its place opens on the map, which flies to the cable.
      await row.getByRole('link', { name: cable.name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]link=${cable.id}(&|$)`));
      await expect(page.getByRole('complementary', { name: cable.name, exact: true })).toBeVisible();
      await expect
        .poll(() => page.evaluate(([la, lo]) => (window as unknown as { __corridorMap: MapHandle }).__corridorMap.getBounds().contains([la!, lo!]), [cable.from.lat, cable.from.lon]), {
          timeout: 5000,
        })
        .toBe(true);

      await page.goBack();
      await expect(row).toBeVisible();
      expect((await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`)).status).toBe(204);
      cleared = true;
      // Resolved: it leaves the firing list by itself, and the list of everything shows it resolved.
      await expect(row).toBeHidden({ timeout: 15_000 });
      await page.getByLabel('State').selectOption({ label: 'Resolved' });
      await expect(page).toHaveURL(/[?&]astate=resolved/);
      await expect(page.getByRole('row', { name: new RegExp(`Cable cut suspected .*, ${escape(cable.name)}, resolved \\d+ (s|min) ago`) })).toBeVisible();
    } finally {
      if (!cleared) await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`);
    }
  });

  test('an operator silences an alert for a while with a reason, and ends the silence', async ({ page, stack }) => {
    const all = await links(page);
    const cable = [...all].filter((l) => l.kind === 'submarine').sort((a, b) => a.lengthKm - b.lengthKm)[0]!;
    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'cable-cut', linkId: cable.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    try {
      await page.goto(`/?view=alerts&alink=${cable.id}&astate=firing`);
      const row = page.getByRole('row', { name: new RegExp(`^Critical: Cable cut suspected .*, ${escape(cable.name)}, firing for`) });
      await expect(row).toBeVisible({ timeout: 15_000 });
      await row.getByRole('button', { name: /^Silence: / }).click();
      const dialog = page.getByRole('dialog', { name: 'Silence alert' });
      await dialog.getByLabel('Custom').check();
      await dialog.getByLabel('Minutes').fill('0');
      await dialog.getByRole('button', { name: 'Silence' }).click();
      await expect(dialog.getByText(/A whole number of minutes/)).toBeVisible();
      await dialog.getByLabel('15 min').check();
      await dialog.getByLabel('Reason').fill('Known cut, <b>repair</b> under way');
      await dialog.getByRole('button', { name: 'Silence' }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toContainText('Silenced', { timeout: 10_000 });
      const silence = page.locator('.silence').filter({ hasText: `link ${cable.name}` });
      // Hostile text is shown as text.
      await expect(silence).toContainText('by operator: Known cut, <b>repair</b> under way');
      await expect(silence).toContainText(/ends in 1[45] min/);
      await silence.getByRole('button', { name: /^End now/ }).click();
      await expect(silence).toContainText('Over');
    } finally {
      await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`);
    }
  });

  test.describe('as an executive', () => {
    test.use({ signedInAs: 'executive' });
    test('reads the alerts and silences, with no action to take', async ({ page }) => {
      await page.goto('/?view=alerts');
      await expect(page.getByRole('heading', { name: 'Alerts', level: 2 })).toBeVisible();
      await expect(page.getByRole('link', { name: /^Alerts: / })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Silences' })).toBeVisible();
      await expect(page.getByText(/alerts? open or resolved in the last 24 h|No alerts firing/).first()).toBeVisible();
      await expect(page.getByRole('button', { name: /^(Acknowledge|Silence|End now)/ })).toHaveCount(0);
    });
  });

  test.describe('as a tenant', () => {
    test.use({ signedInAs: 'tenant-a' });
    test('has no alerts view and no badge', async ({ page }) => {
      await page.goto('/?view=alerts');
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
      await expect(page.getByText(/The alert list is for executives, operators and admins\. You are signed in as tenant\./)).toBeVisible();
      await expect(page.getByRole('link', { name: /^Alerts: / })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Alerts' })).toHaveCount(0);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
