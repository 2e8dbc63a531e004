import './timeline.css';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AnchorHTMLAttributes } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { timelineQueries } from '../api/timeline-queries.ts';
import { kindLabel } from '../model/timeline-filter.ts';
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
  const t = useT();
  const pages = useInfiniteQuery(timelineQueries.pages({ workload: workloadId }));
  const moves = pages.data ? movesOf(pages.data.pages.flatMap((p) => p.events)) : undefined;
  const site = (id: string | undefined, key: string) =>
    id ? (
      <a key={key} {...siteLink(id)}>
        <bdi>{siteName(id)}</bdi>
      </a>
    ) : (
      t('timeline.none')
    );
  if (pages.isPending) return <p className="muted">{t('timeline.moves.loading')}</p>;
  if (pages.isError && !moves) {
    return (
      <div className="form-alert" role="alert">
        <p>{t('timeline.moves.loadError', { error: pages.error.message })}</p>
        <button type="button" className="link-button" onClick={() => void pages.refetch()}>
          {t('timeline.retry')}
        </button>
      </div>
    );
  }
  if (!moves || moves.length === 0) return <p className="muted">{t('timeline.moves.empty')}</p>;
  return (
    <>
      <table className="ops-table workload-moves" aria-label={t('timeline.moves.label')}>
        <thead>
          <tr>
            <th scope="col">{t('timeline.col.time', { zone: viewerZone() })}</th>
            <th scope="col">{t('timeline.moves.col.event')}</th>
            <th scope="col">{t('timeline.moves.col.state')}</th>
            <th scope="col">{t('timeline.moves.col.route')}</th>
            <th scope="col">{t('timeline.moves.col.why')}</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">
                <time dateTime={m.at}>{formatDateTime(m.at)}</time>
              </td>
              <td>
                <span className={`kind-badge kind-${m.kind}`}>{kindLabel(m.kind)}</span>
              </td>
              <td>{m.state ?? t('timeline.none')}</td>
              <td className="move-route">{m.from || m.to ? t.rich('timeline.moves.route', { from: site(m.from, 'from'), to: site(m.to, 'to') }) : t('timeline.none')}</td>
              <td>{m.actor ? t.rich('timeline.moves.whyBy', { why: m.why, actor: <bdi key="actor">{m.actor}</bdi>, m: (chunks) => <span className="muted">{chunks}</span> }) : m.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages.hasNextPage && (
        <button type="button" className="ops-button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('timeline.loadingMore') : t('timeline.older')}
        </button>
      )}
    </>
  );
}
