import type { Principal } from '@corridor/shared';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { ErrorScreen } from '../components/error-screen.tsx';
import { FleetHeader } from '../features/fleet/components/fleet-header.tsx';
import { liveQueries } from '../features/live/api/live-queries.ts';
import { useLiveFreshness, useLiveStream } from '../features/live/api/use-live-stream.ts';
import { LiveKpis } from '../features/live/components/live-kpis.tsx';
import { StaleBadge } from '../features/live/components/stale-badge.tsx';
import { UserMenu } from '../features/session/components/user-menu.tsx';
import { abilitiesOf, placingDeniedReason } from '../features/session/model/abilities.ts';
import { statusQueries } from '../features/status/api/status-queries.ts';
import { useConsoleHealth } from '../features/status/api/use-console-health.ts';
import { OutageBanner } from '../features/status/components/outage-banner.tsx';
import { describeOutage } from '../features/status/model/outage.ts';
import { inPlaceLink, type InPlaceLink } from './in-place-link.ts';
import { MapView } from './map-view.tsx';
import { urlPatchOfWorkloadFilter, workloadFilterOf, type UrlState } from './url-state.ts';
import { useFleetData } from './use-fleet-data.ts';
import { useUrlState } from './use-url-state.ts';
import { ViewTabs } from './view-tabs.tsx';

// The map is what most visits show: the placement and workload pages load when first opened.
const PlaceView = lazy(() => import('./place-view.tsx').then((m) => ({ default: m.PlaceView })));
const WorkloadsView = lazy(() => import('./workloads-view.tsx').then((m) => ({ default: m.WorkloadsView })));
const WorkloadView = lazy(() => import('./workload-view.tsx').then((m) => ({ default: m.WorkloadView })));

/**
 * The console of a signed-in person: header totals and their account, the view tabs over one view —
 * the network map (site list, map, the selected site's panel), placing a workload, the workloads list,
 * or one workload's page. Each view is a deep link (?view=place, ?view=workloads, ?workload=<id>).
 * What the person's role cannot do is not offered.
 */
export function Console({ principal }: { principal: Principal }) {
  const abilities = useMemo(() => abilitiesOf(principal), [principal]);
  const [url, setUrl] = useUrlState();
  const source = useMemo(() => ({ synthetic: url.synthetic }), [url.synthetic]);
  const fleet = useFleetData(source);
  const health = useConsoleHealth(!url.synthetic);
  const live = useLiveConsole(!url.synthetic);
  useEffect(() => {
    if (health.status) live.noteStatus(health.status);
  }, [live, health.status]);
  const freshness = useLiveFreshness(live);
  const outage = describeOutage({ status: health.status, statusError: health.statusError, dataErrors: fleet.errors, hasData: !!fleet.sites.data });
  const siteName = useCallback((id: string) => fleet.rows.find((s) => s.id === id)?.name ?? id, [fleet.rows]);
  const link = (patch: Partial<UrlState>) => inPlaceLink(url, patch, setUrl);

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
    if (url.view === 'place') {
      if (!abilities.canPlace) return <NotForYourRole message={placingDeniedReason(principal)} mapLink={link({ view: undefined })} />;
      return <PlaceView ownTenant={abilities.ownTenant} sites={fleet.rows} links={fleet.links} boundary={url.boundary} onPlaced={(workload) => setUrl({ view: 'workloads', workload })} />;
    }
    if (url.view === 'workloads') {
      return (
        <WorkloadsView
          filter={workloadFilterOf(url)}
          onFilterChange={(patch, options) => setUrl(urlPatchOfWorkloadFilter(patch), options)}
          sites={fleet.rows}
          siteName={siteName}
          linkTo={(workload) => link({ workload })}
          placeLink={abilities.canPlace ? link({ view: 'place' }) : undefined}
          ownTenant={abilities.ownTenant}
        />
      );
    }
    return <MapView url={url} setUrl={setUrl} fleet={fleet} source={source} />;
  };

  return (
    <div className="app">
      <FleetHeader summary={fleet.summary} synthetic={url.synthetic} unavailable={fleet.summaryUnavailable}>
        <LiveKpis />
        {/* The live badge over the account: together they take the badge's fixed slot, not a column of their own. */}
        <div className="topbar-end">
          {!url.synthetic && <StaleBadge freshness={freshness} />}
          <UserMenu principal={principal} />
        </div>
      </FleetHeader>
      <ViewTabs current={url.workload ? 'workloads' : url.view} linkTo={(v) => link({ view: v, workload: undefined })} canPlace={abilities.canPlace} />
      <OutageBanner outage={outage} />
      {fleet.sites.isError && !fleet.sites.data ? (
        <ErrorScreen
          title="The fleet could not be loaded"
          message={fleet.sites.error?.message ?? 'Unknown error.'}
          onRetry={() => void fleet.retry()}
          retrying={fleet.sites.isFetching}
          announce={outage.kind === 'none'}
        />
      ) : (
        <Suspense fallback={<p className="view-loading">Loading…</p>}>{view()}</Suspense>
      )}
    </div>
  );
}

/** A view the person's role does not include, reached by a link: why, and the way back. */
function NotForYourRole({ message, mapLink }: { message: string; mapLink: InPlaceLink }) {
  return (
    <main className="page" aria-labelledby="denied-title">
      <div className="page-head">
        <h2 id="denied-title">Not available to your role</h2>
      </div>
      <p>{message}</p>
      <p>
        <a {...mapLink}>Back to the network map</a>
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
    onResumed: () => void queryClient.invalidateQueries({ queryKey: liveQueries.allSeries() }),
  });
}
