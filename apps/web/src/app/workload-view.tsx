import type { SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { placementQueries } from '../features/placement/api/placement-queries.ts';
import { WorkloadMoves } from '../features/timeline/components/workload-moves.tsx';
import { PlanSummary } from '../features/placement/components/plan-summary.tsx';
import { PlanTable, Reasons } from '../features/placement/components/plan-table.tsx';
import { SiteCapacity } from '../features/placement/components/site-capacity.tsx';
import { reasonContextOf, type PlanContext, type SiteLabels } from '../features/placement/model/plan-view.ts';
import { useReleaseWorkload } from '../features/workloads/api/use-release-workload.ts';
import { workloadQueries } from '../features/workloads/api/workload-queries.ts';
import { AuditTrail } from '../features/workloads/components/audit-trail.tsx';
import { PolicyFlagNotice } from '../features/workloads/components/policy-flag-notice.tsx';
import { ReleaseButton } from '../features/workloads/components/release-button.tsx';
import { WorkloadFacts } from '../features/workloads/components/workload-facts.tsx';
import { WorkloadStateBadge } from '../features/workloads/components/workload-state-badge.tsx';
import { isReleasable } from '../features/workloads/model/workload-state.ts';
import { ApiError } from '../lib/api-client.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import type { InPlaceLink } from './in-place-link.ts';

interface WorkloadViewProps {
  workloadId: string;
  sites: readonly SiteRow[];
  siteName: (id: string) => string;
  backLink: InPlaceLink;
  siteLink: (siteId: string) => InPlaceLink;
  /** Whether the person's role may release workloads: Release is not offered otherwise. */
  canRelease: boolean;
}

/**
 * One workload: its state, where it runs and what it holds, the site's capacity now, Release (for the
 * roles that may), the rule that forbids it where it runs when a policy change flagged it (issue 15), the plan that placed it (the same table as when placing), every move (from the
 * timeline, live) and its audit trail.
 */
export function WorkloadView({ workloadId, sites, siteName, backLink, siteLink, canRelease }: WorkloadViewProps) {
  const t = useT();
  const detail = useQuery(workloadQueries.detail(workloadId));
  const policy = useQuery(placementQueries.policy());
  const release = useReleaseWorkload();
  const heading = useRef<HTMLHeadingElement>(null);
  const labels: SiteLabels = useMemo(() => new Map(sites.map((s) => [s.id, { name: s.name, country: s.country }])), [sites]);
  const conditionLabels = useMemo(() => new Map(policy.data?.conditions.map((c) => [c.id, c.label])), [policy.data]);

  useEffect(() => heading.current?.focus(), [workloadId]);

  const releaseNow = () => release.mutate(workloadId);

  const workload = detail.data?.workload;
  // The reasons are said from their parts: conditions by their policy labels, the data's origin for the rule's scope.
  const origin = workload?.dataOrigin;
  const planContext: PlanContext = useMemo(() => ({ ...(policy.data ? { policy: policy.data } : {}), ...(origin ? { origin } : {}), sites: labels }), [policy.data, origin, labels]);
  const notFound = detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND';
  return (
    <main className="page workload-page" aria-labelledby="workload-title" aria-busy={detail.isPending}>
      <p className="breadcrumb">
        <a {...backLink}>{t('app.workload.back')}</a>
      </p>
      <div className="page-head">
        <h2 id="workload-title" ref={heading} tabIndex={-1}>
          {workload?.name ?? (detail.isError ? t('app.workload.notAvailable') : t('app.workload.loading'))}
        </h2>
        {workload && (
          // A live region: the state moves on its own (placed → running) and after a release.
          <p className="workload-state" role="status" aria-label={t('app.workload.state')}>
            <WorkloadStateBadge state={workload.state} />
          </p>
        )}
      </div>
      {detail.isError && !workload && (
        <div className="form-alert" role="alert">
          <p>{notFound ? t('app.workload.notFound', { id: workloadId }) : t('app.workload.loadFailed', { message: detail.error.message })}</p>
          {!notFound && (
            <button type="button" className="link-button" onClick={() => void detail.refetch()}>
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
      {workload && detail.data && (
        <>
          <div className="workload-overview">
            <div>
              <WorkloadFacts workload={workload} siteName={siteName} siteLink={siteLink} conditionLabels={conditionLabels} />
              {canRelease && isReleasable(workload.state) && (
                <ReleaseButton
                  workload={workload}
                  siteName={workload.siteId ? siteName(workload.siteId) : undefined}
                  onRelease={releaseNow}
                  releasing={release.isPending}
                  error={release.isError ? release.error.message : undefined}
                />
              )}
            </div>
            {workload.siteId && (
              <div>
                <p className="capacity-site">{siteName(workload.siteId)}</p>
                <SiteCapacity siteId={workload.siteId} model={workload.gpuModel} />
              </div>
            )}
          </div>
          {workload.policyFlag && <PolicyFlagNotice flag={workload.policyFlag} siteName={workload.siteId ? siteName(workload.siteId) : undefined} />}
          {workload.strandedReasons && workload.strandedReasons.length > 0 && (
            <section className="page-section" aria-labelledby="stranded-title">
              <h3 id="stranded-title">{t('app.workload.stranded')}</h3>
              <ul className="stranded-sites">
                {workload.strandedReasons.map((r) => (
                  <li key={r.siteId}>
                    <strong>{siteName(r.siteId)}</strong>
                    <Reasons reasons={r.reasons} context={reasonContextOf(planContext, r.siteId)} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="page-section" aria-labelledby="why-title">
            <h3 id="why-title">{t('app.workload.why')}</h3>
            {detail.data.plan ? (
              <>
                <PlanSummary plan={detail.data.plan} policy={policy.data} />
                <PlanTable plan={detail.data.plan} sites={labels} placedOn={workload.siteId} context={planContext} />
              </>
            ) : (
              <p className="muted">{t('app.workload.noPlan')}</p>
            )}
          </section>
          <section className="page-section" aria-labelledby="moves-title">
            <h3 id="moves-title">{t('app.workload.moves')}</h3>
            <WorkloadMoves workloadId={workload.id} siteName={siteName} siteLink={siteLink} />
          </section>
          <section className="page-section" aria-labelledby="audit-title">
            <h3 id="audit-title">{t('app.workload.audit')}</h3>
            <AuditTrail records={detail.data.audit} siteName={siteName} />
          </section>
        </>
      )}
    </main>
  );
}
