import './maintenance.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type AnchorHTMLAttributes } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
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

/**
 * A drain as it runs: each workload's state (pending → migrating → moved, or blocked/failed with why),
 * the deadline and the time left. The page is refreshed by the drain's timeline events on the stream.
 */
export function DrainProgress({ drainId, siteName, siteLink, workloadLink, timelineLink }: DrainProgressProps) {
  // No polling: the stream's drain and migration events refresh it (use-noc-followers), a stream that comes back
  // after a gap asks again, and the answer to "execute" is followed by one read (useExecuteDrain).
  const drain = useQuery(maintenanceQueries.drain(drainId));
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const now = useNow(drain.data?.state === 'running');
  useEffect(() => heading.current?.focus(), [drainId]);
  const d = drain.data;
  const notFound = drain.error instanceof ApiError && drain.error.code === 'NOT_FOUND';
  return (
    <main className="page drain-page" aria-labelledby="drain-title" aria-busy={drain.isPending}>
      <div className="page-head">
        <h2 id="drain-title" ref={heading} tabIndex={-1}>
          {d ? t('maintenance.drain.title', { site: siteName(d.siteId) }) : drain.isError ? t('maintenance.drain.unavailable') : t('maintenance.drain.loading')}
        </h2>
        {d && (
          <p className={`drain-state state-${d.state}`} role="status">
            {t('maintenance.drain.status', { state: t('maintenance.drain.state', { state: d.state }), progress: progressText(d.items) })}
          </p>
        )}
      </div>
      {drain.isError && !d && (
        <div className="form-alert" role="alert">
          <p>{notFound ? t('maintenance.drain.notFound', { id: drainId }) : t('maintenance.drain.loadFailed', { error: drain.error.message })}</p>
          {!notFound && (
            <button type="button" className="link-button" onClick={() => void drain.refetch()}>
              {t('maintenance.drain.retry')}
            </button>
          )}
        </div>
      )}
      {d && (
        <>
          <p className="muted">
            {t.rich('maintenance.drain.meta', {
              name: <bdi>{d.createdBy}</bdi>,
              start: formatDateTime(d.startedAt),
              zone: viewerZone(),
              deadline: formatDateTime(d.deadline),
              remaining: d.state === 'running' ? timeLeft(d.deadline, now) : d.finishedAt ? t('maintenance.drain.finishedAt', { time: formatDateTime(d.finishedAt) }) : t('maintenance.drain.finished'),
              site: siteName(d.siteId),
              siteLink: (chunks) => <a {...siteLink(d.siteId)}>{chunks}</a>,
              timeline: (chunks) => <a {...timelineLink(d.siteId)}>{chunks}</a>,
            })}
          </p>
          {d.items.length === 0 ? (
            <p className="ops-empty">{t('maintenance.drain.empty')}</p>
          ) : (
            <table className="ops-table drain-items" aria-label={t('maintenance.drain.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('maintenance.drain.col.workload')}</th>
                  <th scope="col">{t('maintenance.drain.col.tenant')}</th>
                  <th scope="col">{t('maintenance.drain.col.fromTo')}</th>
                  <th scope="col">{t('maintenance.drain.col.state')}</th>
                  <th scope="col">{t('maintenance.drain.col.why')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((item) => (
                  <tr key={item.workloadId} className={item.state === 'blocked' || item.state === 'failed' ? 'is-blocked' : undefined}>
                    <th scope="row">
                      <a {...workloadLink(item.workloadId)}>{item.workloadName}</a>
                    </th>
                    <td>{item.tenant}</td>
                    <td className="nowrap">{t('maintenance.drain.fromTo', { from: siteName(item.from), to: item.to ? siteName(item.to) : t('maintenance.drain.stays') })}</td>
                    <td>
                      <span className={`item-state item-${item.state}`}>{t('maintenance.drain.item', { state: item.state })}</span>
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
