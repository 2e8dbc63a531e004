import AxeBuilder from '@axe-core/playwright';
import { SiteRowListSchema } from '@corridor/shared';
import type { Page } from '@playwright/test';
import { expect, test, type DemoUser } from '../fixtures.ts';

/**
 * WCAG 2.2 AA, as axe-core reads it, on every page each role can open, in each language: no serious or critical
 * violation. The pages are the console's own tabs (read from its navigation, so a new view is checked without
 * editing this file), plus what opens over them: a site's panel, a cable's panel, the wall, the sign-in page.
 */
const LANGUAGES = ['en', 'fr', 'ar'] as const;
const ROLES: DemoUser[] = ['operator', 'executive', 'admin', 'tenant-a'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ')}`);
}

/** Waits until the page says it is loaded: the language is set and no loading line is left. */
async function settled(page: Page, language: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', new RegExp(`^${language}`));
  await expect(page.locator('.view-loading')).toHaveCount(0);
}

async function inLanguage(page: Page, language: string) {
  await page.addInitScript((l) => window.localStorage.setItem('corridor.locale', l), language);
}

for (const language of LANGUAGES) {
  test.describe(`accessibility in ${language}`, () => {
    test.use({ signedInAs: null });

    test(`the sign-in page has no serious violation (${language})`, async ({ page }) => {
      await inLanguage(page, language);
      await page.goto('/login');
      await settled(page, language);
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      expect(await seriousViolations(page)).toEqual([]);
    });

    for (const role of ROLES) {
      test(`every page ${role} can open has no serious violation (${language})`, async ({ browser, sessionOf }) => {
        test.setTimeout(240_000);
        const context = await browser.newContext({ storageState: await sessionOf(role) });
        const page = await context.newPage();
        await inLanguage(page, language);
        await page.goto('/');
        await settled(page, language);
        const hrefs = await page.locator('nav.view-tabs a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        const sites = SiteRowListSchema.parse(await (await context.request.get('/api/sites')).json()).sites;
        const pages = [...hrefs, `/?site=${sites[0]!.id}`, '/?wall=1'];
        const links = (await (await context.request.get('/api/links')).json()) as { links?: { id: string }[] };
        if (links.links?.[0]) pages.push(`/?link=${links.links[0].id}`);
        const found: Record<string, string[]> = {};
        for (const path of pages) {
          await page.goto(path);
          await settled(page, language);
          const violations = await seriousViolations(page);
          if (violations.length) found[path] = violations;
        }
        expect(found, `serious or critical violations for ${role} in ${language}`).toEqual({});
        await context.close();
      });
    }
  });
}
