import './workloads.css';
import type { AuditRecord } from '@corridor/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { auditActionLabel, auditSummary } from '../model/audit-summary.ts';

/** A workload's audit records, oldest first: time, actor, action and what it did. The hash is in the title. */
export function AuditTrail({ records, siteName }: { records: readonly AuditRecord[]; siteName: (id: string) => string }) {
  const t = useT();
  if (records.length === 0) return <p className="muted">{t('workloads.trail.empty')}</p>;
  const ordered = [...records].sort((a, b) => a.seq - b.seq);
  return (
    <table className="data-table audit-trail">
      <caption className="visually-hidden">{t('workloads.trail.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workloads.trail.time', { zone: viewerZone() })}</th>
          <th scope="col">{t('workloads.trail.actor')}</th>
          <th scope="col">{t('workloads.trail.actionHeader')}</th>
          <th scope="col">{t('workloads.trail.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((r) => (
          <tr key={r.seq} title={t('workloads.trail.hashTitle', { seq: String(r.seq), hash: r.hash })}>
            <td>
              <time dateTime={r.at}>{formatDateTime(r.at)}</time>
            </td>
            <td>
              <bdi>{r.actor}</bdi>
            </td>
            <th scope="row">{auditActionLabel(r.action)}</th>
            <td>{auditSummary(r, siteName)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
