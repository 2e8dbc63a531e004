import {
  ALERT_SEVERITIES,
  ALERT_STATES,
  AUDIT_ACTIONS,
  DECLARED_STATUSES,
  LIMITS,
  OBSERVED_HEALTHS,
  SECTORS,
  TIMELINE_KINDS,
  WORKLOAD_STATES,
  type AlertFilter,
  type AlertSeverity,
  type AlertState,
  type AuditAction,
  type DeclaredStatus,
  type ObservedHealth,
  type Sector,
  type TimelineKind,
  type WorkloadFilter,
  type WorkloadState,
} from '@corridor/shared';
import { DEFAULT_CHART_RANGE, isChartRange, type ChartRange } from '../features/live/model/chart-range.ts';
import type { TimelineFilter } from '../features/timeline/model/timeline-filter.ts';

/** Which Morocco boundary the basemap draws: the official one (with its southern provinces) or the alternative. */
export type BoundaryMode = 'official' | 'alt';

/**
 * The page asked for (?view=): its name as written (trimmed). Which names exist, and who may open them, is
 * the console's view list (console-views.tsx); a name it does not know is shown as unknown, not as the map.
 */
export type ConsoleView = string;

/** Everything the URL carries: view, selection, filters, map options. Reload and back restore it. */
export interface UrlState {
  /** The page shown; the map when absent. A workload id (?workload=) opens that workload's page over any view. */
  view?: ConsoleView;
  workload?: string;
  /** The workloads list's filters (?state=&wsite=&tenant=&sector=); `wsite`, because `site` is the map's selection. */
  workloadState?: WorkloadState;
  workloadSite?: string;
  tenant?: string;
  sector?: Sector;
  /** ?flagged=true: only the workloads the policy in force flagged (issue 15). */
  workloadFlagged?: boolean;
  site?: string;
  /** The link (cable) whose panel is open (?link=); a site and a link are not open together. */
  link?: string;
  country?: string;
  /** The sites' declared status (?status=) and observed health (?health=) filters. */
  status?: DeclaredStatus;
  health?: ObservedHealth;
  operator?: string;
  q?: string;
  boundary: BoundaryMode;
  /** Size of the synthetic fleet that replaces the real one (?synthetic=5000). */
  synthetic?: number;
  /** Range of the site's or link's charts (?range=24h); 1 h when absent. */
  range: ChartRange;
  /** The audit log's filters (?action=&actor=&from=&to=); times as ISO 8601 with offset. */
  auditAction?: AuditAction;
  auditActor?: string;
  auditFrom?: string;
  auditTo?: string;
  /** The timeline's filters (?kind=&esite=&elink=&efrom=&eto=): `esite`, because `site` is the map's selection. */
  eventKind?: TimelineKind;
  eventSite?: string;
  eventLink?: string;
  eventFrom?: string;
  eventTo?: string;
  /** A drain whose progress is shown (?view=drain&drain=<id>); without it, the drain view reviews a dry run of ?site=. */
  drain?: string;
  /** The alerts view's filters (?astate=&asev=&asite=&alink=): `a…`, because `state` and `site` are taken. */
  alertState?: AlertState;
  alertSeverity?: AlertSeverity;
  alertSite?: string;
  alertLink?: string;
  /** Wall mode (?wall=1): the map full screen beside an alert ticker, for a NOC's wall display. */
  wall?: boolean;
}

export const MAX_SYNTHETIC_SITES = 50_000;
const OWN_KEYS = [
  'view',
  'workload',
  'state',
  'wsite',
  'tenant',
  'sector',
  'flagged',
  'site',
  'link',
  'country',
  'status',
  'health',
  'operator',
  'q',
  'boundary',
  'synthetic',
  'range',
  'action',
  'actor',
  'from',
  'to',
  'kind',
  'esite',
  'elink',
  'efrom',
  'eto',
  'drain',
  'astate',
  'asev',
  'asite',
  'alink',
  'wall',
] as const;

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined => (value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined);

const clean = (value: string | null, maxLength = 64): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, maxLength) : undefined;
};

