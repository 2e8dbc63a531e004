import type { Principal } from '@corridor/shared';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorScreen } from '../components/error-screen.tsx';
import { refetchAlerts } from '../features/alerts/api/alert-queries.ts';
import { useFiringAlertCounts } from '../features/alerts/api/use-firing-alert-counts.ts';
import { useFollowAlerts } from '../features/alerts/api/use-follow-alerts.ts';
import { AlertBadge } from '../features/alerts/components/alert-badge.tsx';
import { liveQueries } from '../features/live/api/live-queries.ts';
import { useLiveFreshness, useLiveStream } from '../features/live/api/use-live-stream.ts';
import { StaleBadge } from '../features/live/components/stale-badge.tsx';
import { UserMenu } from '../features/session/components/user-menu.tsx';
import { abilitiesOf, viewDeniedReason } from '../features/session/model/abilities.ts';
import { statusQueries } from '../features/status/api/status-queries.ts';
import { useConsoleHealth } from '../features/status/api/use-console-health.ts';
import { OutageBanner } from '../features/status/components/outage-banner.tsx';
import { describeOutage } from '../features/status/model/outage.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { findView, viewsFor, type ViewContext } from './console-views.tsx';
import { inPlaceLink, type InPlaceLink } from './in-place-link.ts';
import { MapView } from './map-view.tsx';
import type { UrlState } from './url-state.ts';
import { LiveFleetHeader } from './live-fleet-header.tsx';
import { useFleetData } from './use-fleet-data.ts';
import { useNocFollowers } from './use-noc-followers.ts';
import { useCapacityFollower } from './use-capacity-follower.ts';
import { useExecutiveLanding } from './use-executive-landing.ts';
import { useUrlState } from './use-url-state.ts';
import { ViewTabs } from './view-tabs.tsx';
import { WallView } from './wall-view.tsx';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { SkipLinks } from './skip-links.tsx';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts';
import { nocShortcutActions } from './noc-shortcut-actions.ts';

// The map is what most visits show: one workload's page loads when first opened (the others: console-views.tsx).
const WorkloadView = lazy(() => import('./workload-view.tsx').then((m) => ({ default: m.WorkloadView })));

/**
 * The console of a signed-in person: header totals and their account, the view tabs over one view —
 * the network map (site list, map, the selected site's panel), one workload's page (?workload=<id>), or
 * a page of the view list (console-views.tsx: placing, workloads, users, tokens, audit, policy; ?view=<id>).
 * What the person's role cannot do is not offered; a link to it, or to a view that does not exist, says so.
 */
