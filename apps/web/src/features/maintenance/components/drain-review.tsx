import './maintenance.css';
import { useEffect, useRef, useState, type AnchorHTMLAttributes } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { useDrainPlan, useExecuteDrain } from '../api/maintenance-queries.ts';
import { reviewOf, type PlanReview } from '../model/plan-review.ts';

interface DrainReviewProps {
  siteId: string;
  siteName: (id: string) => string;
  backLink: AnchorHTMLAttributes<HTMLAnchorElement>;
  /** The drain started: its progress is shown next. */
  onExecuted: (drainId: string) => void;
}

/**
 * A drain's review: the dry run of moving every workload off the site — each workload's destination with
 * its score and alternatives, or every site's reason for refusing it (with margins), and the capacity each
 * destination is left with — then Execute, confirmed. Nothing moves before the confirmation.
 */
export function DrainReview({ siteId, siteName, backLink, onExecuted }: DrainReviewProps) {
  const plan = useDrainPlan();
  const t = useT();
  const execute = useExecuteDrain();
  const [confirming, setConfirming] = useState(false);
  const executeButton = useRef<HTMLButtonElement>(null);
  // Cancelling the confirmation (its button or Escape) puts the keyboard back on Execute, not on the page's start.
  const refocusExecute = useRef(false);
  useEffect(() => {
    if (confirming || !refocusExecute.current) return;
    refocusExecute.current = false;
    executeButton.current?.focus();
  }, [confirming]);
  const cancelConfirm = () => {
    refocusExecute.current = true;
    setConfirming(false);
  };
  const heading = useRef<HTMLHeadingElement>(null);
  const { mutate: runPlan } = plan;

  // The dry run changes nothing: it runs when the review opens, and again on request.
  useEffect(() => {
    runPlan(siteId);
    heading.current?.focus();
  }, [runPlan, siteId]);

  const review = plan.data ? reviewOf(plan.data, siteName) : undefined;
  const expired = useExpired(plan.data?.expiresAt);
  const executeNow = () => {
    if (!plan.data) return;
    execute.mutate(plan.data.id, { onSuccess: (drain) => onExecuted(drain.id) });
  };
  return (
    <main className="page drain-page" aria-labelledby="drain-title" aria-busy={plan.isPending}>
      <p className="breadcrumb">
        <a {...backLink}>{t('maintenance.review.back', { site: siteName(siteId) })}</a>
      </p>
      <div className="page-head">
        <h2 id="drain-title" ref={heading} tabIndex={-1}>
          {t('maintenance.review.title', { site: siteName(siteId) })}
        </h2>
        <button type="button" className="ops-button" onClick={() => plan.mutate(siteId)} disabled={plan.isPending}>
          {plan.isPending ? t('maintenance.review.planning') : t('maintenance.review.rerun')}
        </button>
      </div>
      {plan.isPending && <p className="muted">{t('maintenance.review.planningLong')}</p>}
      {plan.isError && (
        <div className="form-alert" role="alert">
          <p>{t('maintenance.review.failed', { error: plan.error.message })}</p>
        </div>
      )}
      {review && plan.data && (
        <>
          <p className="drain-headline" role="status">
            {review.headline}
          </p>
          <p className="muted">
            {t.rich('maintenance.review.meta', {
              name: <bdi>{plan.data.createdBy}</bdi>,
              time: formatDateTime(plan.data.createdAt),
              zone: viewerZone(),
              until: formatDateTime(plan.data.expiresAt),
            })}
          </p>
          <ReviewMoves review={review} />
          <CapacityEffect review={review} />
          <div className="drain-execute">
            {!confirming ? (
              <button ref={executeButton} type="button" className="ops-button primary" onClick={() => setConfirming(true)} disabled={!review.canExecute || expired || execute.isPending}>
                {t('maintenance.review.execute')}
              </button>
            ) : (
              <div
                className="confirm"
                role="group"
                aria-label={t('maintenance.review.confirmLabel')}
                onKeyDown={(e) => {
                  if (e.key !== 'Escape' || execute.isPending) return;
                  e.stopPropagation();
                  cancelConfirm();
                }}
              >
                <p>{t('maintenance.review.confirmQuestion', { count: review.movable, site: siteName(siteId), blocked: review.blocked })}</p>
                <button type="button" className="ops-button danger" onClick={executeNow} disabled={execute.isPending} autoFocus>
                  {execute.isPending ? t('maintenance.review.starting') : t('maintenance.review.confirm')}
                </button>
                <button type="button" className="link-button" onClick={cancelConfirm} disabled={execute.isPending}>
                  {t('maintenance.review.cancel')}
                </button>
              </div>
            )}
            {!review.canExecute && <p className="muted">{t('maintenance.review.nothingToExecute')}</p>}
            {expired && <p className="muted">{t('maintenance.review.expired')}</p>}
            {execute.isError && (
              <p className="form-alert" role="alert">
                {execute.error instanceof ApiError && execute.error.status === 409
                  ? t('maintenance.review.startFailedConflict', { error: execute.error.message })
                  : t('maintenance.review.startFailed', { error: execute.error.message })}
              </p>
            )}
          </div>
        </>
      )}
    </main>
  );
}

