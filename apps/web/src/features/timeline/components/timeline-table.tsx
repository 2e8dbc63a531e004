import type { TimelineEvent } from '@corridor/shared';
import type { AnchorHTMLAttributes } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { kindLabel } from '../model/timeline-filter.ts';

type Anchor = AnchorHTMLAttributes<HTMLAnchorElement>;

/** How the list names and opens what an event concerns (the console's deep links). */
export interface EntityLinks {
  siteName: (id: string) => string;
  linkName: (id: string) => string;
  site: (id: string) => Anchor;
  link: (id: string) => Anchor;
  /** A workload's page; absent when the person may not open workloads. */
  workload?: (id: string) => Anchor;
}

/** Events newest first: time (viewer's zone), kind, what happened, where, which workload, who. */
export function TimelineTable({ events, zone, links }: { events: readonly TimelineEvent[]; zone: string; links: EntityLinks }) {
  const t = useT();
  const site = (id: string) => (
    <a key="site" {...links.site(id)}>
      <bdi>{links.siteName(id)}</bdi>
    </a>
  );
  const link = (id: string) => (
    <a key="link" {...links.link(id)}>
      <bdi>{links.linkName(id)}</bdi>
    </a>
  );
  const where = (e: TimelineEvent) =>
    e.siteId && e.linkId ? t.rich('timeline.where.both', { site: site(e.siteId), link: link(e.linkId) }) : e.siteId ? site(e.siteId) : e.linkId ? link(e.linkId) : null;
  return (
    <table className="ops-table timeline-table" aria-label={t('timeline.table.label')}>
      <thead>
        <tr>
          <th scope="col">{t('timeline.col.time', { zone })}</th>
          <th scope="col">{t('timeline.col.kind')}</th>
          <th scope="col">{t('timeline.col.what')}</th>
          <th scope="col">{t('timeline.col.where')}</th>
          <th scope="col">{t('timeline.col.workload')}</th>
          <th scope="col">{t('timeline.col.who')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-event-id={e.id}>
            <td className="nowrap">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </td>
            <td>
              <span className={`kind-badge kind-${e.kind}`}>{kindLabel(e.kind)}</span>
            </td>
            <td>
              <bdi>{e.summary}</bdi>
            </td>
            <td>{where(e)}</td>
            <td className="mono">{e.workloadId && <bdi>{links.workload ? <a {...links.workload(e.workloadId)}>{e.workloadId}</a> : e.workloadId}</bdi>}</td>
            <td>{e.actor && <bdi>{e.actor}</bdi>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
