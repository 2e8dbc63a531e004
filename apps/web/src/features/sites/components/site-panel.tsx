import type { SiteHealth, SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Drawer } from '../../../components/drawer.tsx';
import { SiteStateBadge } from '../../../components/site-state-badge.tsx';
import { ApiError, isUnavailableError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatSiteAndViewerTime, viewerZone, zoneOfCountry } from '../../../lib/local-time.ts';
import { siteStateOf } from '../../../lib/site-status.ts';
import { siteQueries, type FleetSource } from '../api/sites-queries.ts';
import { RowFacts, SiteFacts } from './site-facts.tsx';

interface SitePanelProps {
  siteId: string;
  /** The list's row, shown while the detail loads. */
  row?: SiteRow;
  source: FleetSource;
  onClose: () => void;
  /** Opens one of the site's links (its row in the Links table becomes a button). */
  onOpenLink?: (linkId: string) => void;
  /** The site's declared status and observed health from the live stream (absent: the fleet's status, no data). */
  health?: SiteHealth;
  /** Sections the console adds under the status line (the live figures and charts). */
  children?: ReactNode;
}

/** The drawer for the selected site: what the console adds (live figures), then its facts, clusters and links. Escape closes it. */
export function SitePanel({ siteId, row, source, health, onClose, onOpenLink, children }: SitePanelProps) {
  const t = useT();
  const detail = useQuery(siteQueries.detail(siteId, source));
  const site = detail.data?.site;
  const name = site?.name ?? row?.name ?? (detail.isError ? t('sites.panel.unavailable') : t('sites.panel.loading'));
  const known = site ?? row;

  const notFound = detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND';
  return (
    <Drawer titleId="site-panel-title" title={name} closeLabel={t('sites.panel.close')} onClose={onClose} itemKey={siteId} busy={detail.isPending}>
      {known && <SiteStateLine state={siteStateOf(known.status, health)} city={known.city} country={known.country} />}
      {children}
      {detail.isPending && <p className="panel-state">{t('sites.panel.loadingDetails')}</p>}
      {detail.isError && !site && (
        // An outage is announced once, by the console's banner; other failures are announced here.
        <div className="panel-state error" role={isUnavailableError(detail.error) ? undefined : 'alert'}>
          <p>{notFound ? t('sites.panel.notFound', { id: siteId }) : t('sites.panel.loadFailed', { error: detail.error.message })}</p>
          {!notFound && (
            <button type="button" onClick={() => void detail.refetch()}>
              {t('sites.panel.retry')}
            </button>
          )}
        </div>
      )}
      {!detail.data && row && <RowFacts row={row} />}
      {detail.data && <SiteFacts site={detail.data.site} links={detail.data.links} stale={detail.isError} onOpenLink={onOpenLink} />}
    </Drawer>
  );
}

/**
 * The one status line: the declared · observed pair, the city, and why (or until when) under it. The end
 * of a maintenance belongs to the site: it is said in the site's zone and the viewer's, both named.
 */
function SiteStateLine({ state, city, country }: { state: ReturnType<typeof siteStateOf>; city: string; country: string }) {
  const t = useT();
  const until = state.maintenanceUntil ? t('sites.panel.maintenanceUntil', { time: formatSiteAndViewerTime(state.maintenanceUntil, zoneOfCountry(country) ?? viewerZone()) }) : undefined;
  return (
    <>
      {/* A group, since a plain paragraph may not be named: the declared · observed pair and the city, named "Status". */}
      <p className="panel-sub" role="group" aria-label={t('sites.panel.status')}>
        <SiteStateBadge state={state} /> {city}
      </p>
      {(state.reason || until) && (
        <p className="panel-sub muted site-state-why">{state.reason && until ? t('sites.panel.reasonAndUntil', { reason: state.reason, until }) : (state.reason ?? until)}</p>
      )}
    </>
  );
}
