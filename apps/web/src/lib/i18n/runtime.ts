/*
 * The language in force and its catalogue. Catalogues load lazily, one chunk per language (only the chosen
 * one is fetched); `activateLocale` loads one and makes it current. Plain functions (the number formatters,
 * models that build labels) read the current language from here; components read it with `useT`, which
 * follows the provider so a change of language renders again.
 */
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import type { ReactNode } from 'react';
import { LOCALE_INFO, type Locale } from './locales.ts';
import type { MessageKey } from './message-keys.ts';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export interface ActiveLocale {
  readonly locale: Locale;
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  readonly intl: IntlShape;
}

type Catalogue = Record<string, string>;

const loaders: Record<Locale, () => Promise<{ default: Record<string, Catalogue> }>> = {
  en: () => import('./messages/en/index.ts'),
  fr: () => import('./messages/fr/index.ts'),
  ar: () => import('./messages/ar/index.ts'),
};

/** A language's messages, flat: `{ "alerts.ack.title": "…" }` from `alerts.json`'s `{ "ack.title": "…" }`. */
export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const files = (await loaders[locale]()).default;
  const messages: Catalogue = {};
  for (const [path, entries] of Object.entries(files)) {
    const namespace = /([^/]+)\.json$/.exec(path)?.[1];
    if (!namespace) continue;
    for (const [key, message] of Object.entries(entries)) messages[`${namespace}.${key}`] = message;
  }
  return messages;
}

const cache = createIntlCache();
let current: ActiveLocale | undefined;
const loaded = new Map<Locale, Promise<ActiveLocale>>();

/** Loads a language (once) and makes it current. */
export function activateLocale(locale: Locale): Promise<ActiveLocale> {
  let pending = loaded.get(locale);
  if (!pending) {
    pending = loadCatalogue(locale).then((messages) => {
      const info = LOCALE_INFO[locale];
      const intl = createIntl(
        {
          locale: info.tag,
          messages,
          defaultLocale: 'en-GB',
          onError: (error) => {
            // A missing message shows its key; the catalogue test keeps that from ever reaching a user.
            if (import.meta.env?.DEV || import.meta.env?.MODE === 'test') console.error(error.message);
          },
        },
        cache,
      );
      return { locale, tag: info.tag, dir: info.dir, intl };
    });
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending.then((active) => {
    current = active;
    return active;
  });
}

/** The language in force (English shapes until a catalogue is active, which the app waits for). */
export function currentLocale(): ActiveLocale | undefined {
  return current;
}

/** The tag numbers and dates are formatted with now. */
export const formatTag = (): string => current?.tag ?? 'en-GB';

/** A message of the current language as text, for code outside components (models, formatters). */
export function translate(key: MessageKey, values?: MessageValues): string {
  if (!current) return key;
  return current.intl.formatMessage({ id: key }, values);
}
