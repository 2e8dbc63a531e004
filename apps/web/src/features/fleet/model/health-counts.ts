import type { DeclaredStatus, ObservedHealth, SiteHealth, SiteStatus } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';
import { DECLARED_STYLES, HEALTH_STYLES, siteStateOf, type StatusStyle } from '../../../lib/site-status.ts';

/** How many sites are in each declared status, and how operational sites are observed now. */
export interface HealthCounts {
  declared: Record<DeclaredStatus, number>;
  /** Observed health of the operational sites (declared `operational`). */
  operational: Record<ObservedHealth, number>;
}

/** Counts from the fleet's rows and the live stream's health (a site without a report counts as no data). */
export function healthCounts(sites: readonly { id: string; status: SiteStatus }[], live: Readonly<Record<string, SiteHealth>> | undefined): HealthCounts {
  const counts: HealthCounts = {
    declared: { operational: 0, maintenance: 0, construction: 0, planned: 0 },
    operational: { ok: 0, degraded: 0, down: 0, 'no-data': 0 },
  };
  for (const site of sites) {
    const state = siteStateOf(site.status, live?.[site.id]);
    counts.declared[state.declared] += 1;
    if (state.declared === 'operational' && state.health) counts.operational[state.health] += 1;
  }
  return counts;
}

export interface CountItem {
  key: string;
  count: number;
  /** "13 operational", "1 down", "1 no data". */
  text: string;
  style: StatusStyle;
}

/**
 * The header's line (in the language in force: call it while rendering), e.g. "13 operational · 1 degraded · 1 down · 1 no data · 1 maintenance · 2 planned":
 * operational sites by what is observed (those seen ok are "operational"), then the other declared
 * statuses. Zero counts are left out, except operational.
 */
export function countItems(counts: HealthCounts): CountItem[] {
  const observed: CountItem[] = (['degraded', 'down', 'no-data'] as const).map((health) => ({
    key: health,
    count: counts.operational[health],
    text: translate(`fleet.count.${health}`, { count: counts.operational[health] }),
    style: HEALTH_STYLES[health],
  }));
  const declared: CountItem[] = (['maintenance', 'construction', 'planned'] as const).map((status) => ({
    key: status,
    count: counts.declared[status],
    text: translate(`fleet.count.${status}`, { count: counts.declared[status] }),
    style: DECLARED_STYLES[status],
  }));
  const ok: CountItem = { key: 'ok', count: counts.operational.ok, text: translate('fleet.count.ok', { count: counts.operational.ok }), style: HEALTH_STYLES.ok };
  return [ok, ...[...observed, ...declared].filter((item) => item.count > 0)];
}
