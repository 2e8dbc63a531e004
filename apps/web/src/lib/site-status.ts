import { HEALTH_RANK, SITE_STATUSES, type ObservedHealth, type SiteStatus } from '@corridor/shared';

/** How each status reads and shows, shared by the map, the list, the panel and the header. */
export interface StatusStyle {
  label: string;
  /** Main colour (marker fill, badge). */
  colour: string;
  /** Hollow markers show the stroke only (planned sites: nothing built yet). */
  hollow: boolean;
  /** Drawing order: higher is drawn on top, so the worst health stays visible. */
  severity: number;
}

export const STATUS_STYLES: Record<SiteStatus, StatusStyle> = {
  operational: { label: 'Operational', colour: '#2ecc71', hollow: false, severity: 2 },
  maintenance: { label: 'Maintenance', colour: '#3b82f6', hollow: false, severity: 3 },
  degraded: { label: 'Degraded', colour: '#f5a524', hollow: false, severity: 4 },
  offline: { label: 'Offline', colour: '#ef4444', hollow: false, severity: 5 },
  construction: { label: 'Under construction', colour: '#9d8cc2', hollow: false, severity: 1 },
  planned: { label: 'Planned', colour: '#9aa5b1', hollow: true, severity: 0 },
};

/** Statuses in the order a NOC reads them: live first, then lifecycle. */
export const STATUS_ORDER: readonly SiteStatus[] = ['operational', 'maintenance', 'degraded', 'offline', 'construction', 'planned'];

export const isSiteStatus = (value: string): value is SiteStatus => (SITE_STATUSES as readonly string[]).includes(value);

/**
 * How each observed health reads and shows (issue 16): the second of the two things every site shows, beside
 * its declared status. `no-data` is grey, never red: a site that stops reporting is not known to be down.
 */
export const HEALTH_STYLES: Record<ObservedHealth, StatusStyle> = {
  ok: { label: 'OK', colour: '#2ecc71', hollow: false, severity: HEALTH_RANK.ok },
  'no-data': { label: 'No data', colour: '#9aa5b1', hollow: true, severity: HEALTH_RANK['no-data'] },
  degraded: { label: 'Degraded', colour: '#f5a524', hollow: false, severity: HEALTH_RANK.degraded },
  down: { label: 'Down', colour: '#ef4444', hollow: false, severity: HEALTH_RANK.down },
};
