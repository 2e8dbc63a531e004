import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, DEMO_PASSWORD } from '../fixtures.ts';
import { seriousViolations } from '../pages/axe.ts';

/**
 * The console in French and Arabic, as a user in Rabat, Paris or Dakar meets it: the language menu on the sign-in
 * page, the page turned right to left in Arabic, the choice kept for the user (another browser opens in it), and
 * every page free of English the catalogues translate. Screenshots of every page in both languages are kept in the
 * test's output folder, to be looked at.
 */
const MESSAGES = join(import.meta.dirname, '../../apps/web/src/lib/i18n/messages');

/** Every message of a language, flat (`namespace.key` → text). */
function catalogue(locale: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const file of readdirSync(join(MESSAGES, locale)).filter((f) => f.endsWith('.json'))) {
    const entries = JSON.parse(readFileSync(join(MESSAGES, locale, file), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(entries)) messages.set(`${file.replace(/\.json$/, '')}.${key}`, text);
  }
  return messages;
}

/**
 * English sentences of the catalogue that the language translates differently: plain texts (no argument, no markup)
 * of at least two words. Seeing one on a French or Arabic page means a text escaped its translation.
 */
function englishOnly(locale: string): Set<string> {
  const english = catalogue('en');
  const translated = catalogue(locale);
  const found = new Set<string>();
  for (const [key, text] of english) {
    if (/[{<]/.test(text) || !/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text)) continue;
    if (translated.get(key) !== text) found.add(text.trim());
  }
  return found;
}

/** The visible text nodes of the page outside anything marked as English (server text: rule titles, summaries). */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || !parent.checkVisibility()) continue;
      if (parent.closest('[lang]')?.getAttribute('lang')?.startsWith('en')) continue;
      texts.push(text);
    }
    return texts;
  });
}

async function settled(page: Page, tag: RegExp) {
  await expect(page.locator('html')).toHaveAttribute('lang', tag);
  await expect(page.locator('.view-loading')).toHaveCount(0);
}

test.describe('languages', () => {
  test.use({ signedInAs: null });

  test('the sign-in page speaks French and Arabic, Arabic right to left, and a user’s choice follows them to another browser', async ({ page, browser, baseURL, apiAs }, testInfo) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await page.getByLabel('Language').selectOption('fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
    await expect(page.locator('html')).toHaveAttribute('lang', /^fr/);
    await page.getByLabel('Langue').selectOption('ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.screenshot({ path: testInfo.outputPath('ar-login.png') });

    // Signing in in Arabic keeps the console in Arabic, mirrored.
    await page.getByLabel('اسم المستخدم').fill('executive');
    await page.getByLabel('كلمة المرور').fill(DEMO_PASSWORD);
    await page.getByLabel('كلمة المرور').press('Enter');
    await expect(page).not.toHaveURL(/\/login/);
    await settled(page, /^ar/);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    // Choosing French in the account menu saves it for the user: a new browser (no local choice) opens in French.
    await page.locator('.user-menu-button').click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/session/preferences') && r.request().method() === 'PUT');
    await page.locator('.user-menu-panel').getByLabel('اللغة').selectOption('fr');
    expect((await saved).ok()).toBe(true);
    await settled(page, /^fr/);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

    const other = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    try {
      const fresh = await other.newPage();
      await fresh.goto('/login');
      await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('Sign in');
      await fresh.getByLabel('User name').fill('executive');
      await fresh.getByLabel('Password').fill(DEMO_PASSWORD);
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      await settled(fresh, /^fr/);
      await expect(fresh.getByRole('navigation', { name: 'Console' }).or(fresh.locator('nav.view-tabs'))).toContainText('Carte du réseau');
    } finally {
      await other.close();
      // The executive is the other tests' too: back to English.
      const executive = await apiAs('executive');
      const reset = await executive.put('/api/session/preferences', { data: { locale: 'en' }, headers: { 'X-CSRF': '1' } });
      expect(reset.ok()).toBe(true);
    }
  });

  for (const locale of ['fr', 'ar'] as const) {
    test(`every page of the operator and the admin reads in ${locale}, with no English the catalogue translates and no serious axe violation`, async ({ browser, sessionOf }, testInfo) => {
      test.setTimeout(240_000);
      const untranslated = englishOnly(locale);
      const leftovers: Record<string, string[]> = {};
      const violations: Record<string, string[]> = {};
      const seen = new Set<string>();
      for (const role of ['operator', 'admin'] as const) {
        const context = await browser.newContext({ storageState: await sessionOf(role) });
        const page = await context.newPage();
        await page.addInitScript((l) => window.localStorage.setItem('corridor.locale', l), locale);
        await page.goto('/');
        await settled(page, new RegExp(`^${locale}`));
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        const hrefs = await page.locator('nav.view-tabs a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '/'));
        for (const [i, path] of [...hrefs, '/?wall=1'].entries()) {
          // Each page once: the admin adds the pages the operator has not (users, tokens).
          if (seen.has(path)) continue;
          seen.add(path);
          await page.goto(path);
          await settled(page, new RegExp(`^${locale}`));
          // Live views fill in over a second or two: wait for the figures before reading and shooting.
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
          const english = (await visibleTexts(page)).filter((text) => untranslated.has(text));
          if (english.length) leftovers[`${role} ${path}`] = [...new Set(english)];
          // WCAG 2.2 AA in this language too (a11y.spec.ts does English): longer words, the other direction.
          const found = await seriousViolations(page);
          if (found.length) violations[`${role} ${path}`] = found;
          await page.screenshot({ path: testInfo.outputPath(`${locale}-${role}-${i}-${new URL(path, 'http://x').searchParams.get('view') ?? (path.includes('wall') ? 'wall' : 'map')}.png`) });
        }
        await context.close();
      }
      expect(leftovers, `English texts on ${locale} pages`).toEqual({});
      expect(violations, `serious or critical axe violations on ${locale} pages`).toEqual({});
    });
  }
});
