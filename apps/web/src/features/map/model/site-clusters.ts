import { translate } from '../../../lib/i18n/runtime.ts';
import { SITE_LOOKS, type SiteLook } from '../../../lib/site-status.ts';
import type { DrawnCluster } from './cluster-core.ts';

/**
 * Looks ranked for clustering, and how a cluster is named and drawn. The clustering itself is in
 * cluster-core.ts (what the worker runs); it is re-exported here for the map and the tests.
 */

/** Looks by index, worst last: a look's index is its rank (SITE_LOOKS severity). */
export const LOOKS_BY_RANK: readonly SiteLook[] = (Object.keys(SITE_LOOKS) as SiteLook[]).sort((a, b) => SITE_LOOKS[a].severity - SITE_LOOKS[b].severity);
export const rankOfLook = (look: SiteLook): number => LOOKS_BY_RANK.indexOf(look);

export { CLUSTER_MAX_ZOOM, CLUSTER_MIN_ZOOM, CLUSTER_RADIUS_PX, SiteClusters, type ClusterInput, type ClusterProps, type ClusterView, type DrawnCluster } from './cluster-core.ts';

/** A look as an ICU select key (`no-data` is no identifier). */
export const lookKey = (look: SiteLook): string => (look === 'no-data' ? 'noData' : look);

/** "Cluster of 4 sites: 1 down, 3 ok · 2 firing alerts", worst first, in the language in force. */
export function clusterLabel(cluster: Pick<DrawnCluster, 'size' | 'counts' | 'alerts'>): string {
  const parts: string[] = [];
  for (let r = LOOKS_BY_RANK.length - 1; r >= 0; r--) {
    const n = cluster.counts[r] ?? 0;
    if (n > 0) parts.push(translate('map.cluster.part', { count: n, look: lookKey(LOOKS_BY_RANK[r]!) }));
  }
  const values = { size: cluster.size, parts: parts.join(translate('map.cluster.partsSeparator')), alerts: cluster.alerts };
  return translate(cluster.alerts > 0 ? 'map.cluster.labelAlerts' : 'map.cluster.label', values);
}

/** Short count written on a cluster's marker: 4, 128, 1.2k, 15k. */
export function clusterCountText(size: number): string {
  if (size < 1000) return String(size);
  if (size < 10_000) return `${Math.round(size / 100) / 10}k`;
  return `${Math.round(size / 1000)}k`;
}

/** A cluster's radius in px: grows with the log of its size, within what stays readable. */
export function clusterRadius(size: number): number {
  return Math.min(24, 11 + 2 * Math.log2(size));
}

/**
 * Draw order of what is on the map, bottom first: by rank (a healthy site or cluster never over an
 * unhealthy one), greyed under the rest, clusters above single sites of the same rank, then a stable key.
 */
export function drawSequence<T extends { rank: number; cluster: boolean; key: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.rank - b.rank || Number(a.cluster) - Number(b.cluster) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
