/** Country names from ISO 3166-1 alpha-2 codes, via the browser's own locale data (no table to keep). */
let regionNames: Intl.DisplayNames | undefined;

export function countryName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}
