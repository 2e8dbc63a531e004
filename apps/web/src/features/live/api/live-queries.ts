import { LiveSnapshotSchema, SeriesSchema, type MetricName } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { rangeQuery, type ChartRange } from '../model/chart-range.ts';
import type { ChartSeries } from '../model/chart-rows.ts';
import { fromSnapshot, type LiveState } from '../model/live-state.ts';

/**
 * Query options for live data. ['live'] holds the snapshot with every stream event applied (the stream
 * writes it with setQueryData; nothing polls it). Series are keyed by site or link, metric and range;
 * the 1 h ones are extended by the stream too (the live tail).
 */
/** What a series belongs to: a site or a link (cable). */
export type SeriesEntity = 'site' | 'link';

export const liveQueries = {
  snapshot: () =>
    queryOptions({
      queryKey: ['live'] as const,
      queryFn: async ({ signal }): Promise<LiveState> => fromSnapshot(await apiGet('/api/live', LiveSnapshotSchema, signal)),
      // The stream keeps it current; a refetch only on resync (the stream says so).
      staleTime: Infinity,
      gcTime: Infinity,
      // Thousands of entities: compare by identity (applyBatch keeps unchanged parts), never deep.
      structuralSharing: false,
      retry: false,
      meta: { refetchOnRecovery: false },
    }),

  allSeries: () => ['series'] as const,
  series: (kind: SeriesEntity, id: string, metric: MetricName, range: ChartRange) =>
    queryOptions({
      queryKey: [...liveQueries.allSeries(), kind, id, metric, range] as const,
      queryFn: async ({ signal, client }): Promise<ChartSeries> => {
        // Frames newer than the live state's at this moment may be missing from the answer: the tail appends them.
        const tailAt = client.getQueryData<LiveState>(liveQueries.snapshot().queryKey)?.at ?? 0;
        const { from, to, step } = rangeQuery(range, Date.now());
        const params = new URLSearchParams({ metric, from: String(from), to: String(to), step: String(step) });
        const series = await apiGet(`/api/${kind}s/${encodeURIComponent(id)}/series?${params}`, SeriesSchema, signal);
        return { ...series, tailAt };
      },
      // The hour view follows the stream; longer views are refreshed when opened again after a minute.
      staleTime: range === '1h' ? Infinity : 60_000,
      structuralSharing: false,
    }),
};
