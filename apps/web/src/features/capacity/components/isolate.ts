import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Figures with units, names and codes put into a translated sentence keep their own order inside Arabic
 * ("25 MW", not "MW 25"): in a right-to-left page each is wrapped in first-strong isolates (FSI … PDI),
 * the plain-text form of <bdi>. Left to right, the text is left as it is.
 */
export function useIsolate(): (text: string) => string {
  const t = useT();
  return t.dir === 'rtl' ? (text) => `\u2068${text}\u2069` : (text) => text;
}
