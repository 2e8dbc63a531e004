import { HEALTH_RANK, SITE_STATUSES, type DeclaredStatus, type ObservedHealth, type SiteHealth, type SiteStatus } from '@corridor/shared';
import { translate } from './i18n/runtime.ts';
import type { MessageKey } from './i18n/message-keys.ts';

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

/** A style whose label is read in the language in force each time it is asked for (never frozen at module load). */
function styled(key: MessageKey, look: Omit<StatusStyle, 'label'>): StatusStyle {
  return {
    get label() {
      return translate(key);
    },
    ...look,
  };
}

export const STATUS_STYLES: Record<SiteStatus, StatusStyle> = {
  operational: styled('common.status.operational', { colour: '#2ecc71', hollow: false, severity: 2 }),
  maintenance: styled('common.status.maintenance', { colour: '#3b82f6', hollow: false, severity: 3 }),
  degraded: styled('common.status.degraded', { colour: '#f5a524', hollow: false, severity: 4 }),
  offline: styled('common.status.offline', { colour: '#ef4444', hollow: false, severity: 5 }),
  construction: styled('common.status.construction', { colour: '#9d8cc2', hollow: false, severity: 1 }),
  planned: styled('common.status.planned', { colour: '#9aa5b1', hollow: true, severity: 0 }),
};

/** Statuses in the order a NOC reads them: live first, then lifecycle. */
export const STATUS_ORDER: readonly SiteStatus[] = ['operational', 'maintenance', 'degraded', 'offline', 'construction', 'planned'];

export const isSiteStatus = (value: string): value is SiteStatus => (SITE_STATUSES as readonly string[]).includes(value);

/**
 * How each observed health reads and shows (issue 16): the second of the two things every site shows, beside
 * its declared status. `no-data` is grey, never red: a site that stops reporting is not known to be down.
 */
export const HEALTH_STYLES: Record<ObservedHealth, StatusStyle> = {
  ok: styled('common.health.ok', { colour: '#2ecc71', hollow: false, severity: HEALTH_RANK.ok }),
  'no-data': styled('common.health.noData', { colour: '#9aa5b1', hollow: true, severity: HEALTH_RANK['no-data'] }),
  degraded: styled('common.health.degraded', { colour: '#f5a524', hollow: false, severity: HEALTH_RANK.degraded }),
  down: styled('common.health.down', { colour: '#ef4444', hollow: false, severity: HEALTH_RANK.down }),
};

/** Declared statuses in the order a NOC reads them: built first, then the pipeline. */
export const DECLARED_ORDER: readonly DeclaredStatus[] = ['operational', 'maintenance', 'construction', 'planned'];

/** Observed healths in the order a NOC reads them: the worst first. */
export const HEALTH_ORDER: readonly ObservedHealth[] = ['down', 'degraded', 'no-data', 'ok'];

/** How each declared status reads and shows (the fleet's lifecycle; `maintenance` while a window is active). */
export const DECLARED_STYLES: Record<DeclaredStatus, StatusStyle> = {
  operational: STATUS_STYLES.operational,
  maintenance: STATUS_STYLES.maintenance,
  construction: STATUS_STYLES.construction,
  planned: STATUS_STYLES.planned,
};

/** What the fleet's status declares: its `degraded` and `offline` are observations of a built, operational site. */
export function declaredOf(status: SiteStatus): DeclaredStatus {
  return status === 'planned' || status === 'construction' || status === 'maintenance' ? status : 'operational';
}

/** A site's two named things as every view shows them; `health` is absent for sites not built yet. */
export interface SiteState {
  declared: DeclaredStatus;
  health?: ObservedHealth;
  reason?: string;
  /** ISO 8601 end of the maintenance window in force. */
  maintenanceUntil?: string;
}

export const isBuilt = (declared: DeclaredStatus): boolean => declared === 'operational' || declared === 'maintenance';

/**
 * A site's state from the fleet and the live stream. Without a live report a built site is `no-data`
 * (nothing observed is not "ok"), unless the fleet file itself says degraded or offline.
 */
export function siteStateOf(fleetStatus: SiteStatus, live?: Pick<SiteHealth, 'declared' | 'health' | 'reason' | 'maintenanceUntil'>): SiteState {
  const declared = live?.declared ?? declaredOf(fleetStatus);
  if (!isBuilt(declared)) return { declared };
  const fallback: ObservedHealth = fleetStatus === 'offline' ? 'down' : fleetStatus === 'degraded' ? 'degraded' : 'no-data';
  return {
    declared,
    health: live?.health ?? fallback,
    ...(live?.reason ? { reason: live.reason } : {}),
    ...(live?.maintenanceUntil ? { maintenanceUntil: live.maintenanceUntil } : {}),
  };
}

/** "Operational · Down": both named, declared first; a planned site is just "Planned". */
export function stateLabel(state: SiteState): string {
  const declared = DECLARED_STYLES[state.declared].label;
  return state.health ? translate('common.state.pair', { declared, health: HEALTH_STYLES[state.health].label }) : declared;
}

/** What a marker is drawn as: observed health for built sites, the declared status for the others. */
export type SiteLook = 'planned' | 'construction' | ObservedHealth;

/** A look drawn like `base` at another rank (a getter for the label: a spread would freeze today's language). */
function reranked(base: StatusStyle, severity: number): StatusStyle {
  return {
    get label() {
      return base.label;
    },
    colour: base.colour,
    hollow: base.hollow,
    severity,
  };
}

/** Marker looks in drawing order (higher on top): the worst health is never under a healthy neighbour. */
export const SITE_LOOKS: Record<SiteLook, StatusStyle> = {
  planned: reranked(STATUS_STYLES.planned, 0),
  construction: reranked(STATUS_STYLES.construction, 1),
  ok: reranked(HEALTH_STYLES.ok, 2 + HEALTH_RANK.ok),
  'no-data': reranked(HEALTH_STYLES['no-data'], 2 + HEALTH_RANK['no-data']),
  degraded: reranked(HEALTH_STYLES.degraded, 2 + HEALTH_RANK.degraded),
  down: reranked(HEALTH_STYLES.down, 2 + HEALTH_RANK.down),
};

export function lookOf(state: SiteState): SiteLook {
  return state.health ?? (state.declared === 'construction' ? 'construction' : 'planned');
}
