import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

/** Where the admin views' screenshots go besides the test's output (CORRIDOR_SHOTS_DIR, e.g. /tmp/shots). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`admin-${name}.png`) });
  const dir = process.env.CORRIDOR_SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `admin-${name}.png`) });
  }
}

const unique = (label: string) => `${label}-${test.info().workerIndex}-${Date.now()}`;

test.describe('an admin', () => {
  test.use({ signedInAs: 'admin' });

  test('creates a user who can then sign in, and disables them after a confirmation', async ({ page, browser, stack }, testInfo) => {
    const username = unique('ana');
    const password = 'a-long-enough-password';
    await page.goto('/');
    const tabs = page.getByRole('navigation', { name: 'Console' });
    await tabs.getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL(/\?view=users$/);
    const main = page.getByRole('main', { name: 'Users' });
    await expect(main.getByRole('table', { name: 'Users' })).toContainText('admin');

    // The shared schema's rules, inline and by field, before anything is sent; the focus goes to the first.
    const form = main.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('not valid!');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('must be 1–64 letters, digits or . _ @ -');
    await expect(form).toContainText('must be at least 12 characters');
    await expect(form.getByLabel('Username')).toBeFocused();
    await form.getByLabel('Role').selectOption('tenant');
    await expect(form).toContainText('a tenant user needs a tenant');
    await shot(page, testInfo, 'users-invalid');

    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Name', { exact: true }).fill('Ana Tenant');
    await form.getByLabel('Tenant').fill('tenant-a');
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByRole('status')).toHaveText(`User ${username} created. They can sign in now.`);
    const row = main.getByRole('row', { name: new RegExp(username) });
    await expect(row).toContainText('Tenant');
    await expect(row).toContainText('tenant-a');
    await expect(row).toContainText('Active');

    // A taken name is the server's refusal, shown on the field.
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Name', { exact: true }).fill('Twin');
    await form.getByLabel('Role').selectOption('operator');
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('already exists');
    await shot(page, testInfo, 'users');

    // The new user signs in, in a browser of their own.
    const theirs = await browser.newContext({ baseURL: stack.url, storageState: { cookies: [], origins: [] } });
    const theirPage = await theirs.newPage();
    await theirPage.goto('/login');
    const signInForm = theirPage.getByRole('form', { name: 'Sign in' });
    await signInForm.getByLabel('User name').fill(username);
    await signInForm.getByLabel('Password').fill(password);
    await signInForm.getByLabel('Password').press('Enter');
    await expect(theirPage.getByRole('button', { name: /^Ana Tenant/ })).toContainText('Tenant · tenant-a');
    // …and is told the admin pages are not theirs.
    await theirPage.goto('/?view=users');
    await expect(theirPage.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();

    // Disable: a confirmation first (Escape cancels and gives the focus back), then the sessions end.
    const disable = row.getByRole('button', { name: `Disable ${username}` });
    await disable.click();
    const dialog = page.getByRole('dialog', { name: `Disable ${username}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(disable).toBeFocused();
    await expect(row).toContainText('Active');
    await disable.click();
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(row).toContainText('Disabled');
    const after = await theirs.request.get('/api/session');
    expect(after.status()).toBe(401);
    await theirs.close();
  });

  test('issues a token whose secret is shown once and works, then revokes it and it is refused', async ({ page, context, stack }, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = unique('billing export');
    await page.goto('/?view=tokens');
    const main = page.getByRole('main', { name: 'API tokens' });
    const form = main.getByRole('form', { name: 'Issue a token' });
    await form.getByRole('button', { name: 'Issue token' }).click();
    await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption('operator');
    await form.getByRole('button', { name: 'Issue token' }).click();

    const panel = main.getByRole('region', { name: /copy its secret now/ });
    await expect(panel).toContainText('You won’t see it again');
    const secretBox = panel.getByLabel('Secret');
    const secret = await secretBox.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expect(secretBox).toBeFocused();
    await panel.getByRole('button', { name: 'Copy' }).click();
    await expect(panel.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, testInfo, 'tokens-secret');

    // The token works as a Bearer credential, from outside the browser.
    const call = () => fetch(`${stack.url}/api/workloads`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await call()).status).toBe(200);

    // Once dismissed, the secret is nowhere on the page (nor after a reload).
    await panel.getByRole('button', { name: 'I have copied it' }).click();
    await expect(panel).toBeHidden();
    await expect(page.locator('body')).not.toContainText(secret);
    await page.reload();
    await expect(main.getByRole('row', { name: new RegExp(name) })).toContainText('Active');
    expect(await page.content()).not.toContain(secret);

    const row = main.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke the token “${name}”?` });
    await expect(dialog).toContainText('cannot be undone');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
    expect((await call()).status).toBe(401);
    await shot(page, testInfo, 'tokens');
  });

  test('reads the audit log with its filters and verifies the chain, with the anchor shown', async ({ page, apiAs }, testInfo) => {
    // A sign-in to find: a record of another actor.
    await apiAs('executive');
    await page.goto('/?view=audit');
    const main = page.getByRole('main', { name: 'Audit log' });
    const records = main.getByRole('table', { name: 'Audit records' });
    await expect(records).toContainText('login');

    // Filter by actor (a deep link keeps it), then by action.
    await main.getByLabel('Actor').fill('executive');
    await expect(page).toHaveURL(/[?&]actor=executive/);
    await expect(records.locator('tbody tr').first()).toContainText('executive');
    for (const actor of await records.locator('tbody tr td:nth-child(3)').allTextContents()) expect(actor).toBe('executive');
    await main.getByLabel('Action').selectOption('login');
    await expect(page).toHaveURL(/[?&]action=login/);
    for (const action of await records.locator('tbody tr td:nth-child(4)').allTextContents()) expect(action).toBe('login');

    // A time window in the future holds nothing.
    await main.getByLabel(/^From/).fill('2099-01-01T00:00');
    await expect(page).toHaveURL(/[?&]from=2099-01-01T00%3A00%3A00/);
    await expect(main).toContainText('No record matches these filters.');
    await main.getByRole('button', { name: 'Clear filters' }).click();
    await expect(records).toBeVisible();

    await main.getByRole('button', { name: 'Verify the chain' }).click();
    const result = main.getByRole('status').filter({ hasText: /Intact|Broken/ });
    await expect(result).toContainText(/Intact: [\d,]+ records checked\./);
    await expect(result).toContainText('Anchor');
    await shot(page, testInfo, 'audit');
  });

  test('the audit log shows the admin changes made in the console', async ({ page }) => {
    const username = unique('audited');
    const created = await page.request.post('/api/users', { headers: { 'X-CSRF': '1' }, data: { username, name: 'Audited', role: 'executive', password: 'a-long-enough-password' } });
    expect(created.status()).toBe(201);
    await page.goto(`/?view=audit&actor=admin&action=user-created`);
    await expect(page.getByRole('table', { name: 'Audit records' })).toContainText(`user:${username}`);
  });
});

test.describe('every role', () => {
  test.use({ signedInAs: 'tenant-a' });

  test('a tenant reads the policy, is told users and the audit log are not for its role, and an unknown view is named', async ({ page }, testInfo) => {
    await page.goto('/');
    const tabs = page.getByRole('navigation', { name: 'Console' });
    await expect(tabs.getByRole('link', { name: 'Policy' })).toBeVisible();
    await expect(tabs.getByRole('link', { name: 'Users' })).toHaveCount(0);
    await expect(tabs.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

    await tabs.getByRole('link', { name: 'Policy' }).click();
    const policy = page.getByRole('main', { name: 'Policy' });
    await expect(policy).toContainText(/version/);
    const rules = policy.getByRole('listitem').filter({ hasText: 'Legal basis' });
    expect(await rules.count()).toBeGreaterThan(0);
    await expect(rules.first()).toContainText('May run in');
    await expect(policy.getByRole('table', { name: 'Groups' })).toBeVisible();
    await shot(page, testInfo, 'policy');

    await page.goto('/?view=users');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Managing users is for admins. You are signed in as tenant.');
    await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
    await shot(page, testInfo, 'denied');

    await page.goto('/?view=audit');
    await expect(page.getByRole('main')).toContainText('The audit log is for executives, operators and admins.');

    await page.goto('/?view=nope');
    await expect(page.getByRole('heading', { name: 'No such view' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('The console has no view “nope”.');
    await shot(page, testInfo, 'unknown');
    await page.getByRole('link', { name: 'Back to the network map' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
