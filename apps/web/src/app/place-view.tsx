import { PLACES, type Candidate, type Link, type Plan, type SiteRow, type WorkloadRequest } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommitOutcome } from '../features/placement/api/commit-workload.ts';
import { GREYED_COLOUR } from '../features/map/model/marker-style.ts';
import { placementQueries } from '../features/placement/api/placement-queries.ts';
import { useCommitWorkload } from '../features/placement/api/use-commit-workload.ts';
import { fieldControlId, PlacementForm, type ConditionsState } from '../features/placement/components/placement-form.tsx';
import { PlanLegend } from '../features/placement/components/plan-legend.tsx';
import { PlanSummary } from '../features/placement/components/plan-summary.tsx';
import { PlanTable, planRowId, Reasons } from '../features/placement/components/plan-table.tsx';
import { planMarks, reasonContextOf, type PlanContext, type SiteLabels } from '../features/placement/model/plan-view.ts';
import { checkForm, EMPTY_FORM, FIELD_ORDER, fieldErrorsOf, fieldLabel, type FieldErrors, type FormField, type WorkloadForm } from '../features/placement/model/workload-form.ts';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { ApiError } from '../lib/api-client.ts';
import { countryName } from '../lib/countries.ts';
import { formatCount, formatKw } from '../lib/format.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { translate } from '../lib/i18n/runtime.ts';
import { LiveNetworkMap } from './live-network-map.tsx';
import { dropPlacementPrefill, placementPrefill } from './placement-prefill.ts';
import { useDebouncedValue } from './use-debounced-value.ts';
import type { BoundaryMode } from './url-state.ts';

/** The plan is asked for once typing pauses this long. */
const PLAN_DEBOUNCE_MS = 300;
const PLACE_NAMES = PLACES.map((p) => p.name);
/** The form's id prefix: a field named by the server or by the banner is found by fieldControlId. */
const FORM_ID = 'place';

