import './live.css';
import { METRICS, type SiteStatus } from '@corridor/shared';
import { useQueries } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { isUnavailableError } from '../../../lib/api-client.ts';
import { formatClock } from '../../../lib/format.ts';
import { useLiveSite } from '../api/live-selectors.ts';
import { liveQueries } from '../api/live-queries.ts';
import { RANGE_SPECS, type ChartRange } from '../model/chart-range.ts';
import { chartDomain, seriesToRows } from '../model/chart-rows.ts';
import { CHART_METRICS, SITE_CHARTS, type ChartData } from '../model/site-charts.ts';
import { siteLiveFacts } from '../model/site-live.ts';
import { RangePicker } from './range-picker.tsx';

// Recharts is loaded only when a site's charts are first shown: it stays out of the initial bundle.
const SiteCharts = lazy(() => import('./site-charts.tsx'));

interface SiteLiveProps {
  siteId: string;
  /** The fleet's status of the site (what it is meant to be). */
  fleetStatus?: SiteStatus;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}

function ChartsPlaceholder({ text }: { text: string }) {
  return (
    <p className="charts-placeholder" aria-busy="true">
      {text}
    </p>
  );
}

/** The site's "Live" section: observed health, current figures, and its history charts with a live tail. */
export function SiteLive({ siteId, fleetStatus, range, onRangeChange }: SiteLiveProps) {
  const live = useLiveSite(siteId);
  const facts = useMemo(() => (live.values ? siteLiveFacts(live.values.values) : []), [live.values]);
  const series = useQueries({ queries: CHART_METRICS.map((metric) => liveQueries.siteSeries(siteId, metric, range)) });

  const byMetric = new Map(CHART_METRICS.map((metric, i) => [metric, series[i]!] as const));
  const pending = series.some((q) => q.isPending);
  const failed = series.find((q) => q.isError && !q.data);
  const empty = !pending && !failed && series.every((q) => (q.data?.points.length ?? 0) === 0);
  const dataKey = series.map((q) => q.dataUpdatedAt).join(',');
  const charts: ChartData[] = useMemo(
    () =>
      SITE_CHARTS.map((spec) => {
        const sources = spec.lines.map((line) => ({ key: line.metric, series: byMetric.get(line.metric)?.data, toDisplay: METRICS[line.metric].toDisplay }));
        return {
          spec,
          rows: seriesToRows(sources),
          domain: chartDomain(sources.map((s) => s.series), RANGE_SPECS[range].rangeMs, Date.now()),
        };
      }),
    // Rows change when a series' data does (dataUpdatedAt), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dataKey, range],
  );

  const observed = live.health && live.health.status !== fleetStatus ? live.health : undefined;
  return (
    <section className="site-live" aria-labelledby="site-live-title">
      <h3 id="site-live-title">
        Live
        {live.values && <span className="as-of"> · as of {formatClock(live.values.at)}</span>}
      </h3>
      {observed && (
        <p className="observed">
          Observed <StatusBadge status={observed.status} />
          {observed.reason && <span className="muted"> — {observed.reason}</span>}
        </p>
      )}
      {facts.length > 0 ? (
        <dl className="facts live-facts" aria-label="Live figures">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No live figures for this site.</p>
      )}

      <div className="charts-head">
        <h3>History</h3>
        <RangePicker value={range} onChange={onRangeChange} />
      </div>
      {failed ? (
        // An outage is announced once, by the console's banner; other failures are announced here.
        <div className="panel-state error" role={isUnavailableError(failed.error) ? undefined : 'alert'}>
          <p>The site's telemetry could not be loaded: {failed.error?.message}</p>
          <button type="button" onClick={() => series.forEach((q) => q.isError && void q.refetch())}>
            Retry
          </button>
        </div>
      ) : pending ? (
        <ChartsPlaceholder text="Loading telemetry…" />
      ) : empty ? (
        <p className="charts-empty">No telemetry yet for this site.</p>
      ) : (
        <Suspense fallback={<ChartsPlaceholder text="Loading charts…" />}>
          <SiteCharts charts={charts} range={range} />
        </Suspense>
      )}
    </section>
  );
}