/** A time the audit API takes (ISO 8601 with a zone); anything else is dropped rather than sent to a 400. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const isoTime = (value: string | null): string | undefined => {
  const trimmed = clean(value);
  return trimmed && ISO_WITH_ZONE.test(trimmed) && !Number.isNaN(Date.parse(trimmed)) ? trimmed : undefined;
};

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const status = clean(params.get('status'));
  const synthetic = Number.parseInt(params.get('synthetic') ?? '', 10);
  return {
    view: clean(params.get('view')),
    workload: clean(params.get('workload')),
    workloadState: oneOf(WORKLOAD_STATES, clean(params.get('state'))),
    workloadSite: clean(params.get('wsite')),
    tenant: clean(params.get('tenant')),
    sector: oneOf(SECTORS, clean(params.get('sector'))),
    workloadFlagged: params.get('flagged') === 'true' ? true : undefined,
    site: clean(params.get('site')),
    // Both in a hand-made URL: the site wins, as the map shows one panel.
    link: params.get('site') ? undefined : clean(params.get('link')),
    country: clean(params.get('country'))?.toUpperCase(),
    status: oneOf(DECLARED_STATUSES, status),
    // An older link's ?status=degraded or offline was an observation: it is a health now.
    health: oneOf(OBSERVED_HEALTHS, clean(params.get('health'))) ?? (status === 'degraded' ? 'degraded' : status === 'offline' ? 'down' : undefined),
    operator: clean(params.get('operator')),
    q: clean(params.get('q'), LIMITS.maxSearchLength),
    boundary: params.get('boundary') === 'alt' ? 'alt' : 'official',
    synthetic: Number.isFinite(synthetic) && synthetic > 0 ? Math.min(synthetic, MAX_SYNTHETIC_SITES) : undefined,
    range: isChartRange(params.get('range')) ? (params.get('range') as ChartRange) : DEFAULT_CHART_RANGE,
    auditAction: oneOf(AUDIT_ACTIONS, clean(params.get('action'))),
    auditActor: clean(params.get('actor'), 200),
    auditFrom: isoTime(params.get('from')),
    auditTo: isoTime(params.get('to')),
    eventKind: oneOf(TIMELINE_KINDS, clean(params.get('kind'))),
    eventSite: clean(params.get('esite')),
    eventLink: clean(params.get('elink')),
    eventFrom: isoTime(params.get('efrom')),
    eventTo: isoTime(params.get('eto')),
    drain: clean(params.get('drain'), 100),
    alertState: oneOf(ALERT_STATES, clean(params.get('astate'))),
    alertSeverity: oneOf(ALERT_SEVERITIES, clean(params.get('asev'))),
    alertSite: clean(params.get('asite')),
    alertLink: clean(params.get('alink')),
    wall: params.get('wall') === '1' ? true : undefined,
  };
}

/** The query string for a state; parameters the console does not own (e.g. debug) are kept. */
export function serializeUrlState(state: UrlState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  for (const key of OWN_KEYS) params.delete(key);
  const entries: [string, string | undefined][] = [
    ['view', state.view],
    ['workload', state.workload],
    ['state', state.workloadState],
    ['wsite', state.workloadSite],
    ['tenant', state.tenant],
    ['sector', state.sector],
    ['flagged', state.workloadFlagged ? 'true' : undefined],
    ['site', state.site],
    ['link', state.link],
    ['country', state.country],
    ['status', state.status],
    ['health', state.health],
    ['operator', state.operator],
    ['q', state.q],
    ['boundary', state.boundary === 'alt' ? 'alt' : undefined],
    ['synthetic', state.synthetic ? String(state.synthetic) : undefined],
    ['range', state.range !== DEFAULT_CHART_RANGE ? state.range : undefined],
    ['action', state.auditAction],
    ['actor', state.auditActor],
    ['from', state.auditFrom],
    ['to', state.auditTo],
    ['kind', state.eventKind],
    ['esite', state.eventSite],
    ['elink', state.eventLink],
    ['efrom', state.eventFrom],
    ['eto', state.eventTo],
    ['drain', state.drain],
    ['astate', state.alertState],
    ['asev', state.alertSeverity],
    ['asite', state.alertSite],
    ['alink', state.alertLink],
    ['wall', state.wall ? '1' : undefined],
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The workloads list's filter, as the API takes it, from the URL's state. */
export const workloadFilterOf = (state: UrlState): WorkloadFilter => ({
  state: state.workloadState,
  site: state.workloadSite,
  tenant: state.tenant,
  sector: state.sector,
  flagged: state.workloadFlagged ? 'true' : undefined,
});

/** A change of the workloads list's filter as a change of the URL's state (only the keys the patch has). */
export function urlPatchOfWorkloadFilter(patch: Partial<WorkloadFilter>): Partial<UrlState> {
  return {
    ...('state' in patch ? { workloadState: patch.state } : {}),
    ...('site' in patch ? { workloadSite: patch.site } : {}),
    ...('tenant' in patch ? { tenant: patch.tenant } : {}),
    ...('sector' in patch ? { sector: patch.sector } : {}),
    ...('flagged' in patch ? { workloadFlagged: patch.flagged === 'true' ? true : undefined } : {}),
  };
}

/** The timeline's filter, as the API takes it, from the URL's state. */
export const timelineFilterOf = (state: UrlState): TimelineFilter => ({ kind: state.eventKind, site: state.eventSite, link: state.eventLink, from: state.eventFrom, to: state.eventTo });

/** A change of the timeline's filter as a change of the URL's state (only the keys the patch has). */
export function urlPatchOfTimelineFilter(patch: Partial<TimelineFilter>): Partial<UrlState> {
  return {
    ...('kind' in patch ? { eventKind: patch.kind } : {}),
    ...('site' in patch ? { eventSite: patch.site } : {}),
    ...('link' in patch ? { eventLink: patch.link } : {}),
    ...('from' in patch ? { eventFrom: patch.from } : {}),
    ...('to' in patch ? { eventTo: patch.to } : {}),
  };
}

/** The alerts view's filter, as the API takes it, from the URL's state. */
export const alertFilterOf = (state: UrlState): AlertFilter => ({ state: state.alertState, severity: state.alertSeverity, site: state.alertSite, link: state.alertLink });

/** A change of the alerts view's filter as a change of the URL's state (only the keys the patch has). */
export function urlPatchOfAlertFilter(patch: Partial<AlertFilter>): Partial<UrlState> {
  return {
    ...('state' in patch ? { alertState: patch.state } : {}),
    ...('severity' in patch ? { alertSeverity: patch.severity } : {}),
    ...('site' in patch ? { alertSite: patch.site } : {}),
    ...('link' in patch ? { alertLink: patch.link } : {}),
  };
}
