import type { AlertList } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { firingBySite } from '../model/alert-counts.ts';
import { alertQueries, FIRING } from './alert-queries.ts';

const selectCounts = (list: AlertList) => firingBySite(list.alerts);

/** Firing alerts per site for the map's markers and clusters: the badge's list (one request, kept current by the stream). */
export function useFiringAlertCounts(enabled: boolean): Readonly<Record<string, number>> | undefined {
  return useQuery({ ...alertQueries.list(FIRING), enabled, select: selectCounts }).data;
}
