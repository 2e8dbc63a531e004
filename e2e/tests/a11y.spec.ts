import { SiteRowListSchema } from '@corridor/shared';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test, type DemoUser } from '../fixtures.ts';
import { seriousViolations } from '../pages/axe.ts';

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

/**
 * WCAG 2.2 AA, as axe-core reads it, on every page each role can open, in each language: no serious or critical
 * violation. The pages are the console's own tabs (read from its navigation, so a new view is checked without
 * editing this file), plus what opens over them: a site's panel, a cable's panel, the wall, the sign-in page.
 */
const LANGUAGES = ['en', 'fr', 'ar'] as const;
/** Waits until the page says it is loaded: the language is set and no loading line is left. */
async function settled(page: Page, language: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', new RegExp(`^${language}`));
  await expect(page.locator('.view-loading')).toHaveCount(0);
}

async function inLanguage(page: Page, language: string) {
  await page.addInitScript((l) => window.localStorage.setItem('corridor.locale', l), language);
}

/** The pages a signed-in person can open: the console's tabs, a site's and a cable's panel, the wall. */
async function pagesOf(page: Page, request: APIRequestContext): Promise<string[]> {
  const hrefs = await page.locator('nav.view-tabs a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const sites = SiteRowListSchema.parse(await (await request.get('/api/sites')).json()).sites;
  const pages = [...hrefs, `/?site=${sites[0]!.id}`, '/?wall=1'];
  const links = (await (await request.get('/api/links')).json()) as { links?: { id: string }[] };
  if (links.links?.[0]) pages.push(`/?link=${links.links[0].id}`);
  return pages;
}

/**
 * Checks the pages of each role in turn, in one language: every page of every role, or (`once`) each page with the
 * first role that opens it. Returns the violations by role and page.
 */
async function check(browser: Browser, sessionOf: (user: DemoUser) => Promise<StorageState>, language: string, roles: DemoUser[], once: boolean) {
  const seen = new Set<string>();
  const found: Record<string, string[]> = {};
  for (const role of roles) {
    const context = await browser.newContext({ storageState: await sessionOf(role) });
    const page = await context.newPage();
    await inLanguage(page, language);
    await page.goto('/');
    await settled(page, language);
    for (const path of await pagesOf(page, context.request)) {
      if (once && seen.has(path)) continue;
      seen.add(path);
      await page.goto(path);
      await settled(page, language);
      const violations = await seriousViolations(page);
      if (violations.length) found[`${role} ${path}`] = violations;
    }
    await context.close();
  }
  return found;
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
  });
}

test.describe('accessibility of every page', () => {
  test.use({ signedInAs: null });

  // Every page any role may open, checked with the first role of this list that may open it: the operator's pages
  // carry the most controls (acting on alerts, sites and plans), the admin's add the identity and audit pages, the
  // executive's landing and the tenant's own views follow. French and Arabic: languages.spec.ts runs axe on every
  // page as it walks them for untranslated text (one walk, not two). Every page × every role × three languages was
  // tried: ~9 minutes of axe (2.5–7 s a page), which does not fit the suite's 25.
  test('every page of every role has no serious violation (en)', async ({ browser, sessionOf }) => {
    test.setTimeout(240_000);
    expect(await check(browser, sessionOf, 'en', ['operator', 'admin', 'executive', 'tenant-a'], true), 'serious or critical violations in en').toEqual({});
  });
});
