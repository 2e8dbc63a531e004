import { CapacitySchema, SiteRowListSchema, type SiteRow } from '@corridor/shared';
import type { APIRequestContext, Locator } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A table row that names a site (site names never end another site's name). */
const siteRow = (group: Locator, site: SiteRow) => group.getByRole('row', { name: new RegExp(`(^|\\s)${escape(site.name)}\\s`) });
const gpus = (n: number) => `${n.toLocaleString('en-US')} GPUs`;

async function freeH100(request: APIRequestContext, siteId: string): Promise<number> {
  const capacity = CapacitySchema.parse(await (await request.get('/api/capacity')).json());
  return capacity.sites.find((s) => s.siteId === siteId)?.gpus.find((g) => g.model === 'H100')?.free ?? 0;
}

test.describe('sovereign placement', () => {
  let sites: SiteRow[];

  test.beforeEach(async ({ request }) => {
    sites = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
  });

  test('Moroccan healthcare data, 64 H100 within 20 ms of Casablanca: offered only Moroccan sites, placed, listed, and released', async ({ page, request }, testInfo) => {
    const name = `Radiology triage ${testInfo.workerIndex}-${Date.now()}`;
    const console = new ConsolePage(page);
    await console.open();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Place a workload' }).click();
    await expect(page).toHaveURL(/[?&]view=place/);

    const form = page.getByRole('form', { name: 'Place a workload' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Tenant').fill('chu-casablanca');
    await form.getByLabel('Kind').selectOption('inference');
    await form.getByLabel('Sector').selectOption('healthcare');
    await form.getByLabel('Data class').selectOption('personal');
    await form.getByLabel('Data origin').selectOption('MA');
    await form.getByLabel('GPU count').fill('64');
    await form.getByLabel('GPU model').selectOption('H100');
    await form.getByLabel('From (city)').fill('Casablanca');
    await form.getByLabel('Max RTT (ms)').fill('20');

    // The plan follows the form: the rule that matched, with its caveat, and every site of the fleet.
    const plan = page.getByRole('region', { name: 'Plan', exact: true });
    await expect(plan).toContainText('Moroccan personal data stays in Morocco');
    await expect(plan).toContainText('Illustrative, not legal advice.');
    await expect(plan).toContainText(/Policy [0-9a-f]{6,}/);
    const candidates = plan.getByRole('rowgroup', { name: 'Candidates' });
    const rejected = plan.getByRole('rowgroup', { name: 'Rejected' });
    const moroccan = sites.filter((s) => s.country === 'MA');
    const offered: SiteRow[] = [];
    for (const site of moroccan) if ((await siteRow(candidates, site).count()) > 0) offered.push(site);
    expect(offered.length).toBeGreaterThan(0);
    for (const site of sites.filter((s) => s.country !== 'MA')) await expect(siteRow(candidates, site)).toHaveCount(0);
    for (const site of sites.filter((s) => s.country === 'ES' || s.country === 'US')) {
      await expect(siteRow(rejected, site)).toContainText('JURISDICTION_NOT_ALLOWED');
    }
    // Each candidate shows its score parts in their units.
    await expect(candidates.getByRole('row').filter({ hasText: /ms.*gCO₂\/kWh.*\$[\d.]+\/kWh.*H100/ })).toHaveCount(offered.length);

    // The map numbers the candidates (1 is white) and greys every rejected site; hovering one says why.
    await expect(console.map).toHaveAttribute('data-ranked-count', String(offered.length));
    await expect(console.map).toHaveAttribute('data-greyed-count', String(sites.length - offered.length));
    // Rows follow the ranks: the first candidate row (after the group's heading row) is rank 1.
    const firstRow = await candidates.getByRole('row').nth(1).textContent();
    const first = offered.find((s) => firstRow?.includes(s.name))!;
    await expect.poll(() => console.rankBadgeAt(first.lat, first.lon)).toBe('first');
    await page.screenshot({ path: testInfo.outputPath('place-a-workload.png') });
    const madrid = sites.find((s) => s.country === 'ES' && s.status === 'operational')!;
    await console.centreOn(madrid.lat, madrid.lon, 7);
    await expect.poll(() => console.isGreyedAt(madrid.lat, madrid.lon)).toBe(true);
    await console.hoverMarker(madrid.lat, madrid.lon);
    await expect(page.getByRole('tooltip')).toContainText('JURISDICTION_NOT_ALLOWED');

    // Commit: the workload is placed on a Moroccan site, whose free H100 drop by 64.
    const freeBefore = new Map(await Promise.all(offered.map(async (s) => [s.id, await freeH100(request, s.id)] as const)));
    await form.getByRole('button', { name: 'Commit' }).click();
    await expect(page).toHaveURL(/[?&]workload=/);
    const workload = page.getByRole('main', { name });
    await expect(workload.getByRole('heading', { level: 2, name })).toBeFocused();
    const state = workload.getByRole('status', { name: 'State' });
    await expect(state).toHaveText(/^(Placed|Running)$/);
    const placedName = (await workload.locator('dt:text-is("Site") + dd').textContent())!.trim();
    const placed = sites.find((s) => s.name === placedName)!;
    expect(placed.country).toBe('MA');
    expect(freeBefore.has(placed.id)).toBe(true);
    const capacity = workload.getByRole('region', { name: 'Capacity now' });
    const h100 = capacity.getByRole('row', { name: /^H100/ }).getByRole('cell').last();
    await expect(h100).toHaveText(gpus(freeBefore.get(placed.id)! - 64));
    await expect(workload.getByRole('rowgroup', { name: 'Candidates' }).getByRole('row', { name: /placed here/ })).toContainText(placed.name);
    await expect(workload.getByRole('table', { name: /Audit trail/ })).toContainText('Committed');
    await page.screenshot({ path: testInfo.outputPath('workload-page.png') });

    // The list shows it, and its filters live in the URL.
    await workload.getByRole('link', { name: '← Workloads' }).click();
    const list = page.getByRole('main', { name: 'Workloads' });
    const row = list.getByRole('row', { name: new RegExp(escape(name)) });
    await expect(row).toContainText(placed.name);
    await expect(row).toContainText(/Placed|Running/);
    await list.getByLabel('Sector').selectOption('healthcare');
    await expect(page).toHaveURL(/[?&]sector=healthcare/);
    await expect(row).toBeVisible();
    await list.getByLabel('Sector').selectOption('finance');
    await expect(list).toContainText('No workload matches these filters.');
    await page.goBack();
    await expect(row).toBeVisible();

    // Release, confirmed: the state says released and the GPUs are free again.
    await row.getByRole('link', { name }).click();
    await workload.getByRole('button', { name: 'Release' }).click();
    const confirm = page.getByRole('dialog', { name: `Release ${name}?` });
    await expect(confirm).toContainText(`64 H100 and`);
    await confirm.getByRole('button', { name: 'Release' }).click();
    await expect(confirm).toBeHidden();
    await expect(state).toHaveText('Released');
    await expect(h100).toHaveText(gpus(freeBefore.get(placed.id)!));
    await expect(workload.getByRole('button', { name: 'Release' })).toHaveCount(0);
    await expect(workload.getByRole('table', { name: /Audit trail/ })).toContainText('Released');
  });

  test('the form names each field that is missing or wrong, and plans only a complete request', async ({ page }) => {
    await new ConsolePage(page).open('/?view=place');
    const form = page.getByRole('form', { name: 'Place a workload' });
    await expect(page.getByRole('region', { name: 'Plan', exact: true })).toContainText('the plan appears here as you type');
    await form.getByRole('button', { name: 'Commit' }).click();
    await expect(form.getByLabel('Name')).toBeFocused();
    await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Name')).toHaveAccessibleDescription('Required');
    await expect(form.getByLabel('Data origin')).toHaveAccessibleDescription('Required');
    await form.getByLabel('GPU count').fill('0');
    await expect(form.getByLabel('GPU count')).toHaveAccessibleDescription('At least 1');
    await form.getByLabel('From (city)').fill('Casablanca');
    await expect(form.getByLabel('Max RTT (ms)')).toHaveAccessibleDescription('Required');
    await expect(page).toHaveURL(/[?&]view=place/);
  });
});
