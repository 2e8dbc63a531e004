import { readFileSync, statSync } from 'node:fs';
import { CapacityLedgerSchema, WorkloadSchema } from '@corridor/shared';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

/** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

/** "1,234.5 MW" → 1234.5; "4,500 GPUs" → 4500 (English figures, as the console writes them). */
const figure = (text: string, unit: RegExp): number => Number(unit.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
const MW = /([\d,]+(?:\.\d+)?) MW/;
const GPUS = /([\d,]+) GPUs?/;

/** The cells of a country's row: installed, committed, in use, out of service, free, stranded, pipeline. */
async function countryCells(page: Page, country: string): Promise<Locator> {
  const ledger = page.getByRole('table', { name: /Capacity ledger by country/ });
  return ledger
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: new RegExp(`^${country} \\(`) }) })
    .getByRole('cell');
}

test.describe('capacity, as a new executive would read it', () => {
  test.use({ signedInAs: 'executive' });

  test('lands on Capacity, reads Morocco, sees a commit raise committed, runs N-1 on USDC Casablanca 1, exports CSV and prints a board pack', async ({ page, apiAs, request }, testInfo) => {
    test.setTimeout(150_000);
    await page.goto('/');
    await expect(page).toHaveURL(/[?&]view=capacity/);
    await expect(page.getByRole('heading', { name: 'Capacity', level: 2 })).toBeVisible();

    // Morocco's installed and free MW, as the API's ledger has them.
    const api = CapacityLedgerSchema.parse(await (await request.get('/api/capacity/ledger?groupBy=country')).json());
    const ma = api.rows.find((r) => r.key === 'MA')!;
    const cells = await countryCells(page, 'Morocco');
    await expect(cells.nth(0)).toContainText(' MW');
    const installedMw = figure((await cells.nth(0).textContent())!, MW);
    const freeMw = figure((await cells.nth(4).textContent())!, MW);
    expect(installedMw).toBeCloseTo(ma.mw.installed, 1);
    expect(freeMw).toBeGreaterThanOrEqual(0);
    expect(freeMw).toBeLessThanOrEqual(installedMw);
    await page.screenshot({ path: testInfo.outputPath('capacity-en.png'), fullPage: true });

    // An operator commits a workload near Casablanca in another context: Morocco's committed GPUs rise on screen.
    const committedBefore = figure((await cells.nth(1).textContent())!, GPUS);
    const operator = await apiAs('operator');
    const committed = await operator.post('/api/workloads', {
      headers: { 'X-CSRF': '1' },
      data: {
        name: `Capacity e2e ${Date.now()}`,
        tenant: 'chu-casablanca',
        kind: 'inference',
        sector: 'commercial',
        dataClass: 'public',
        dataOrigin: 'MA',
        gpus: { count: 8 },
        latency: { from: 'Casablanca', maxRttMs: 5 },
      },
    });
    expect(committed.status(), await committed.text()).toBe(201);
    const workload = WorkloadSchema.parse(await committed.json());
    await expect.poll(async () => figure((await cells.nth(1).textContent())!, GPUS), { timeout: 20_000 }).toBeGreaterThanOrEqual(committedBefore + workload.gpuCount);

    // N-1 on USDC Casablanca 1: which workloads go where, which are stranded and why, the headroom left.
    await page.getByLabel('Site lost').selectOption('usdc-casablanca-1');
    await expect(page).toHaveURL(/[?&]n1=usdc-casablanca-1/);
    await expect(page.getByText(/^Losing USDC Casablanca 1: /)).toBeVisible();
    await expect(page.getByRole('table', { name: /Lawful and free capacity per class before and after losing USDC Casablanca 1/ })).toBeVisible();

    // CSV of the ledger: a file whose figures are the table's.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV: ledger by country' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...records] = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const column = (name: string) => header!.indexOf(name);
    const maLine = records.find((r) => r[column('key')] === 'MA' && r[column('gpu_model')] === 'all')!;
    expect(Number(maLine[column('installed_mw_it')])).toBeCloseTo(installedMw, 1);
    const installedGpus = figure((await cells.nth(0).textContent())!, GPUS);
    expect(Number(maLine[column('installed_gpus')])).toBe(installedGpus);
    expect(Number(maLine[column('pipeline_mw_it')])).toBeCloseTo(figure((await cells.nth(6).textContent())!, MW), 1);

    // Print to PDF: A4 landscape, light, the as-of time and policy on the page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Console' })).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('capacity-print.png'), fullPage: true });
    const pdfPath = testInfo.outputPath('capacity-board-pack.pdf');
    await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
    expect(readFileSync(pdfPath, 'latin1')).toMatch(/\/MediaBox \[0 0 84[12](\.\d+)? 59[45](\.\d+)?\]/);
    await page.emulateMedia({ media: 'screen' });
  });

  for (const [locale, heading, dir] of [
    ['fr', 'Capacité', 'ltr'],
    ['ar', 'السعة', 'rtl'],
  ] as const) {
    test(`reads in ${locale}`, async ({ page }, testInfo) => {
      await page.addInitScript((l) => window.localStorage.setItem('corridor.locale', l), locale);
      await page.goto('/?view=capacity');
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
      await expect(page.locator('.capacity-ledger tbody tr').first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`capacity-${locale}.png`), fullPage: true });
    });
  }
});
