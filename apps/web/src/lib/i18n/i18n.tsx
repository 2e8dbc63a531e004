/*
 * The language in React: `I18nProvider` loads the chosen catalogue before it renders anything, sets the
 * page's `lang` and `dir`, and renders its children again (from scratch) when the language changes.
 * `useT()` gives components `t(key, values)` for text and `t.rich(key, values)` for messages with markup.
 */
import { createContext, createElement, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { RawIntlProvider } from 'react-intl';
import { LOCALE_INFO, storeLocale, type Locale } from './locales.ts';
import type { MessageKey } from './message-keys.ts';
import { activateLocale, currentLocale, type ActiveLocale, type MessageValues, type RichValues } from './runtime.ts';

interface I18nState {
  active: ActiveLocale;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18nState | null>(null);

export interface Translate {
  (key: MessageKey, values?: MessageValues): string;
  /** A message with markup (`<b>{name}</b>`), each tag a function of its chunks. */
  rich: (key: MessageKey, values: RichValues) => ReactNode;
  readonly locale: Locale;
  /** The `Intl` tag: for `toLocaleString`, `Intl.*` and charts. */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
}

function translator(active: ActiveLocale): Translate {
  const t = ((key: MessageKey, values?: MessageValues) => active.intl.formatMessage({ id: key }, values)) as Translate;
  return Object.assign(t, {
    rich: (key: MessageKey, values: RichValues) => {
      // Parts come back as an array: spread as a fragment's children, so React asks for no keys.
      const parts = active.intl.formatMessage({ id: key }, values as Record<string, never>) as ReactNode;
      return Array.isArray(parts) ? createElement(Fragment, null, ...(parts as ReactNode[])) : parts;
    },
    locale: active.locale,
    tag: active.tag,
    dir: active.dir,
  });
}

function applyToDocument(active: ActiveLocale) {
  document.documentElement.lang = active.tag;
  document.documentElement.dir = active.dir;
}

/** Said when no catalogue could be loaded, so it cannot come from one: in every language the console speaks. */
const LOAD_FAILED: readonly { locale: Locale; text: string }[] = [
  { locale: 'en', text: 'The console could not load its texts. Reload the page.' },
  { locale: 'fr', text: 'La console n’a pas pu charger ses textes. Rechargez la page.' },
  { locale: 'ar', text: 'تعذر على وحدة التحكم تحميل نصوصها. أعد تحميل الصفحة.' },
];

interface I18nProviderProps {
  initial: Locale;
  /** Called after the user chose a language (the console saves it for the user). */
  onChange?: (locale: Locale) => void;
  children: ReactNode;
  /** Shown while the first catalogue loads (a few kB from the same origin). */
  fallback?: ReactNode;
}

export function I18nProvider({ initial, onChange, children, fallback = null }: I18nProviderProps) {
  const ready = currentLocale();
  const [active, setActive] = useState<ActiveLocale | undefined>(ready?.locale === initial ? ready : undefined);
  const [failed, setFailed] = useState<Error>();

  const load = useCallback((locale: Locale) => {
    activateLocale(locale).then(
      (next) => {
        setFailed(undefined);
        setActive(next);
      },
      (error: unknown) => setFailed(error instanceof Error ? error : new Error(String(error))),
    );
  }, []);

  useEffect(() => {
    if (!active) load(initial);
  }, [active, initial, load]);

  useEffect(() => {
    if (active) applyToDocument(active);
  }, [active]);

  const setLocale = useCallback(
    (locale: Locale) => {
      storeLocale(locale);
      load(locale);
      onChange?.(locale);
    },
    [load, onChange],
  );

  const value = useMemo(() => (active ? { active, setLocale } : null), [active, setLocale]);
  if (failed && !active) {
    // No catalogue could be loaded (the server went away mid-start): say so in every language we have.
    return (
      <div role="alert" className="view-loading">
        {LOAD_FAILED.map(({ locale, text }) => (
          <p key={locale} lang={LOCALE_INFO[locale].tag} dir={LOCALE_INFO[locale].dir}>
            {text}
          </p>
        ))}
      </div>
    );
  }
  if (!value) return fallback;
  return (
    <I18nContext.Provider value={value}>
      <RawIntlProvider value={value.active.intl}>
        <LocaleRoot key={value.active.locale}>{children}</LocaleRoot>
      </RawIntlProvider>
    </I18nContext.Provider>
  );
}

/** Keyed by the language, so a change renders everything afresh (formatters outside React included). */
function LocaleRoot({ children }: { children: ReactNode }) {
  return children;
}

function useActive(): ActiveLocale {
  const state = useContext(I18nContext);
  const active = state?.active ?? currentLocale();
  if (!active) throw new Error('useT outside I18nProvider, and no language is active');
  return active;
}

export function useT(): Translate {
  const active = useActive();
  return useMemo(() => translator(active), [active]);
}

/** The language in force and a way to change it (the language menus). */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const state = useContext(I18nContext);
  const active = useActive();
  return { locale: active.locale, setLocale: state?.setLocale ?? (() => undefined) };
}
