import type { Locator, Page } from '@playwright/test';
import { expect, test, DEMO_PASSWORD } from '../fixtures.ts';

/**
 * The console without a mouse, as a keyboard-only operator works it: sign in, place and commit a workload, and open a
 * cable's panel — every step by Tab, typing, Enter and Escape; no click anywhere.
 */

/** Presses Tab until `target` has the focus (at most `max` times), as a person tabs through the page. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reached by Tab within ${max} presses`).toBeFocused();
}

/** Tabs to a field and types into it (a select takes the typed letters as a person's keystrokes do). */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test.describe('keyboard only', () => {
  test.use({ signedInAs: null });

  test('from sign-in to a committed workload, then a cable’s panel, without the mouse', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await typeInto(page, page.getByLabel('User name'), 'operator');
    await typeInto(page, page.getByLabel('Password'), DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/\/login/);

    // Once the console is up, the first Tab offers the skip links; the console's tabs follow.
    const tabs = page.getByRole('navigation', { name: 'Console' });
    await expect(tabs).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to map' })).toBeFocused();
    await tabTo(page, tabs.getByRole('link', { name: 'Place a workload' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]view=place/);

    const form = page.getByRole('form', { name: 'Place a workload' });
    const name = `Keyboard only ${Date.now()}`;
    await typeInto(page, form.getByLabel('Name'), name);
    await typeInto(page, form.getByLabel('Tenant'), 'chu-casablanca');
    await typeInto(page, form.getByLabel('Kind'), 'inference');
    await typeInto(page, form.getByLabel('Sector'), 'healthcare');
    await typeInto(page, form.getByLabel('Data class'), 'personal');
    // A select takes typed letters against its options' text: the country's name.
    await typeInto(page, form.getByLabel('Data origin'), 'Morocco');
    const count = form.getByLabel('GPU count');
    await tabTo(page, count);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('8');
    await typeInto(page, form.getByLabel('GPU model'), 'H100');
    await expect(form.getByLabel('Kind')).toHaveValue('inference');
    await expect(form.getByLabel('Data origin')).toHaveValue('MA');

    const plan = page.getByRole('region', { name: 'Plan', exact: true });
    await expect(plan.getByRole('rowgroup', { name: 'Candidates' }).getByRole('row')).not.toHaveCount(0);
    const commit = form.getByRole('button', { name: 'Commit' });
    await expect(commit).toBeEnabled();
    await tabTo(page, commit);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]workload=/);
    await expect(page.getByRole('main', { name }).getByRole('heading', { level: 2, name })).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('keyboard-committed.png') });

    // A cable: the Links view lists every link with its health in words; Enter on one opens its panel.
    await tabTo(page, tabs.getByRole('link', { name: 'Links' }), 200);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]view=links/);
    const cable = page.getByRole('main').getByRole('link').filter({ hasText: /.+/ }).first();
    await tabTo(page, cable, 120);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]link=/);
    const panel = page.locator('aside.site-panel');
    await expect(panel).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('keyboard-cable-panel.png') });

    // Escape closes the panel and the focus is not lost to the page's start.
    await page.keyboard.press('Escape');
    await expect(page).not.toHaveURL(/[?&]link=/);
    await expect(page.locator('body')).not.toBeFocused();
  });
});