/** Takes the reader to a field: into view (still, if motion is reduced) and focused. */
function goToField(field: FormField) {
  const control = document.getElementById(fieldControlId(FORM_ID, field));
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  control?.scrollIntoView?.({ block: 'center', behavior: still ? 'auto' : 'smooth' });
  control?.focus({ preventScroll: true });
}

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
  /** The site a "Place here" committed to (undefined: the form's Commit, the best site). */
  const [triedSite, setTriedSite] = useState<string>();
  /** The candidate whose "Place here" awaits confirmation. */
  const [choice, setChoice] = useState<Candidate>();
  const check = useMemo(() => checkForm(form), [form]);
  const settled = useDebouncedValue(check, PLAN_DEBOUNCE_MS);
  // The last complete request: its plan stays on screen while a field is being corrected. Kept while
  // rendering (not in an effect), so the plan query follows in the same render as the settled form.
  const [planned, setPlanned] = useState<WorkloadRequest>();
  if (settled.ok && settled.request !== planned) setPlanned(settled.request);
  // Every weight at 0 leaves nothing to rank by: the last plan would answer another question, so it goes.
  const weightsZero = !check.ok && check.errors.weights !== undefined;

  const policy = useQuery(placementQueries.policy());
  const plan = useQuery(placementQueries.plan(planned));
  const commit = useCommitWorkload();

  const labels: SiteLabels = useMemo(() => new Map(sites.map((s) => [s.id, { name: s.name, country: s.country }])), [sites]);
  const shownPlan = weightsZero ? undefined : (noFit?.plan ?? plan.data);
  const context: PlanContext = useMemo(() => ({ ...(policy.data ? { policy: policy.data } : {}), ...(planned ? { origin: planned.dataOrigin } : {}), sites: labels }), [policy.data, planned, labels]);
  const marks = useMemo(() => shownPlan && planMarks(shownPlan, context), [shownPlan, context]);

  const change = useCallback((patch: Partial<WorkloadForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setNoFit(undefined);
  }, []);

  /** Commits the form's request: on the best site, or on the site chosen in the plan. */
  const place = (siteId?: string) => {
    if (!check.ok) return;
    setTriedSite(siteId);
    setNoFit(undefined);
    commit.mutate(siteId ? { ...check.request, siteId } : check.request, {
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
  const planErrors = fieldErrorsOf(plan.isError ? (planError?.fields ?? []) : []);
  const commitErrors = fieldErrorsOf(commitError?.fields ?? []);
  const serverErrors: FieldErrors = { ...commitErrors, ...planErrors };
  const planFields = FIELD_ORDER.filter((f) => planErrors[f]);
  const commitFields = FIELD_ORDER.filter((f) => commitErrors[f]);

  // A 400 names fields: take the reader to the first one, in view and focused — unless they are typing in
  // another field, which the focus must not leave (the banner's links lead there).
  const firstBad = commitFields[0] ?? planFields[0];
  const errorAt = commit.isError ? commit.submittedAt : plan.errorUpdatedAt;
  useEffect(() => {
    if (!firstBad) return;
    const control = document.getElementById(fieldControlId(FORM_ID, firstBad));
    const active = document.activeElement;
    const typingElsewhere = active !== control && active instanceof HTMLElement && active.matches('input, select, textarea');
    if (!typingElsewhere) goToField(firstBad);
  }, [firstBad, errorAt]);

  const chosenLabel = choice && labels.get(choice.siteId);
  const tried = noFit && triedSite ? { name: labels.get(triedSite)?.name ?? triedSite, rejected: noFit.plan.rejected.find((r) => r.siteId === triedSite) } : undefined;

  return (
    <div className="workspace place-view">
      <section className="sidebar place-sidebar" aria-labelledby="place-title">
        <div className="sidebar-head">
          <h2 id="place-title">{t('app.place.title')}</h2>
        </div>
        <PlacementForm
          idPrefix={FORM_ID}
          form={form}
          onChange={change}
          errors={check.ok ? {} : check.errors}
          serverErrors={serverErrors}
          conditions={conditions}
          places={PLACE_NAMES}
          fixedTenant={ownTenant}
          onSubmit={() => place()}
          submitting={commit.isPending}
          submitHint={submitHint(check.ok, shownPlan, labels)}
        />
        {commit.isError &&
          (commitFields.length > 0 ? (
            <CorrectionBanner summary={t('placement.correction.commit', { count: commitFields.length })} fields={commitFields} errors={commitErrors} />
          ) : (
            <p className="form-alert" role="alert">
              {t('app.place.commitFailed', { message: commit.error.message })}
            </p>
          ))}
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
              {weightsZero ? '' : plan.isFetching ? t('app.place.updating') : shownPlan ? t('app.place.counts', { candidates: shownPlan.candidates.length, rejected: shownPlan.rejected.length }) : ''}
            </p>
          </div>
          {noFit &&
            (tried ? (
              <div className="form-alert" role="alert">
                <p>{t.rich(tried.rejected ? 'placement.chosen.noFit' : 'placement.chosen.noFit.other', { site: <bdi key="site">{tried.name}</bdi> })}</p>
                {tried.rejected && <Reasons reasons={tried.rejected.reasons} context={reasonContextOf(context, tried.rejected.siteId)} />}
              </div>
            ) : (
              // Said from the fresh plan, in the reader's language (the server's sentence is English).
              <p className="form-alert" role="alert">
                {t(noFit.plan.candidates.length > 0 ? 'placement.noFit.filled' : 'placement.noFit.none')}
              </p>
            ))}
          {weightsZero && (
            <p className="form-alert" role="alert">
              {t('placement.weights.zero')}
            </p>
          )}
          {!weightsZero && !planned && <p className="plan-empty">{t('app.place.empty')}</p>}
          {!weightsZero && planned && plan.isPending && <p className="plan-empty">{t('app.place.planning')}</p>}
          {!weightsZero &&
            plan.isError &&
            (planFields.length > 0 ? (
              <CorrectionBanner summary={t('placement.correction.summary', { count: planFields.length })} fields={planFields} errors={planErrors} />
            ) : (
              <div className="form-alert" role="alert">
                <p>{planError?.fields ? t('app.place.needsCorrection') : t('app.place.planFailed', { message: plan.error.message })}</p>
                {!planError?.fields && (
                  <button type="button" className="link-button" onClick={() => void plan.refetch()}>
                    {t('common.retry')}
                  </button>
                )}
              </div>
            ))}
          {shownPlan && (
            <div className={plan.isPlaceholderData ? 'plan-body updating' : 'plan-body'}>
              {!check.ok && <p className="muted">{t('app.place.unfinished')}</p>}
              <PlanSummary plan={shownPlan} policy={policy.data} />
              <PlanTable
                plan={shownPlan}
                sites={labels}
                context={context}
                choosing={commit.isPending}
                {...(check.ok ? { onChoose: (siteId: string) => setChoice(shownPlan.candidates.find((c) => c.siteId === siteId)) } : {})}
              />
            </div>
          )}
        </section>
      </main>
      {choice && check.ok && (
        <ModalDialog
          titleId="place-confirm-title"
          className="place-confirm"
          title={t('placement.confirm.title', { name: check.request.name, site: chosenLabel?.name ?? choice.siteId })}
          onClose={() => setChoice(undefined)}
        >
          <p>
            {t('placement.confirm.text', {
              gpus: t('placement.table.free', { count: formatCount(check.request.gpus.count), model: choice.gpuModel }),
              power: formatKw(choice.powerKw),
              site: chosenLabel?.name ?? choice.siteId,
              country: chosenLabel?.country ? countryName(chosenLabel.country) : '',
              rank: formatCount(choice.rank),
            })}
          </p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => setChoice(undefined)}>
              {t('placement.confirm.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setChoice(undefined);
                place(choice.siteId);
              }}
            >
              {t('placement.confirm.place')}
            </button>
          </div>
        </ModalDialog>
      )}
    </div>
  );
}

/** A 400's fields in one place: how many, each by its label (a link to it) with its message in plain words. */
function CorrectionBanner({ summary, fields, errors }: { summary: string; fields: readonly FormField[]; errors: FieldErrors }) {
  return (
    <div className="form-alert" role="alert">
      <p>{summary}</p>
      <ul className="correction-fields">
        {fields.map((field) => (
          <li key={field}>
            <button type="button" className="link-button" onClick={() => goToField(field)}>
              {fieldLabel(field)}
            </button>
            <span className="correction-message">{errors[field]}</span>
          </li>
        ))}
      </ul>
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
