import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test, type DemoUser } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

/** Signs in on the login page, as a person does: user name, password, Enter. */
async function signInWithForm(page: Page, user: DemoUser) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill(DEMO_PASSWORD);
  await form.getByLabel('Password').press('Enter');
}

test.describe('signing in and out', () => {
  test.use({ signedInAs: null });

  test('signed out, the console opens the login page; signed in, the map; a reload keeps the session; Sign out ends it', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    // Demo mode names who can sign in, never the password.
    const demo = page.getByRole('region', { name: 'Demo mode' });
    for (const user of ['operator', 'executive', 'admin', 'tenant-a', 'tenant-b']) await expect(demo.getByRole('button', { name: user, exact: true })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(DEMO_PASSWORD);

    // A wrong password is announced; the password box is emptied and focused for the next try.
    const form = page.getByRole('form', { name: 'Sign in' });
    await demo.getByRole('button', { name: 'operator', exact: true }).click();
    await expect(form.getByLabel('User name')).toHaveValue('operator');
    await expect(form.getByLabel('Password')).toBeFocused();
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('The user name or the password is not right.');
    await expect(form.getByLabel('Password')).toBeFocused();
    await expect(form.getByLabel('Password')).toHaveValue('');
    await page.screenshot({ path: testInfo.outputPath('login-page.png') });

    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    const console = new ConsolePage(page);
    await expect(console.map).toHaveAttribute('data-basemap', 'ready');
    await expect(page).toHaveURL(/\/$/);
    const account = page.getByRole('button', { name: /^Demo operator/ });
    await expect(account).toContainText('Operator');

    await page.reload();
    await expect(console.map).toHaveAttribute('data-basemap', 'ready');
    await expect(account).toBeVisible();

    await account.click();
    const panel = page.getByRole('group', { name: 'Your account' });
    await expect(panel).toContainText('User nameoperator');
    await expect(panel).toContainText('RoleOperator');
    await expect(panel).not.toContainText('Tenant');
    await page.screenshot({ path: testInfo.outputPath('user-menu.png') });
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(account).toBeFocused();

    await account.click();
    await panel.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect((await page.request.get('/api/session')).status()).toBe(401);
    await page.goto('/?view=workloads');
    await expect(page).toHaveURL(/\/login\?returnTo=/);
  });

  test('a deep link opened signed out comes back once signed in', async ({ page }) => {
    await page.goto('/?view=workloads&sector=healthcare');
    await expect(page).toHaveURL(/\/login\?returnTo=%2F%3Fview%3Dworkloads%26sector%3Dhealthcare$/);
    await signInWithForm(page, 'operator');
    await expect(page).toHaveURL(/\/\?view=workloads&sector=healthcare$/);
    const list = page.getByRole('main', { name: 'Workloads' });
    await expect(list.getByLabel('Sector')).toHaveValue('healthcare');
  });

  test('a session that ends while the console is open sends to the login page, and back to the same view', async ({ page }) => {
    await signIn(page.request, 'operator');
    await page.goto('/?view=workloads');
    await expect(page.getByRole('main', { name: 'Workloads' })).toBeVisible();

    // Signed out elsewhere (another tab with the same cookie): the next request the page makes gets a 401.
    expect((await page.request.delete('/api/session', { headers: { 'X-CSRF': '1' } })).status()).toBe(204);
    // The person moves on; the console learns of the ended session from that move's request, or from one of its
    // own made meanwhile (the status probe, the stream) on a loaded machine: either way to the login page, and back.
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Place a workload' })
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    await expect(page).toHaveURL(/\/login\?returnTo=%2F%3Fview%3D(place|workloads)$/);
    const view = new URL(page.url()).searchParams.get('returnTo') === '/?view=place' ? 'place' : 'workloads';

    await signInWithForm(page, 'operator');
    await expect(page).toHaveURL(new RegExp(`/\\?view=${view}$`));
    if (view === 'place') await expect(page.getByRole('form', { name: 'Place a workload' })).toBeVisible();
    else await expect(page.getByRole('main', { name: 'Workloads' })).toBeVisible();
  });

  test('the login page cannot send anyone to another site once signed in', async ({ page }) => {
    await page.goto('/login?returnTo=%2F%2Fevil.example%2Fphish');
    await signInWithForm(page, 'operator');
    await expect(new ConsolePage(page).map).toHaveAttribute('data-basemap', 'ready');
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
