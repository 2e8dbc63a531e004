import { expect, signIn, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

test('when the control plane stops mid-session the console says so, and recovers by itself when it returns', async ({ page, privateStack }) => {
  // The private stack keeps its own sessions: sign in there (the cookie replaces the shared stack's).
  await signIn(page.request, 'operator', privateStack.url);
  const console = new ConsolePage(page);
  await console.open(privateStack.url);
  const firstRow = page.locator('button.site-row').first();
  await expect(firstRow).toBeVisible();
  await expect(page.getByRole('alert')).toBeHidden();

  await privateStack.stopControlPlane();
  const banner = page.getByRole('alert').filter({ hasText: /control plane/i });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText(/unreachable/i);
  // The last known fleet stays on screen: not a blank map, not a spinner.
  await expect(firstRow).toBeVisible();
  await expect(console.map).not.toHaveAttribute('data-site-count', '0');

  await privateStack.startControlPlane();
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await firstRow.click();
  await expect(page.getByRole('complementary')).not.toContainText(/could not be loaded/);
});

test('a first visit while the control plane is down shows a clear error, then the console once it is back', async ({ page, privateStack }) => {
  await signIn(page.request, 'operator', privateStack.url);
  await privateStack.stopControlPlane();
  await page.goto(privateStack.url);
  await expect(page.getByRole('alert').first()).toContainText(/unreachable|unavailable/i, { timeout: 15_000 });
  await privateStack.startControlPlane();
  await expect(page.locator('button.site-row').first()).toBeVisible({ timeout: 20_000 });
});
