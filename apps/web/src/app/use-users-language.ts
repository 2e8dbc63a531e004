import { useEffect } from 'react';
import { useLocale } from '../lib/i18n/i18n.tsx';
import { isLocale } from '../lib/i18n/locales.ts';

/**
 * The language saved for the signed-in user wins over this browser's: once the session says it, the
 * console switches to it. A choice made since is written into the cached session before the switch
 * (features/session/api/use-save-locale.ts), so this never switches back.
 */
export function useUsersLanguage(saved: string | undefined): void {
  const { locale, setLocale } = useLocale();
  useEffect(() => {
    if (isLocale(saved) && saved !== locale) setLocale(saved);
  }, [saved, locale, setLocale]);
}
