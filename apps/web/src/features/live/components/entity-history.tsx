import { METRICS } from '@corridor/shared';
import { useQueries } from '@tanstack/react-query';
import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import { isUnavailableError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { liveQueries, type SeriesEntity } from '../api/live-queries.ts';
import { RANGE_SPECS, type ChartRange } from '../model/chart-range.ts';
import { chartDomain, seriesToRows } from '../model/chart-rows.ts';
import { chartMetrics, type ChartData, type ChartSpec } from '../model/chart-specs.ts';
import { RangePicker } from './range-picker.tsx';

// Recharts is loaded only when charts are first shown: it stays out of the initial bundle.
const Charts = lazy(() => import('./history-charts.tsx'));

function ChartsPlaceholder({ text }: { text: string }) {
  return (
    <p className="charts-placeholder" aria-busy="true">
      {text}
    </p>
  );
}

interface EntityHistoryProps {
  kind: SeriesEntity;
  id: string;
  charts: readonly ChartSpec[];
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}

/** A site's or link's "History": its charts over the chosen range (1 h follows the stream), with loading, error and empty states. */
export function EntityHistory({ kind, id, charts: specs, range, onRangeChange }: EntityHistoryProps) {
  const t = useT();
  const metrics = useMemo(() => chartMetrics(specs), [specs]);
  const series = useQueries({ queries: metrics.map((metric) => liveQueries.series(kind, id, metric, range)) });

  const byMetric = new Map(metrics.map((metric, i) => [metric, series[i]!] as const));
  const pending = series.some((q) => q.isPending);
  const failed = series.find((q) => q.isError && !q.data);
  const empty = !pending && !failed && series.every((q) => (q.data?.points.length ?? 0) === 0);
  const dataKey = series.map((q) => q.dataUpdatedAt).join(',');
  // Where a chart ends when no series says (none has answered): the newest answer, not the clock, so rendering stays pure.
  const answeredAt = Math.max(0, ...series.map((q) => q.dataUpdatedAt));
  const charts: ChartData[] = useMemo(
    () =>
      specs.map((spec) => {
        const sources = spec.lines.map((line) => ({ key: line.metric, series: byMetric.get(line.metric)?.data, toDisplay: METRICS[line.metric].toDisplay }));
        return {
          spec,
          rows: seriesToRows(sources),
          domain: chartDomain(
            sources.map((s) => s.series),
            RANGE_SPECS[range].rangeMs,
            answeredAt,
          ),
        };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- byMetric is a new Map each render; its data changes only when a series' dataUpdatedAt does (dataKey)
    [dataKey, answeredAt, range, specs],
  );

  // The charts redraw in a transition: React renders them in slices between frames, so a live tail
  // redrawing four charts of a few hundred points is not one long task (the figures above stay urgent).
  const view = useMemo(() => ({ charts, range }), [charts, range]);
  const shown = useDeferredValue(view);

  return (
    <>
      <div className="charts-head">
        <h3>{t('live.history.title')}</h3>
        <RangePicker value={range} onChange={onRangeChange} />
      </div>
      <p className="charts-zone muted">{t('live.history.zone', { zone: viewerZone() })}</p>
      {failed ? (
        // An outage is announced once, by the console's banner; other failures are announced here.
        <div className="panel-state error" role={isUnavailableError(failed.error) ? undefined : 'alert'}>
          <p>{t('live.history.loadFailed', { kind, error: failed.error?.message })}</p>
          <button type="button" onClick={() => series.forEach((q) => q.isError && void q.refetch())}>
            {t('live.history.retry')}
          </button>
        </div>
      ) : pending ? (
        <ChartsPlaceholder text={t('live.history.loading')} />
      ) : empty ? (
        <p className="charts-empty">{t('live.history.empty', { kind })}</p>
      ) : (
        <Suspense fallback={<ChartsPlaceholder text={t('live.history.loadingCharts')} />}>
          <Charts charts={shown.charts} range={shown.range} />
        </Suspense>
      )}
    </>
  );
}
