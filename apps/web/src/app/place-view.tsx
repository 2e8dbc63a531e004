import { PLACES, type Link, type Plan, type SiteRow, type WorkloadRequest } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommitOutcome } from '../features/placement/api/commit-workload.ts';
import { GREYED_COLOUR } from '../features/map/model/marker-style.ts';
import { placementQueries } from '../features/placement/api/placement-queries.ts';
import { useCommitWorkload } from '../features/placement/api/use-commit-workload.ts';
import { PlacementForm, type ConditionsState } from '../features/placement/components/placement-form.tsx';
import { PlanLegend } from '../features/placement/components/plan-legend.tsx';
import { PlanSummary } from '../features/placement/components/plan-summary.tsx';
import { PlanTable, planRowId } from '../features/placement/components/plan-table.tsx';
import { planMarks, type SiteLabels } from '../features/placement/model/plan-view.ts';
import { checkForm, EMPTY_FORM, fieldErrorsOf, type WorkloadForm } from '../features/placement/model/workload-form.ts';
import { ApiError } from '../lib/api-client.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { translate } from '../lib/i18n/runtime.ts';
import { LiveNetworkMap } from './live-network-map.tsx';
import { dropPlacementPrefill, placementPrefill } from './placement-prefill.ts';
import { useDebouncedValue } from './use-debounced-value.ts';
import type { BoundaryMode } from './url-state.ts';

/** The plan is asked for once typing pauses this long. */
const PLAN_DEBOUNCE_MS = 300;
const PLACE_NAMES = PLACES.map((p) => p.name);

interface PlaceViewProps {
  sites: readonly SiteRow[];
  links: readonly Link[];
  /** The Morocco boundary chosen on the network map. */
  boundary: BoundaryMode;
  /** A workload was placed: show its page. */
  onPlaced: (workloadId: string) => void;
  /** A tenant user's tenant: the workload is its own, the form's tenant fixed to it. */
  ownTenant?: string;
}

/**
 * "Place a workload": the form on the left; on the right the map with the plan drawn on it (ranked
 * candidates numbered, rejected sites grey) over the plan's explanation and its table of every site.
 * The plan follows the form as it is typed (debounced); the last plan stays while the next loads.
 */
