import type { SiteHealth, SiteRow } from '@corridor/shared';
import { countryName } from '../../../lib/countries.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { siteStateOf, stateLabel } from '../../../lib/site-status.ts';

/** Observed health per site id, as the live feed reports it. */
export type SiteHealthMap = Readonly<Record<string, Pick<SiteHealth, 'declared' | 'health' | 'reason'>>>;

/** A site's accessible name, in the language in force: "Casablanca 1, Morocco: Operational · Degraded, 2 firing alerts". */
export function siteMarkerName(row: Pick<SiteRow, 'name' | 'country' | 'status'>, live: SiteHealthMap[string] | undefined, alerts: number): string {
  const values = { name: row.name, country: countryName(row.country), state: stateLabel(siteStateOf(row.status, live)), alerts };
  return translate(alerts > 0 ? 'map.site.nameAlerts' : 'map.site.name', values);
}
