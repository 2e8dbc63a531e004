import { useId, type ChangeEvent } from 'react';
import { useLocale, useT } from '../lib/i18n/i18n.tsx';
import { isLocale, LOCALE_INFO, LOCALES, type Locale } from '../lib/i18n/locales.ts';

interface LanguageMenuProps {
  /** The person chose a language (called before the switch): the signed-in console saves it for the user. */
  onChosen?: (locale: Locale) => void;
  className?: string;
}

/**
 * The console's languages as a native select (the keyboard and screen readers know it): each language
 * named in itself and marked with its own `lang`, so "العربية" is read as Arabic whatever the page's
 * language. Choosing switches at once (the catalogue loads on first use) and is remembered in this browser.
 */
export function LanguageMenu({ onChosen, className }: LanguageMenuProps) {
  const t = useT();
  const id = useId();
  const { locale, setLocale } = useLocale();
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!isLocale(next) || next === locale) return;
    onChosen?.(next);
    setLocale(next);
  };
  return (
    <div className={className ? `language-menu ${className}` : 'language-menu'}>
      <label htmlFor={id}>{t('common.language.label')}</label>
      <select id={id} value={locale} onChange={choose}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={LOCALE_INFO[l].tag} dir={LOCALE_INFO[l].dir}>
            {LOCALE_INFO[l].name}
          </option>
        ))}
      </select>
    </div>
  );
}
