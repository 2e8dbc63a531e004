import { WorkloadSchema, type Workload } from '@corridor/shared';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

/** Commits a small workload any site may take, through the API as the signed-in user of `request`. */
async function commitWorkload(request: APIRequestContext, tenant: string, name: string): Promise<Workload> {
  const response = await request.post('/api/workloads', {
    headers: { 'X-CSRF': '1' },
    data: { name, tenant, kind: 'inference', sector: 'commercial', dataClass: 'public', dataOrigin: 'FR', gpus: { count: 1 } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return WorkloadSchema.parse(await response.json());
}

const unique = (label: string) => `${label} ${test.info().workerIndex}-${Date.now()}`;

test.describe('an executive', () => {
  test.use({ signedInAs: 'executive' });

  test('reads the network and the workloads, and is offered no placing and no release', async ({ page, apiAs }) => {
    const workload = await commitWorkload(await apiAs('operator'), 'chu-casablanca', unique('Executive read'));

    await page.goto('/');
    await expect(page.getByRole('button', { name: /^Demo executive/ })).toContainText('Executive');
    const tabs = page.getByRole('navigation', { name: 'Console' });
    await expect(tabs.getByRole('link', { name: 'Workloads' })).toBeVisible();
    await expect(tabs.getByRole('link', { name: 'Place a workload' })).toHaveCount(0);

    await tabs.getByRole('link', { name: 'Workloads' }).click();
    const list = page.getByRole('main', { name: 'Workloads' });
    await expect(list.getByRole('link', { name: 'Place a workload' })).toHaveCount(0);
    await list.getByRole('link', { name: workload.name }).click();
    const detail = page.getByRole('main', { name: workload.name });
    await expect(detail.getByRole('table', { name: /Audit trail/ })).toContainText('Committed');
    await expect(detail.getByRole('button', { name: 'Release' })).toHaveCount(0);

    // A link to placing says why it is not for this role, and offers no Commit.
    await page.goto('/?view=place');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Placing workloads is for operators, admins and tenants.');
    await expect(page.getByRole('button', { name: 'Commit' })).toHaveCount(0);
  });
});

test.describe('a tenant user', () => {
  test.use({ signedInAs: 'tenant-a' });

  test('sees only its own tenant’s workloads, places for its own tenant only, and releases its own', async ({ page, apiAs }) => {
    const theirs = await commitWorkload(await apiAs('tenant-b'), 'tenant-b', unique('Tenant B secret'));
    const ours = await commitWorkload(page.request, 'tenant-a', unique('Tenant A model'));

    await page.goto('/?view=workloads');
    await expect(page.getByRole('button', { name: /^Tenant A \(demo\)/ })).toContainText('Tenant · tenant-a');
    const list = page.getByRole('main', { name: 'Workloads' });
    await expect(list.getByRole('link', { name: ours.name })).toBeVisible();
    await expect(list).not.toContainText(theirs.name);
    await expect(list.getByLabel('Tenant')).toHaveCount(0);
    // Every row is tenant A's (the first data cell of a row is its tenant).
    expect(new Set(await list.locator('tbody tr > td:first-of-type').allTextContents())).toEqual(new Set(['tenant-a']));

    // Neither a tenant in the URL nor B's id opens B's workloads.
    await page.goto('/?view=workloads&tenant=tenant-b');
    await expect(list.getByRole('link', { name: ours.name })).toBeVisible();
    await expect(list).not.toContainText(theirs.name);
    await page.goto(`/?workload=${theirs.id}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Workload not available' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(theirs.name);

    // Placing: the tenant is its own, and cannot be changed.
    await page.goto('/?view=place');
    const tenant = page.getByRole('form', { name: 'Place a workload' }).getByLabel('Tenant');
    await expect(tenant).toHaveValue('tenant-a');
    await expect(tenant).not.toBeEditable();

    // Its own workload it may release.
    await page.goto(`/?workload=${ours.id}`);
    await expect(page.getByRole('main', { name: ours.name }).getByRole('button', { name: 'Release' })).toBeVisible();
  });
});
