import type { TimelineEvent } from '@corridor/shared';
import type { AnchorHTMLAttributes } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { KIND_LABELS } from '../model/timeline-filter.ts';

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
  return (
    <table className="ops-table timeline-table" aria-label="Timeline events">
      <thead>
        <tr>
          <th scope="col">Time ({zone})</th>
          <th scope="col">Kind</th>
          <th scope="col">What happened</th>
          <th scope="col">Where</th>
          <th scope="col">Workload</th>
          <th scope="col">Who</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-event-id={e.id}>
            <td className="nowrap">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </td>
            <td>
              <span className={`kind-badge kind-${e.kind}`}>{KIND_LABELS[e.kind]}</span>
            </td>
            <td>{e.summary}</td>
            <td>
              {e.siteId && <a {...links.site(e.siteId)}>{links.siteName(e.siteId)}</a>}
              {e.siteId && e.linkId && ' · '}
              {e.linkId && <a {...links.link(e.linkId)}>{links.linkName(e.linkId)}</a>}
            </td>
            <td className="mono">{e.workloadId && (links.workload ? <a {...links.workload(e.workloadId)}>{e.workloadId}</a> : e.workloadId)}</td>
            <td>{e.actor ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
