import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures.ts';

/** Two workloads the fleet can take and one it cannot (more H100 than any site has). */
const BATCH = [
  'ref,name,tenant,kind,sector,dataClass,dataOrigin,gpus,model,powerKw,latencyFrom,maxRttMs,conditions',
  'e2e-1,Fraud scoring,bank-of-rabat,inference,finance,personal,MA,8,H100,,Casablanca,30,',
  'e2e-2,Open model eval,research-lab,batch,research,public,FR,16,,,,,',
  'e2e-3,Impossible training,research-lab,training,research,public,FR,99999,H100,,,,',
].join('\n');

test.describe('the batch what-if', () => {
  test('an operator pastes a CSV, reads the result in the table and on the map, filters the unplaced, and exports it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'What-if' }).click();
    await expect(page).toHaveURL(/[?&]view=batch/);
    await expect(page.getByText(/Nothing planned yet/)).toBeVisible();

    // The template downloads as a file: the header and two example rows.
    const template = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download a template' }).click();
    const templateLines = readFileSync((await (await template).path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(templateLines[0]).toBe('ref,name,tenant,kind,sector,dataClass,dataOrigin,gpus,model,powerKw,latencyFrom,maxRttMs,conditions');
    expect(templateLines).toHaveLength(3);

    // A bad row is named in words, focus goes to it, and nothing is planned.
    const input = page.getByLabel(/Workloads \(CSV/);
    await input.fill(`${BATCH}\ne2e-4,Broken,research-lab,batch,research,public,FR,two,,,,,`);
    await page.getByRole('button', { name: 'Run' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'Row 5: gpus must be a whole number of at least 1.' });
    await expect(problems).toBeFocused();

    await input.fill(BATCH);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByText(/^Placed 2 of 3 · 24 GPUs · /)).toBeVisible();
    const table = page.getByRole('table', { name: /Every workload of the batch/ });
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByRole('row', { name: /e2e-1/ })).toContainText('8 × H100');
    await expect(table.getByRole('row', { name: /e2e-3/ })).toContainText('Not placed');
    await expect(page.getByRole('table', { name: /What would be left per jurisdiction/ })).toContainText('→');
    // The sites that would receive a workload are numbered on the map.
    await expect(page.locator('.network-map')).not.toHaveAttribute('data-ranked-count', '0');

    await page.getByRole('checkbox', { name: /Show unplaced only/ }).check();
    await expect(table.getByRole('row')).toHaveCount(2);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('corridor-what-if.csv');
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(4);
    await expect(page.getByText('3 workloads exported.')).toBeVisible();
  });
});

test.describe('a tenant user', () => {
  test.use({ signedInAs: 'tenant-a' });

  test('plans a batch without a tenant column: its own tenant is filled in', async ({ page }) => {
    await page.goto('/?view=batch');
    await page.getByLabel(/Workloads \(CSV/).fill(['name,kind,sector,dataClass,dataOrigin,gpus', 'Own inference,inference,commercial,public,FR,1'].join('\n'));
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByText(/^Placed 1 of 1 · 1 GPU/)).toBeVisible();
  });
});

test.describe('an executive', () => {
  test.use({ signedInAs: 'executive' });

  test('is offered no What-if', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'What-if' })).toHaveCount(0);
    await page.goto('/?view=batch');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
  });
});
