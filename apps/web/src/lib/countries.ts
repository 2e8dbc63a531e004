/** Country names from ISO 3166-1 alpha-2 codes, in the console's language, via the browser's own locale data (no table to keep). */
import { formatTag } from './i18n/runtime.ts';

const regionNames = new Map<string, Intl.DisplayNames>();

export function countryName(code: string): string {
  try {
    const tag = formatTag();
    let names = regionNames.get(tag);
    if (!names) {
      names = new Intl.DisplayNames([tag], { type: 'region' });
      regionNames.set(tag, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
