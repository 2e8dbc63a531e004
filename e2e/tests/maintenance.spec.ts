import { SiteRowListSchema, WorkloadDetailSchema, WorkloadSchema, type Workload } from '@corridor/shared';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

/** Commits a small workload any site may take, as the signed-in user of `request` (a tenant: its own). */
async function commitWorkload(request: APIRequestContext, tenant: string, name: string): Promise<Workload> {
  const response = await request.post('/api/workloads', {
    headers: { 'X-CSRF': '1' },
    data: { name, tenant, kind: 'inference', sector: 'commercial', dataClass: 'public', dataOrigin: 'FR', gpus: { count: 1 } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return WorkloadSchema.parse(await response.json());
}

const workloadOf = async (request: APIRequestContext, id: string) => WorkloadDetailSchema.parse(await (await request.get(`/api/workloads/${id}`)).json()).workload;

test.describe('maintenance and a lawful drain, as a new operator does it', () => {
  test('schedule maintenance now on a site running a workload → review the drain → execute → it runs elsewhere, the site is in maintenance, the timeline and the tenant see the move', async ({
    page,
    request,
    apiAs,
    browser,
    sessionOf,
  }, testInfo) => {
    test.setTimeout(120_000);
    // A console that throws while drawing shows nothing: such an error fails the test with its message.
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
    // A tenant's workload, placed through the API as placement.spec.ts does it; then where it runs.
    const tenantApi = await apiAs('tenant-a');
    const placed = await commitWorkload(tenantApi, 'tenant-a', `Drain me ${testInfo.workerIndex}-${Date.now()}`);
    await expect.poll(async () => (await workloadOf(request, placed.id)).state, { timeout: 20_000 }).toBe('running');
    const siteId = (await workloadOf(request, placed.id)).siteId!;
    const sites = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
    const site = sites.find((s) => s.id === siteId)!;
    const nameOf = (id: string) => sites.find((s) => s.id === id)?.name ?? id;

    await page.setViewportSize({ width: 1920, height: 1080 });
    const console = new ConsolePage(page);
    await console.open(`/?site=${siteId}`);
    const panel = page.getByRole('complementary', { name: site.name, exact: true });
    const operations = panel.getByRole('region', { name: 'Operations' });
    await expect(operations.getByRole('link', { name: placed.name })).toBeVisible();

    // Schedule: start now (the form's default), a reason; a missing reason is named first.
    await operations.getByRole('button', { name: 'Schedule maintenance' }).click();
    const form = page.getByRole('form', { name: `Schedule maintenance on ${site.name}` });
    await form.getByRole('button', { name: 'Schedule' }).click();
    await expect(form.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('must say why');
    await form.getByLabel('Reason').fill('Cooling loop replacement (e2e)');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await expect(form).toBeHidden();
    // The site is in maintenance now: its panel must still be drawn (a throw would blank the console).
    await expect(panel.getByRole('heading', { level: 2, name: site.name })).toBeVisible();
    expect(pageErrors, 'errors the console threw').toEqual([]);
    const window = operations.getByRole('listitem').filter({ hasText: 'Cooling loop replacement (e2e)' });
    await expect(window).toContainText('In maintenance now', { timeout: 15_000 });
    // Times in the site's zone and the viewer's, both named.
    await expect(window).toContainText(/From .+ [A-Z][a-z]+\/[A-Za-z_]+ .*your time/);

    // Drain: the dry run's review lists the workload with its destination, score and the capacity effect.
    await operations.getByRole('link', { name: 'Drain…' }).click();
    await expect(page).toHaveURL(/[?&]view=drain/);
    const review = page.getByRole('main', { name: `Drain ${site.name}: review` });
    await expect(review.getByRole('status')).toContainText(/workloads? on .*can move/, { timeout: 20_000 });
    const row = review.getByRole('row').filter({ hasText: placed.name });
    await expect(row).toContainText(/score \d\.\d\d \/ 1/);
    const capacity = review.getByRole('region', { name: 'Capacity effect on each destination' });
    await expect(capacity.getByRole('row').nth(1)).toContainText(/[\d,]+ → [\d,]+ \S+ free \((−[\d,]+ GPUs?|no change)\)/);
    await page.screenshot({ path: testInfo.outputPath('drain-review-1920x1080.png') });

    // Execute, confirmed: the progress follows the stream until the workload has moved.
    await review.getByRole('button', { name: 'Execute drain…' }).click();
    await review.getByRole('button', { name: 'Confirm: execute' }).click();
    await expect(page).toHaveURL(/[?&]drain=/);
    const progress = page.getByRole('main', { name: `Drain of ${site.name}` });
    const item = progress.getByRole('row').filter({ hasText: placed.name });
    await expect(item).toContainText('moved', { timeout: 30_000 });
    await page.screenshot({ path: testInfo.outputPath('drain-progress-1920x1080.png') });

    // It runs elsewhere, on a site that may take it (operational, not the one in maintenance).
    const moved = await workloadOf(request, placed.id);
    expect(moved.siteId).toBeDefined();
    expect(moved.siteId).not.toBe(siteId);
    await expect.poll(async () => (await workloadOf(request, placed.id)).state, { timeout: 20_000 }).toBe('running');
    const after = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
    expect(after.find((s) => s.id === moved.siteId)?.status).toBe('operational');
    await expect(item).toContainText(`${site.name} → ${nameOf(moved.siteId!)}`);

    // The site shows it is in maintenance.
    await console.open(`/?site=${siteId}`);
    await expect(page.getByRole('complementary', { name: site.name, exact: true }).getByLabel('Status')).toContainText('Maintenance', { timeout: 15_000 });

    // The timeline shows every step on that site: maintenance, drain, the move.
    await page.goto(`/?view=timeline&esite=${siteId}`);
    const timeline = page.getByRole('table', { name: 'Timeline events' });
    for (const kind of ['Maintenance', 'Drain', 'Migration']) await expect(timeline.getByRole('row').filter({ hasText: kind }).first()).toBeVisible({ timeout: 15_000 });
    await expect(timeline.getByRole('row').filter({ hasText: placed.name }).first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('timeline-after-drain-1920x1080.png') });

    // The tenant sees the move on its workload's page: from → to, and why.
    const tenantContext = await browser.newContext({ storageState: await sessionOf('tenant-a'), viewport: { width: 1920, height: 1080 } });
    const tenantPage = await tenantContext.newPage();
    await tenantPage.goto(`/?workload=${placed.id}`);
    const moves = tenantPage.getByRole('table', { name: 'Moves' });
    const move = moves.getByRole('row').filter({ hasText: 'Migration' }).first();
    await expect(move).toContainText(`${site.name} → ${nameOf(moved.siteId!)}`, { timeout: 15_000 });
    await expect(move).toContainText(/maintenance|drain/i);
    await tenantContext.close();
    expect(pageErrors, 'errors the console threw').toEqual([]);
  });
});
