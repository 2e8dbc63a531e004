import './maintenance.css';
import { useEffect, useRef, useState, type AnchorHTMLAttributes } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
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
  const execute = useExecuteDrain();
  const [confirming, setConfirming] = useState(false);
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
        <a {...backLink}>← {siteName(siteId)}</a>
      </p>
      <div className="page-head">
        <h2 id="drain-title" ref={heading} tabIndex={-1}>
          Drain {siteName(siteId)}: review
        </h2>
        <button type="button" className="ops-button" onClick={() => plan.mutate(siteId)} disabled={plan.isPending}>
          {plan.isPending ? 'Planning…' : 'Run the dry run again'}
        </button>
      </div>
      {plan.isPending && <p className="muted">Planning where each workload would go…</p>}
      {plan.isError && (
        <div className="form-alert" role="alert">
          <p>The dry run failed: {plan.error.message}</p>
        </div>
      )}
      {review && plan.data && (
        <>
          <p className="drain-headline" role="status">
            {review.headline}
          </p>
          <p className="muted">
            Dry run by {plan.data.createdBy} at {formatDateTime(plan.data.createdAt)} ({viewerZone()}); it can be executed until {formatDateTime(plan.data.expiresAt)}.
          </p>
          <ReviewMoves review={review} />
          <CapacityEffect review={review} />
          <div className="drain-execute">
            {!confirming ? (
              <button type="button" className="ops-button primary" onClick={() => setConfirming(true)} disabled={!review.canExecute || expired || execute.isPending}>
                Execute drain…
              </button>
            ) : (
              <div className="confirm" role="group" aria-label="Confirm the drain">
                <p>
                  Move {review.movable} {review.movable === 1 ? 'workload' : 'workloads'} off {siteName(siteId)} now?
                  {review.blocked > 0 && ` ${review.blocked} without a lawful destination will stay and raise a critical alert.`}
                </p>
                <button type="button" className="ops-button danger" onClick={executeNow} disabled={execute.isPending} autoFocus>
                  {execute.isPending ? 'Starting…' : 'Confirm: execute'}
                </button>
                <button type="button" className="link-button" onClick={() => setConfirming(false)} disabled={execute.isPending}>
                  Cancel
                </button>
              </div>
            )}
            {!review.canExecute && <p className="muted">Nothing can move: there is nothing to execute.</p>}
            {expired && <p className="muted">This dry run has expired: run it again.</p>}
            {execute.isError && (
              <p className="form-alert" role="alert">
                The drain could not start: {execute.error.message}
                {execute.error instanceof ApiError && execute.error.status === 409 && ' Run the dry run again: the fleet has changed since.'}
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
  if (review.moves.length === 0) return null;
  return (
    <section className="page-section" aria-labelledby="moves-title">
      <h3 id="moves-title">Workloads</h3>
      <table className="ops-table drain-moves">
        <thead>
          <tr>
            <th scope="col">Workload</th>
            <th scope="col">Tenant</th>
            <th scope="col">GPUs</th>
            <th scope="col">Destination</th>
            <th scope="col">Alternatives, or why no site can take it</th>
          </tr>
        </thead>
        <tbody>
          {review.moves.map((m) => (
            <tr key={m.workloadId} className={m.destination ? undefined : 'is-blocked'}>
              <th scope="row">
                {m.workloadName} <span className="mono muted">{m.workloadId}</span>
              </th>
              <td>{m.tenant}</td>
              <td className="nowrap">{m.gpus}</td>
              <td>
                {m.destination ? (
                  <>
                    <strong>{m.destination.name}</strong> <span className="muted">{m.destination.score}</span>
                  </>
                ) : (
                  <strong className="blocked">No lawful destination: stays</strong>
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
                    <span className="muted">No other lawful site.</span>
                  )
                ) : (
                  <ul className="ops-list compact refusals">
                    {m.refusals.map((r) => (
                      <li key={r.siteId}>
                        <strong>{r.name}</strong>:{' '}
                        {r.reasons.map((x, i) => (
                          <span key={i}>
                            {i > 0 && '; '}
                            <code className="reason-code">{x.code}</code> {x.text}
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
  if (review.capacity.length === 0) return null;
  return (
    <section className="page-section" aria-labelledby="capacity-title">
      <h3 id="capacity-title">Capacity effect on each destination</h3>
      <table className="ops-table drain-capacity">
        <thead>
          <tr>
            <th scope="col">Destination</th>
            <th scope="col">Free GPUs before → after</th>
          </tr>
        </thead>
        <tbody>
          {review.capacity.map((c, i) => (
            <tr key={`${c.siteId}-${i}`} className={c.overbooked ? 'is-blocked' : undefined}>
              <th scope="row">{c.name}</th>
              <td>
                {c.text}
                {c.overbooked && <strong className="blocked"> · over capacity</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
