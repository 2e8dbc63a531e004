import './maintenance.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type AnchorHTMLAttributes } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { maintenanceQueries } from '../api/maintenance-queries.ts';
import { progressText, timeLeft } from '../model/plan-review.ts';

interface DrainProgressProps {
  drainId: string;
  siteName: (id: string) => string;
  siteLink: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
  workloadLink: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
  /** The timeline of the drained site. */
  timelineLink: (siteId: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

const STATE_LABELS = { running: 'Running', done: 'Done', partial: 'Done, some stayed', failed: 'Failed' } as const;

/**
 * A drain as it runs: each workload's state (pending → migrating → moved, or blocked/failed with why),
 * the deadline and the time left. The page is refreshed by the drain's timeline events on the stream.
 */
export function DrainProgress({ drainId, siteName, siteLink, workloadLink, timelineLink }: DrainProgressProps) {
  const drain = useQuery(maintenanceQueries.drain(drainId));
  const heading = useRef<HTMLHeadingElement>(null);
  const now = useNow(drain.data?.state === 'running');
  useEffect(() => heading.current?.focus(), [drainId]);
  const d = drain.data;
  const notFound = drain.error instanceof ApiError && drain.error.code === 'NOT_FOUND';
  return (
    <main className="page drain-page" aria-labelledby="drain-title" aria-busy={drain.isPending}>
      <div className="page-head">
        <h2 id="drain-title" ref={heading} tabIndex={-1}>
          {d ? `Drain of ${siteName(d.siteId)}` : drain.isError ? 'Drain not available' : 'Loading drain…'}
        </h2>
        {d && (
          <p className={`drain-state state-${d.state}`} role="status">
            {STATE_LABELS[d.state]} · {progressText(d.items)}
          </p>
        )}
      </div>
      {drain.isError && !d && (
        <div className="form-alert" role="alert">
          <p>{notFound ? `No drain with id “${drainId}”.` : `The drain could not be loaded: ${drain.error.message}`}</p>
          {!notFound && (
            <button type="button" className="link-button" onClick={() => void drain.refetch()}>
              Retry
            </button>
          )}
        </div>
      )}
      {d && (
        <>
          <p className="muted">
            Started by {d.createdBy} at {formatDateTime(d.startedAt)} ({viewerZone()}) · deadline {formatDateTime(d.deadline)} (
            {d.state === 'running' ? timeLeft(d.deadline, now) : d.finishedAt ? `finished ${formatDateTime(d.finishedAt)}` : 'finished'}) · <a {...siteLink(d.siteId)}>{siteName(d.siteId)}</a> ·{' '}
            <a {...timelineLink(d.siteId)}>its timeline</a>
          </p>
          {d.items.length === 0 ? (
            <p className="ops-empty">No workload ran on the site: nothing to move.</p>
          ) : (
            <table className="ops-table drain-items" aria-label="Workloads of the drain">
              <thead>
                <tr>
                  <th scope="col">Workload</th>
                  <th scope="col">Tenant</th>
                  <th scope="col">From → to</th>
                  <th scope="col">State</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((item) => (
                  <tr key={item.workloadId} className={item.state === 'blocked' || item.state === 'failed' ? 'is-blocked' : undefined}>
                    <th scope="row">
                      <a {...workloadLink(item.workloadId)}>{item.workloadName}</a>
                    </th>
                    <td>{item.tenant}</td>
                    <td className="nowrap">
                      {siteName(item.from)} → {item.to ? siteName(item.to) : 'stays'}
                    </td>
                    <td>
                      <span className={`item-state item-${item.state}`}>{item.state}</span>
                    </td>
                    <td>{item.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </main>
  );
}

/** The clock for "time left", ticking each second only while the drain runs. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
