import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import { ErrorScreen } from '../components/error-screen.tsx';
import { FleetHeader } from '../features/fleet/components/fleet-header.tsx';
import { liveQueries } from '../features/live/api/live-queries.ts';
import { useLiveFreshness, useLiveStream } from '../features/live/api/use-live-stream.ts';
import { LiveKpis } from '../features/live/components/live-kpis.tsx';
import { SiteLive } from '../features/live/components/site-live.tsx';
import { StaleBadge } from '../features/live/components/stale-badge.tsx';
import type { ChartRange } from '../features/live/model/chart-range.ts';
import { BoundaryToggle } from '../features/map/components/boundary-toggle.tsx';
import { MapLegend } from '../features/map/components/map-legend.tsx';
import { SiteFilters } from '../features/sites/components/site-filters.tsx';
import { SitePanel } from '../features/sites/components/site-panel.tsx';
import { filterOptions, filterSites } from '../features/sites/model/site-list.ts';
import { statusQueries } from '../features/status/api/status-queries.ts';
import { useConsoleHealth } from '../features/status/api/use-console-health.ts';
import { OutageBanner } from '../features/status/components/outage-banner.tsx';
import { describeOutage } from '../features/status/model/outage.ts';
import { formatCount } from '../lib/format.ts';
import { LiveNetworkMap } from './live-network-map.tsx';
import { LiveSiteList } from './live-site-list.tsx';
import { useFleetData } from './use-fleet-data.ts';
import { useUrlState } from './use-url-state.ts';

/** Width of the site panel over the map's right edge (keep in step with app.css). */
const PANEL_WIDTH_PX = 400;

/** The console: header totals, the site list, the map, and the selected site's panel. */
export function App() {
  const [url, setUrl] = useUrlState();
  const source = useMemo(() => ({ synthetic: url.synthetic }), [url.synthetic]);
  const fleet = useFleetData(source);
  const health = useConsoleHealth(!url.synthetic);
  const live = useLiveConsole(!url.synthetic);
  useEffect(() => {
    if (health.status) live.noteStatus(health.status);
  }, [live, health.status]);
  const freshness = useLiveFreshness(live);

  const q = useDeferredValue(url.q);
  const filters = useMemo(() => ({ country: url.country, status: url.status, operator: url.operator, q }), [url.country, url.status, url.operator, q]);
  const visible = useMemo(() => filterSites(fleet.rows, filters), [fleet.rows, filters]);
  const options = useMemo(() => filterOptions(fleet.rows), [fleet.rows]);
  const selectedRow = useMemo(() => fleet.rows.find((s) => s.id === url.site), [fleet.rows, url.site]);
  const selection = useMemo(
    () => selectedRow && { id: selectedRow.id, lat: selectedRow.lat, lon: selectedRow.lon, itCapacityMw: selectedRow.itCapacityMw },
    [selectedRow],
  );
  const outage = describeOutage({ status: health.status, statusError: health.statusError, dataErrors: fleet.errors, hasData: !!fleet.sites.data });

  const select = useCallback((id: string) => setUrl({ site: id }), [setUrl]);
  const setRange = useCallback((range: ChartRange) => setUrl({ range }, { replace: true }), [setUrl]);
  const closePanel = useCallback(() => {
    const id = url.site;
    setUrl({ site: undefined });
    requestAnimationFrame(() => {
      const row = id ? document.querySelector<HTMLElement>(`[data-site-id="${CSS.escape(id)}"]`) : null;
      (row ?? document.querySelector<HTMLElement>('.network-map'))?.focus();
    });
  }, [setUrl, url.site]);

  const initialError = fleet.sites.isError && !fleet.sites.data;
  return (
    <div className="app">
      <FleetHeader summary={fleet.summary} synthetic={url.synthetic} unavailable={fleet.summaryUnavailable}>
        <LiveKpis />
        {!url.synthetic && <StaleBadge freshness={freshness} />}
      </FleetHeader>
      <OutageBanner outage={outage} />
      {initialError ? (
        <ErrorScreen
          title="The fleet could not be loaded"
          message={fleet.sites.error?.message ?? 'Unknown error.'}
          onRetry={() => void fleet.retry()}
          retrying={fleet.sites.isFetching}
          announce={outage.kind === 'none'}
        />
      ) : (
        <div className="workspace">
          <nav className="sidebar" aria-label="Sites">
            <div className="sidebar-head">
              <h2>Sites</h2>
              <p className="muted" aria-live="polite">
                {fleet.sites.isPending ? 'Loading…' : `${formatCount(visible.length)} of ${formatCount(fleet.rows.length)} shown`}
              </p>
            </div>
            <SiteFilters filters={{ ...filters, q: url.q }} options={options} onChange={setUrl} />
            {fleet.sites.isPending ? <p className="list-empty">Loading sites…</p> : <LiveSiteList sites={visible} selectedId={url.site} onSelect={select} />}
          </nav>
          <main className="map-area">
            <LiveNetworkMap
              sites={visible}
              links={fleet.links}
              selection={selection}
              onSelectSite={select}
              boundary={url.boundary}
              coveredRightPx={url.site ? PANEL_WIDTH_PX : 0}
            />
            <div className="map-overlays">
              {!import.meta.env.VITE_TILE_URL && <BoundaryToggle value={url.boundary} onChange={(boundary) => setUrl({ boundary }, { replace: true })} />}
              <MapLegend />
            </div>
          </main>
          {url.site && (
            <SitePanel key={url.site} siteId={url.site} row={selectedRow} source={source} onClose={closePanel}>
              {!url.synthetic && <SiteLive siteId={url.site} fleetStatus={selectedRow?.status} range={url.range} onRangeChange={setRange} />}
            </SitePanel>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The live feed, wired to the console's status: a `status` event replaces the status query's data, and
 * a stream that drops, resumes or falls silent makes the console ask /api/status once (it never polls).
 * Charts that followed the stream are refreshed when it resumes after a gap.
 */
function useLiveConsole(follow: boolean) {
  const queryClient = useQueryClient();
  return useLiveStream(follow, {
    onStatus: (status) => queryClient.setQueryData(statusQueries.console().queryKey, status),
    onCheckStatus: () => void queryClient.refetchQueries({ queryKey: statusQueries.console().queryKey }, { cancelRefetch: false }),
    onResumed: () => void queryClient.invalidateQueries({ queryKey: liveQueries.allSeries() }),
  });
}