export function Console({ principal }: { principal: Principal }) {
  const t = useT();
  const abilities = useMemo(() => abilitiesOf(principal), [principal]);
  const tabs = useMemo(() => viewsFor(abilities), [abilities]);
  const [url, setUrl] = useUrlState();
  const source = useMemo(() => ({ synthetic: url.synthetic }), [url.synthetic]);
  const fleet = useFleetData(source);
  const health = useConsoleHealth(!url.synthetic);
  const live = useLiveConsole(!url.synthetic);
  useNocFollowers(live);
  // Telemetry moves the ledger's in use and out of service: followed on the capacity view only, so ticks
  // elsewhere cost no request (the header's in use comes from the stream itself).
  useCapacityFollower(live, url.view === 'capacity');
  useExecutiveLanding(principal, setUrl);
  useFollowAlerts(live.onNocEvent);
  const alertCounts = useFiringAlertCounts(abilities.canReadNoc && !url.synthetic);
  useEffect(() => {
    if (health.status) live.noteStatus(health.status);
  }, [live, health.status]);
  const freshness = useLiveFreshness(live);
  const outage = describeOutage({ status: health.status, statusError: health.statusError, dataErrors: fleet.errors, hasData: !!fleet.sites.data });
  const siteName = useCallback((id: string) => fleet.rows.find((s) => s.id === id)?.name ?? id, [fleet.rows]);
  const link = (patch: Partial<UrlState>) => inPlaceLink(url, patch, setUrl);

  const viewContext: ViewContext = { principal, abilities, url, setUrl, link, fleet, siteName, sites: fleet.rows };
  const [helpOpen, setHelpOpen] = useState(false);
  const shortcut = nocShortcutActions({ url, setUrl, canReadNoc: abilities.canReadNoc, openHelp: () => setHelpOpen(true) });
  useKeyboardShortcuts(shortcut, !url.wall);

  // The tab's title names the view (the map is the console's home: "Corridor"); the alert badge prefixes its count.
  const declaredView = findView(url.view);
  const viewTitle = url.workload ? t('app.view.workloads') : declaredView ? t(declaredView.labelKey) : undefined;
  const documentTitle = viewTitle ? t('app.documentTitle.view', { view: viewTitle }) : t('app.documentTitle.map');
  const badgeShown = abilities.canReadNoc && !url.synthetic;
  useEffect(() => {
    // With the badge shown, the badge writes the title (its count first); without it, the title is the view's.
    if (!badgeShown && !url.wall) document.title = documentTitle;
  }, [badgeShown, documentTitle, url.wall]);

  const view = () => {
    if (url.workload) {
      return (
        <WorkloadView
          key={url.workload}
          workloadId={url.workload}
          sites={fleet.rows}
          siteName={siteName}
          backLink={link({ view: 'workloads', workload: undefined })}
          siteLink={(site) => link({ view: undefined, workload: undefined, site })}
          canRelease={abilities.canRelease}
        />
      );
    }
    if (url.view === undefined) return <MapView url={url} setUrl={setUrl} fleet={fleet} source={source} alertCounts={alertCounts} />;
    const declared = findView(url.view);
    if (!declared) return <NotAView title={t('app.notAView.title')} message={t('app.notAView.message', { view: url.view })} mapLink={link({ view: undefined })} />;
    if (declared.may && !declared.may(abilities)) {
      return <NotAView title={t('app.denied.title')} message={declared.deniedReason?.(principal) ?? t('app.denied.default')} mapLink={link({ view: undefined })} />;
    }
    return declared.render(viewContext);
  };

  if (url.wall) {
    const exitLink = link({ wall: undefined });
    if (!abilities.canReadNoc) return <NotAView title={t('app.denied.title')} message={viewDeniedReason(principal, t('app.view.wall'), 'noc:read')} mapLink={exitLink} />;
    return (
      <WallView
        sites={fleet.rows}
        links={fleet.links}
        freshness={freshness}
        siteName={siteName}
        exitLink={exitLink}
        onOpenSite={(site) => setUrl({ wall: undefined, view: undefined, site, link: undefined })}
      />
    );
  }

  return (
    <div className="app">
      <SkipLinks mapView={!url.workload && url.view === undefined} />
      {/* Before the view: the view stays the grid's last child (app.css), the dialog sits in the top layer. */}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      <LiveFleetHeader sites={fleet.rows} country={url.country} summary={fleet.summary} synthetic={url.synthetic} unavailable={fleet.summaryUnavailable}>
        {badgeShown && <AlertBadge alertsLink={link({ view: 'alerts', workload: undefined, alertState: 'firing' })} baseTitle={documentTitle} />}
        {/* The live badge over the account: together they take the badge's fixed slot, not a column of their own. */}
        <div className="topbar-end">
          {!url.synthetic && <StaleBadge freshness={freshness} />}
          <div className="topbar-account">
            <UserMenu principal={principal} />
            <button type="button" className="icon-button shortcuts-button" aria-label={t('app.shortcuts.open')} aria-haspopup="dialog" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
              <span aria-hidden="true" className="shortcuts-glyph" />
            </button>
          </div>
        </div>
      </LiveFleetHeader>
      <ViewTabs current={url.workload ? 'workloads' : url.view} linkTo={(v) => link({ view: v, workload: undefined })} views={tabs} />
      <OutageBanner outage={outage} />
      {fleet.sites.isError && !fleet.sites.data ? (
        <ErrorScreen
          title={t('app.fleet.failed')}
          message={fleet.sites.error?.message ?? t('common.unknownError')}
          onRetry={() => void fleet.retry()}
          retrying={fleet.sites.isFetching}
          announce={outage.kind === 'none'}
        />
      ) : (
        <Suspense fallback={<p className="view-loading">{t('common.loading')}</p>}>{view()}</Suspense>
      )}
    </div>
  );
}

/** A view reached by a link that the console has not, or that the person's role does not include: why, and the way back. */
function NotAView({ title, message, mapLink }: { title: string; message: string; mapLink: InPlaceLink }) {
  const t = useT();
  return (
    <main className="page" aria-labelledby="denied-title">
      <div className="page-head">
        <h2 id="denied-title">{title}</h2>
      </div>
      <p>{message}</p>
      <p>
        <a {...mapLink}>{t('app.backToMap')}</a>
      </p>
    </main>
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
    // Also after a resync or a gap: the alert lists may have missed `alert` events.
    onResumed: () => {
      void queryClient.invalidateQueries({ queryKey: liveQueries.allSeries() });
      void refetchAlerts(queryClient);
    },
  });
}
