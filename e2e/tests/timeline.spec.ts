import { readFileSync } from 'node:fs';
import { SiteRowListSchema, WorkloadSchema, type Workload } from '@corridor/shared';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

async function commitWorkload(request: APIRequestContext, name: string): Promise<Workload> {
  const response = await request.post('/api/workloads', {
    headers: { 'X-CSRF': '1' },
    data: { name, tenant: 'chu-casablanca', kind: 'inference', sector: 'commercial', dataClass: 'public', dataOrigin: 'FR', gpus: { count: 1 } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return WorkloadSchema.parse(await response.json());
}

/** The records of a CSV text as arrays of cells (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test.describe('the timeline', () => {
  test('filters by kind and site in the URL, survive a reload, show new events live, and export the filtered rows as CSV', async ({ page, request }, testInfo) => {
    const first = await commitWorkload(request, `Timeline first ${testInfo.workerIndex}-${Date.now()}`);
    const sites = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
    const site = sites.find((s) => s.id === first.siteId)!;

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Timeline' }).click();
    const main = page.getByRole('main', { name: 'Timeline' });
    const filters = main.getByRole('form', { name: 'Timeline filters' });
    const table = main.getByRole('table', { name: 'Timeline events' });
    const rows = table.locator('tbody tr');
    await filters.getByLabel('Kind').selectOption('commit');
    await expect(page).toHaveURL(/[?&]kind=commit(&|$)/);
    await expect(rows.filter({ hasText: first.name })).toHaveCount(1);

    // A commit made now arrives from the stream on top, with no reload.
    const second = await commitWorkload(request, `Timeline second ${testInfo.workerIndex}-${Date.now()}`);
    await expect(rows.first()).toContainText(second.name, { timeout: 15_000 });

    await filters.getByLabel('Site').selectOption(site.id);
    await expect(page).toHaveURL(new RegExp(`[?&]esite=${site.id}(&|$)`));
    await expect(rows.filter({ hasText: first.name })).toHaveCount(1);

    // A deep link: the reload keeps the filters and what they select.
    await page.reload();
    await expect(filters.getByLabel('Kind')).toHaveValue('commit');
    await expect(filters.getByLabel('Site')).toHaveValue(site.id);
    await expect(rows.filter({ hasText: first.name })).toHaveCount(1);
    for (const text of await rows.allTextContents()) expect(text).toContain('Commit');
    await page.screenshot({ path: testInfo.outputPath('timeline-1920x1080.png') });

    // The CSV holds the filtered rows: every record a commit on the site, ours among them.
    const downloading = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`corridor-timeline-commit-${site.id}.csv`);
    const records = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const [header, ...body] = records;
    expect(header).toContain('kind');
    const kind = header!.indexOf('kind');
    const siteColumn = header!.indexOf('site');
    expect(body.length).toBeGreaterThan(0);
    for (const record of body) {
      expect(record[kind]).toBe('commit');
      expect(record[siteColumn]).toBe(site.id);
    }
    expect(body.some((record) => record.join(',').includes(first.id))).toBe(true);
    await expect(main.getByRole('status').filter({ hasText: /exported/ })).toContainText(`${body.length} ${body.length === 1 ? 'event' : 'events'} exported`);
  });
});
