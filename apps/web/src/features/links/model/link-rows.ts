import type { Link } from '@corridor/shared';
import { linkCondition, type LinkCondition, type LinkReading } from '../../../lib/link-condition.ts';

/** One line of the links list: what the link is, and its live probe readings (ms, %). */
export interface LinkRow {
  id: string;
  name: string;
  cable: string;
  kind: Link['kind'];
  from: string;
  to: string;
  lengthKm: number;
  baseRttMs: number;
  /** Live round-trip time, ms; undefined before the first probe. */
  rttMs?: number;
  /** Live loss, 0–1; undefined before the first probe. */
  lossRatio?: number;
  condition: LinkCondition;
}

export const LINK_SORT_KEYS = ['name', 'cable', 'kind', 'from', 'lengthKm', 'baseRttMs', 'rttMs', 'lossRatio', 'condition'] as const;
export type LinkSortKey = (typeof LINK_SORT_KEYS)[number];
export interface LinkSort {
  key: LinkSortKey;
  direction: 'asc' | 'desc';
}

/** Every link with its live readings (the live state keeps RTT in seconds and loss as a ratio). */
export function linkRows(links: readonly Link[], readings: Readonly<Record<string, LinkReading | undefined>> | undefined): LinkRow[] {
  return links.map((l) => {
    const reading = readings?.[l.id];
    const rttS = reading?.values.link_rtt_seconds;
    return {
      id: l.id,
      name: l.name,
      cable: l.cable,
      kind: l.kind,
      from: l.from.name,
      to: l.to.name,
      lengthKm: l.lengthKm,
      baseRttMs: l.rttMs,
      rttMs: rttS === undefined ? undefined : rttS * 1000,
      lossRatio: reading?.values.link_loss_ratio,
      condition: linkCondition(l.rttMs, reading),
    };
  });
}

/** Worse conditions sort higher, so "condition, descending" puts cut links first. */
const CONDITION_RANK: Record<LinkCondition, number> = { unknown: 0, normal: 1, elevated: 2, lossy: 3, cut: 4 };

/** The rows in the order asked; a link without a reading sorts last either way, then by name. */
export function sortLinkRows(rows: readonly LinkRow[], sort: LinkSort): LinkRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const value = (r: LinkRow): string | number | undefined => (sort.key === 'condition' ? (r.condition === 'unknown' ? undefined : CONDITION_RANK[r.condition]) : r[sort.key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return va === vb ? a.name.localeCompare(b.name) : va === undefined ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return order !== 0 ? sign * order : a.name.localeCompare(b.name);
  });
}

/** The sort after pressing a column's header: the same column flips, another starts ascending (descending for readings, worst first). */
export function nextSort(current: LinkSort, key: LinkSortKey): LinkSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'rttMs' || key === 'lossRatio' || key === 'condition' ? 'desc' : 'asc' };
}
