import './timeline.css';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AnchorHTMLAttributes } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { timelineQueries } from '../api/timeline-queries.ts';
import { KIND_LABELS } from '../model/timeline-filter.ts';
import { movesOf } from '../model/workload-moves.ts';

interface WorkloadMovesProps {
  workloadId: string;
  siteName: (id: string) => string;
  siteLink: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

/**
 * Every move of one workload, newest first — its state, from → to, and why — from the timeline
 * (/api/events?workload=), kept current by the live stream's timeline events. A tenant sees its own.
 */
export function WorkloadMoves({ workloadId, siteName, siteLink }: WorkloadMovesProps) {
  const pages = useInfiniteQuery(timelineQueries.pages({ workload: workloadId }));
  const moves = pages.data ? movesOf(pages.data.pages.flatMap((p) => p.events)) : undefined;
  const site = (id: string | undefined) => (id ? <a {...siteLink(id)}>{siteName(id)}</a> : '—');
  if (pages.isPending) return <p className="muted">Loading the workload’s moves…</p>;
  if (pages.isError && !moves) {
    return (
      <div className="form-alert" role="alert">
        <p>The workload’s moves could not be loaded: {pages.error.message}</p>
        <button type="button" className="link-button" onClick={() => void pages.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (!moves || moves.length === 0) return <p className="muted">No move yet: it has run where it was placed.</p>;
  return (
    <>
      <table className="ops-table workload-moves" aria-label="Moves">
        <thead>
          <tr>
            <th scope="col">Time ({viewerZone()})</th>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">From → to</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">
                <time dateTime={m.at}>{formatDateTime(m.at)}</time>
              </td>
              <td>
                <span className={`kind-badge kind-${m.kind}`}>{KIND_LABELS[m.kind]}</span>
              </td>
              <td>{m.state ?? '—'}</td>
              <td className="move-route">
                {m.from || m.to ? (
                  <>
                    {site(m.from)} → {site(m.to)}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {m.why}
                {m.actor && <span className="muted"> · {m.actor}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages.hasNextPage && (
        <button type="button" className="ops-button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      )}
    </>
  );
}
