/*
 * The console's languages. Each has the tag its numbers and dates are formatted with, and a direction:
 * Arabic is Morocco's (`ar-MA`), which writes Latin digits as Moroccan usage does, and reads right to left.
 */
import { LOCALES, type Locale } from '@corridor/shared';

export { LOCALES, type Locale };

export interface LocaleInfo {
  /** BCP 47 tag for `Intl` (numbers, dates, plurals). */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  /** The language's name in itself, for the language menu. */
  readonly name: string;
}

export const LOCALE_INFO: Readonly<Record<Locale, LocaleInfo>> = {
  en: { tag: 'en-GB', dir: 'ltr', name: 'English' },
  fr: { tag: 'fr-FR', dir: 'ltr', name: 'Français' },
  ar: { tag: 'ar-MA', dir: 'rtl', name: 'العربية' },
};

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of the browser's languages the console speaks (by primary subtag: fr-CA → fr), else English. */
export function pickLocale(preferred: readonly string[] | undefined): Locale {
  for (const tag of preferred ?? []) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

const STORAGE_KEY = 'corridor.locale';

/** The language last chosen in this browser (before sign-in, the login page's menu), else undefined. */
export function storedLocale(): Locale | undefined {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or a full storage: the choice then lasts for this page only.
  }
}

/** The language to start in: the user's saved choice, else this browser's, else the browser's languages. */
export function initialLocale(saved?: string | null): Locale {
  if (isLocale(saved)) return saved;
  return storedLocale() ?? pickLocale(typeof navigator === 'undefined' ? undefined : navigator.languages);
}
