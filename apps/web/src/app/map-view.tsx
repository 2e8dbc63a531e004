import type { SiteRow } from '@corridor/shared';
import { useCallback, useDeferredValue, useMemo } from 'react';
import { LinkPanel } from '../features/links/components/link-panel.tsx';
import { LinkLive } from '../features/live/components/link-live.tsx';
import { useLiveHealth } from '../features/live/api/live-selectors.ts';
import { SiteLive } from '../features/live/components/site-live.tsx';
import { LiveSiteLedger, LiveSitePanel } from './live-site-panel.tsx';
import type { ChartRange } from '../features/live/model/chart-range.ts';
import { BoundaryToggle } from '../features/map/components/boundary-toggle.tsx';
import { MapLegend } from '../features/map/components/map-legend.tsx';
import type { FleetSource } from '../features/sites/api/sites-queries.ts';
import { SiteFilters } from '../features/sites/components/site-filters.tsx';
import { filterOptions, filterSites } from '../features/sites/model/site-rows.ts';
import { formatCount } from '../lib/format.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { SKIP_TARGETS } from './skip-links.tsx';
import { LiveNetworkMap } from './live-network-map.tsx';
import { LiveSiteList } from './live-site-list.tsx';
import { SiteOperationsSection } from './site-operations-section.tsx';
import type { UrlState } from './url-state.ts';
import type { useFleetData } from './use-fleet-data.ts';
import type { UrlStateUpdate } from './use-url-state.ts';

/** Width of the site or link panel over the map's inline-end edge (keep in step with app.css). */
const PANEL_WIDTH_PX = 400;

interface MapViewProps {
  url: UrlState;
  setUrl: (patch: Partial<UrlState>, options?: UrlStateUpdate) => void;
  fleet: ReturnType<typeof useFleetData>;
  source: FleetSource;
  /** Firing alerts per site (markers and clusters show the count); absent for a role that reads no alerts. */
  alertCounts?: Readonly<Record<string, number>>;
}

/** The network map: the site list and its filters, the map, and the selected site's panel (live figures, its capacity ledger) or link's. */
export function MapView({ url, setUrl, fleet, source, alertCounts }: MapViewProps) {
  const t = useT();
  const q = useDeferredValue(url.q);
  const filters = useMemo(() => ({ country: url.country, status: url.status, health: url.health, operator: url.operator, q }), [url.country, url.status, url.health, url.operator, q]);
  // Declared status and health filters read the live stream; without them a health event does not refilter.
  const liveHealth = useLiveHealth();
  const stateHealth = filters.status || filters.health ? liveHealth : undefined;
  const visible = useMemo(() => filterSites(fleet.rows, filters, stateHealth), [fleet.rows, filters, stateHealth]);
  const options = useMemo(() => filterOptions(fleet.rows, liveHealth), [fleet.rows, liveHealth]);
  const selectedRow: SiteRow | undefined = useMemo(() => fleet.rows.find((s) => s.id === url.site), [fleet.rows, url.site]);
  const selection = useMemo(() => selectedRow && { id: selectedRow.id, lat: selectedRow.lat, lon: selectedRow.lon, itCapacityMw: selectedRow.itCapacityMw }, [selectedRow]);

  const selectedLink = useMemo(() => (url.link ? fleet.links.find((l) => l.id === url.link) : undefined), [fleet.links, url.link]);

  // One panel at a time: opening a site closes a link's panel and the other way round.
  const select = useCallback((id: string) => setUrl({ site: id, link: undefined }), [setUrl]);
  const selectLink = useCallback((id: string) => setUrl({ link: id, site: undefined }), [setUrl]);
  const setRange = useCallback((range: ChartRange) => setUrl({ range }, { replace: true }), [setUrl]);
  const closeLink = useCallback(() => {
    setUrl({ link: undefined });
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.network-map')?.focus());
  }, [setUrl]);
  const closePanel = useCallback(() => {
    const id = url.site;
    setUrl({ site: undefined });
    requestAnimationFrame(() => {
      const row = id ? document.querySelector<HTMLElement>(`[data-site-id="${CSS.escape(id)}"]`) : null;
      (row ?? document.querySelector<HTMLElement>('.network-map'))?.focus();
    });
  }, [setUrl, url.site]);

  return (
    <div className="workspace">
      <nav className="sidebar" id={SKIP_TARGETS.siteList} tabIndex={-1} aria-labelledby="site-list-title">
        <div className="sidebar-head">
          <h2 id="site-list-title">{t('app.map.sites')}</h2>
          <p className="muted" aria-live="polite">
            {fleet.sites.isPending ? t('common.loading') : t('app.map.shown', { shown: formatCount(visible.length), total: formatCount(fleet.rows.length) })}
          </p>
        </div>
        <SiteFilters filters={{ ...filters, q: url.q }} options={options} onChange={setUrl} />
        {fleet.sites.isPending ? <p className="list-empty">{t('app.map.loadingSites')}</p> : <LiveSiteList sites={visible} selectedId={url.site} onSelect={select} />}
      </nav>
      <main className="map-area" id={SKIP_TARGETS.map} tabIndex={-1} aria-label={t('app.map.mapLabel')}>
        <LiveNetworkMap
          sites={visible}
          links={fleet.links}
          alertCounts={alertCounts}
          selection={selection}
          onSelectSite={select}
          onSelectLink={selectLink}
          selectedLinkId={url.link}
          boundary={url.boundary}
          // In Arabic the panel covers the map's left edge, which the map cannot yet be told: centred is then the better view.
          coveredRightPx={(url.site || url.link) && t.dir === 'ltr' ? PANEL_WIDTH_PX : 0}
        />
        <div className="map-overlays">
          {!import.meta.env.VITE_TILE_URL && <BoundaryToggle value={url.boundary} onChange={(boundary) => setUrl({ boundary }, { replace: true })} />}
          <MapLegend />
        </div>
      </main>
      {url.site && (
        <LiveSitePanel key={url.site} siteId={url.site} row={selectedRow} source={source} onClose={closePanel} onOpenLink={selectLink}>
          {!url.synthetic && <SiteOperationsSection siteId={url.site} row={selectedRow} url={url} setUrl={setUrl} />}
          {!url.synthetic && <SiteLive siteId={url.site} range={url.range} onRangeChange={setRange} />}
          {!url.synthetic && <LiveSiteLedger siteId={url.site} />}
        </LiveSitePanel>
      )}
      {url.link && (
        <LinkPanel key={url.link} linkId={url.link} link={selectedLink} loading={fleet.linksPending} unavailable={fleet.linksUnavailable} onClose={closeLink} onOpenSite={select}>
          {selectedLink && !url.synthetic && <LinkLive link={selectedLink} range={url.range} onRangeChange={setRange} />}
        </LinkPanel>
      )}
    </div>
  );
}