/** Whether the instant has passed, turning true by itself when it does. */
function useExpired(expiresAt: string | undefined): boolean {
  const [expiredAt, setExpiredAt] = useState<string>();
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(() => setExpiredAt(expiresAt), Math.max(0, Date.parse(expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);
  return !!expiresAt && expiredAt === expiresAt;
}

function ReviewMoves({ review }: { review: PlanReview }) {
  const t = useT();
  if (review.moves.length === 0) return null;
  return (
    <section className="page-section" aria-labelledby="moves-title">
      <h3 id="moves-title">{t('maintenance.moves.title')}</h3>
      <table className="ops-table drain-moves" aria-labelledby="moves-title">
        <thead>
          <tr>
            <th scope="col">{t('maintenance.moves.col.workload')}</th>
            <th scope="col">{t('maintenance.moves.col.tenant')}</th>
            <th scope="col">{t('maintenance.moves.col.gpus')}</th>
            <th scope="col">{t('maintenance.moves.col.destination')}</th>
            <th scope="col">{t('maintenance.moves.col.alternatives')}</th>
          </tr>
        </thead>
        <tbody>
          {review.moves.map((m) => (
            <tr key={m.workloadId} className={m.destination ? undefined : 'is-blocked'}>
              <th scope="row">
                <bdi>{m.workloadName}</bdi> <bdi className="mono muted">{m.workloadId}</bdi>
              </th>
              <td>{m.tenant}</td>
              <td className="nowrap">{m.gpus}</td>
              <td>
                {m.destination ? (
                  <>
                    <strong>{m.destination.name}</strong> <span className="muted">{m.destination.score}</span>
                  </>
                ) : (
                  <strong className="blocked">{t('maintenance.moves.noDestination')}</strong>
                )}
              </td>
              <td>
                {m.destination ? (
                  m.alternatives.length ? (
                    <ul className="ops-list compact">
                      {m.alternatives.map((a) => (
                        <li key={a.siteId}>
                          {a.name} <span className="muted">{a.score}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('maintenance.moves.noAlternative')}</span>
                  )
                ) : (
                  <ul className="ops-list compact refusals">
                    {m.refusals.map((r) => (
                      <li key={r.siteId}>
                        {t.rich('maintenance.moves.refusalSite', { site: r.name, b: (chunks) => <strong>{chunks}</strong> })}
                        {r.reasons.map((x, i) => (
                          <span key={i}>
                            {i > 0 && t('maintenance.moves.reasonSeparator')}
                            {/* The code's meaning in the user's language; the placement engine's sentence stays the server's English. */}
                            {t.locale !== 'en' && <span className="reason-label">{t('maintenance.moves.reasonCode', { code: x.code })}</span>}
                            <code className="reason-code">{x.code}</code> <bdi>{x.text}</bdi>
                          </span>
                        ))}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CapacityEffect({ review }: { review: PlanReview }) {
  const t = useT();
  if (review.capacity.length === 0) return null;
  return (
    <section className="page-section" aria-labelledby="capacity-title">
      <h3 id="capacity-title">{t('maintenance.capacity.title')}</h3>
      <table className="ops-table drain-capacity" aria-labelledby="capacity-title">
        <thead>
          <tr>
            <th scope="col">{t('maintenance.capacity.col.destination')}</th>
            <th scope="col">{t('maintenance.capacity.col.free')}</th>
          </tr>
        </thead>
        <tbody>
          {review.capacity.map((c, i) => (
            <tr key={`${c.siteId}-${i}`} className={c.overbooked ? 'is-blocked' : undefined}>
              <th scope="row">{c.name}</th>
              <td>{c.overbooked ? t.rich('maintenance.capacity.overbooked', { text: c.text, b: (chunks) => <strong className="blocked">{chunks}</strong> }) : c.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
