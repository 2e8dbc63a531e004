/*
 * Times as a NOC reads them across zones: a site's local time beside the viewer's, each zone named
 * ("14:00 Africa/Casablanca · 15:00 your time (Europe/Paris)"), and the `datetime-local` inputs of
 * filters and forms (the viewer's wall clock) turned into the API's ISO 8601 instants and back.
 */
import { formatTag, translate } from './i18n/runtime.ts';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** A zone offset in minutes east of UTC as "+01:00" (Date's getTimezoneOffset is minutes west). */
export function offsetText(minutesEast: number): string {
  return `${minutesEast < 0 ? '-' : '+'}${pad(Math.trunc(minutesEast / 60))}:${pad(minutesEast % 60)}`;
}

/** The viewer's zone, for labels that say in which zone times are shown ("Europe/Paris", or "UTC+01:00"). */
export function viewerZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone || `UTC${offsetText(-new Date().getTimezoneOffset())}`;
}

/**
 * A `datetime-local` input's value ("2026-12-03T10:15", the viewer's wall clock) as an ISO instant with
 * the viewer's offset at that moment ("2026-12-03T10:15:00+01:00"); undefined when it is no time.
 */
export function localInputToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const local = new Date(y!, mo! - 1, d!, h!, mi!, s || 0);
  if (Number.isNaN(local.getTime()) || local.getMonth() !== mo! - 1) return undefined;
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}${offsetText(-local.getTimezoneOffset())}`;
}

/** An ISO instant as a `datetime-local` value in the viewer's zone ("" when it is no time). */
export function isoToLocalInput(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms);
  return `${pad(t.getFullYear(), 4)}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, withDate: boolean): Intl.DateTimeFormat {
  const tag = formatTag();
  const key = `${tag}|${zone}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    const date = withDate ? ({ weekday: 'short', day: 'numeric', month: 'short' } as const) : {};
    f = new Intl.DateTimeFormat(tag, { ...date, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** Whether the browser knows the zone (a server could send one it does not). */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone, false);
    return true;
  } catch {
    return false;
  }
}

/** "Thu 3 Dec, 14:00" (or "14:00" without the date) in the given zone; UTC when the zone is unknown. */
export function formatInZone(iso: string, zone: string, withDate = true): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatter(isKnownZone(zone) ? zone : 'UTC', withDate).format(ms);
}

// A calendar day to compare, never shown: en-CA writes it as YYYY-MM-DD whatever the console's language.
const dayIn = (ms: number, zone: string) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(ms);

/**
 * An instant in the site's zone and the viewer's, both named: "Thu 3 Dec, 14:00 Africa/Casablanca ·
 * 15:00 your time (Europe/Paris)". The viewer's part repeats the date only when it is another day there;
 * when both zones read the same clock, one time is shown and said to be the viewer's too.
 */
export function formatSiteAndViewerTime(iso: string, siteZone: string, viewer: string = viewerZone()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const site = isKnownZone(siteZone) ? siteZone : 'UTC';
  const mine = isKnownZone(viewer) ? viewer : 'UTC';
  const siteTime = formatInZone(iso, site);
  const sameDay = dayIn(ms, site) === dayIn(ms, mine);
  const viewerText = formatInZone(iso, mine, !sameDay);
  if (sameDay && viewerText === formatInZone(iso, site, false)) return translate('common.time.siteAlsoViewer', { siteTime, siteZone: site, viewerZone: mine });
  return translate('common.time.siteAndViewer', { siteTime, siteZone: site, viewerTime: viewerText, viewerZone: mine });
}

/** The IANA zone of a fleet country's sites (the fleet's US sites are on the east coast); undefined when not known. */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  MA: 'Africa/Casablanca',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  PT: 'Europe/Lisbon',
  CI: 'Africa/Abidjan',
  GH: 'Africa/Accra',
  MR: 'Africa/Nouakchott',
  NG: 'Africa/Lagos',
  SN: 'Africa/Dakar',
  TG: 'Africa/Lome',
  TN: 'Africa/Tunis',
  US: 'America/New_York',
};
export const zoneOfCountry = (country: string | undefined): string | undefined => (country ? COUNTRY_ZONES[country.toUpperCase()] : undefined);
