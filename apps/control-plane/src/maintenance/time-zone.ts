// The IANA zone a site keeps its clocks in, for showing a window's times in the site's local time beside
// the viewer's. The fleet names a country and a position, not a zone: one zone per country where the
// country has one, and the longitude where it has several (the United States; Spain's Canary Islands).

/** Countries with a single zone (or, for Morocco, one official time across all its provinces). */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  MA: 'Africa/Casablanca',
  FR: 'Europe/Paris',
  SN: 'Africa/Dakar',
  CI: 'Africa/Abidjan',
  NG: 'Africa/Lagos',
  GH: 'Africa/Accra',
  PT: 'Europe/Lisbon',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  DE: 'Europe/Berlin',
  IT: 'Europe/Rome',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  DZ: 'Africa/Algiers',
  TN: 'Africa/Tunis',
  EG: 'Africa/Cairo',
  ML: 'Africa/Bamako',
  MR: 'Africa/Nouakchott',
};

/** Contiguous US zones by their western edge, east to west (degrees of longitude, approximate boundaries). */
const US_ZONES: readonly { westOfLonDeg: number; zone: string }[] = [
  { westOfLonDeg: -87.5, zone: 'America/New_York' },
  { westOfLonDeg: -101, zone: 'America/Chicago' },
  { westOfLonDeg: -114.5, zone: 'America/Denver' },
  { westOfLonDeg: -130, zone: 'America/Los_Angeles' },
];

/** The site's zone: its country's, by longitude where the country spans several, else a fixed offset from the longitude. */
export function siteTimeZone(place: { country: string; lat: number; lon: number }): string {
  const { country, lat, lon } = place;
  if (country === 'US') {
    if (lat < 23 && lon < -150) return 'Pacific/Honolulu';
    if (lat > 50 && lon < -130) return 'America/Anchorage';
    return US_ZONES.find((z) => lon >= z.westOfLonDeg)?.zone ?? 'America/Los_Angeles';
  }
  // The Canary Islands keep Atlantic time, an hour behind the peninsula.
  if (country === 'ES') return lon < -13 ? 'Atlantic/Canary' : 'Europe/Madrid';
  return COUNTRY_ZONES[country] ?? offsetZone(lon);
}

/** `Etc/GMT-1` for 15° E (the Etc zones' sign is inverted by POSIX convention); `UTC` near 0°. */
function offsetZone(lon: number): string {
  const hours = Math.round(lon / 15);
  if (hours === 0) return 'UTC';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