export function PlaceView({ sites, links, boundary, onPlaced, ownTenant }: PlaceViewProps) {
  const t = useT();
  // A link may pre-fill the request (the capacity view's "Plan it"); a tenant's own tenant always wins.
  const [form, setForm] = useState<WorkloadForm>(() => ({ ...EMPTY_FORM, ...placementPrefill(window.location.search), ...(ownTenant ? { tenant: ownTenant } : {}) }));
  useEffect(dropPlacementPrefill, []);
  const [noFit, setNoFit] = useState<Extract<CommitOutcome, { kind: 'no-site-fits' }>>();
  const check = useMemo(() => checkForm(form), [form]);
  const settled = useDebouncedValue(check, PLAN_DEBOUNCE_MS);
  // The last complete request: its plan stays on screen while a field is being corrected. Kept while
  // rendering (not in an effect), so the plan query follows in the same render as the settled form.
  const [planned, setPlanned] = useState<WorkloadRequest>();
  if (settled.ok && settled.request !== planned) setPlanned(settled.request);

  const policy = useQuery(placementQueries.policy());
  const plan = useQuery(placementQueries.plan(planned));
  const commit = useCommitWorkload();

  const labels: SiteLabels = useMemo(() => new Map(sites.map((s) => [s.id, { name: s.name, country: s.country }])), [sites]);
  const shownPlan = noFit?.plan ?? plan.data;
  const marks = useMemo(() => shownPlan && planMarks(shownPlan), [shownPlan]);

  const change = useCallback((patch: Partial<WorkloadForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setNoFit(undefined);
  }, []);

  const submit = () => {
    if (!check.ok) return;
    commit.mutate(check.request, {
      onSuccess: (outcome) => (outcome.kind === 'placed' ? onPlaced(outcome.workload.id) : setNoFit(outcome)),
    });
  };

  const showRow = useCallback((siteId: string) => {
    const row = document.getElementById(planRowId(siteId));
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    row?.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    row?.focus({ preventScroll: true });
  }, []);

  const conditions: ConditionsState = policy.data
    ? { status: 'ready', conditions: policy.data.conditions }
    : policy.isError
      ? { status: 'error', message: policy.error.message, retry: () => void policy.refetch() }
      : { status: 'pending' };

  const planError = plan.error instanceof ApiError ? plan.error : undefined;
  const commitError = commit.error instanceof ApiError ? commit.error : undefined;
  const serverErrors = fieldErrorsOf([...(plan.isError ? (planError?.fields ?? []) : []), ...(commitError?.fields ?? [])]);

  return (
    <div className="workspace place-view">
      <section className="sidebar place-sidebar" aria-labelledby="place-title">
        <div className="sidebar-head">
          <h2 id="place-title">{t('app.place.title')}</h2>
        </div>
        <PlacementForm
          form={form}
          onChange={change}
          errors={check.ok ? {} : check.errors}
          serverErrors={serverErrors}
          conditions={conditions}
          places={PLACE_NAMES}
          fixedTenant={ownTenant}
          onSubmit={submit}
          submitting={commit.isPending}
          submitHint={submitHint(check.ok, shownPlan, labels)}
        />
        {commit.isError && (
          <p className="form-alert" role="alert">
            {t('app.place.commitFailed', { message: commit.error.message })}
          </p>
        )}
      </section>
      <main className="place-main">
        <div className="map-area place-map">
          <LiveNetworkMap sites={sites} links={links} marks={marks} onSelectSite={showRow} boundary={boundary} coveredRightPx={0} />
          <div className="map-overlays">
            <PlanLegend greyedColour={GREYED_COLOUR} />
          </div>
        </div>
        <section className="plan-panel" aria-labelledby="plan-title" aria-busy={plan.isFetching}>
          <div className="plan-head">
            <h2 id="plan-title">{t('app.place.plan')}</h2>
            <p className="muted" aria-live="polite">
              {plan.isFetching ? t('app.place.updating') : shownPlan ? t('app.place.counts', { candidates: shownPlan.candidates.length, rejected: shownPlan.rejected.length }) : ''}
            </p>
          </div>
          {noFit && (
            <p className="form-alert" role="alert">
              {t('app.place.noFit', { message: noFit.message })}
            </p>
          )}
          {!planned && <p className="plan-empty">{t('app.place.empty')}</p>}
          {planned && plan.isPending && <p className="plan-empty">{t('app.place.planning')}</p>}
          {plan.isError && (
            <div className="form-alert" role="alert">
              <p>{planError?.fields ? t('app.place.needsCorrection') : t('app.place.planFailed', { message: plan.error.message })}</p>
              {!planError?.fields && (
                <button type="button" className="link-button" onClick={() => void plan.refetch()}>
                  {t('common.retry')}
                </button>
              )}
            </div>
          )}
          {shownPlan && (
            <div className={plan.isPlaceholderData ? 'plan-body updating' : 'plan-body'}>
              {!check.ok && <p className="muted">{t('app.place.unfinished')}</p>}
              <PlanSummary plan={shownPlan} policy={policy.data} />
              <PlanTable plan={shownPlan} sites={labels} />
            </div>
          )}
        </section>
      </main>
    </div>
  );
}

/** What Commit will do, in words: on which site the workload would land now, or why it would not. */
function submitHint(complete: boolean, plan: Plan | undefined, labels: SiteLabels): string {
  if (!complete) return translate('app.place.hint.incomplete');
  if (!plan) return translate('app.place.hint.noPlan');
  const best = plan.candidates[0];
  if (!best) return translate('app.place.hint.none');
  return translate('app.place.hint.best', { site: labels.get(best.siteId)?.name ?? best.siteId });
}
