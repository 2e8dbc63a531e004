import './workloads.css';
import type { AuditRecord } from '@corridor/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { auditActionLabel, auditSummary } from '../model/audit-summary.ts';

/** A workload's audit records, oldest first: time, actor, action and what it did. The hash is in the title. */
export function AuditTrail({ records, siteName }: { records: readonly AuditRecord[]; siteName: (id: string) => string }) {
  if (records.length === 0) return <p className="muted">No audit record yet.</p>;
  const ordered = [...records].sort((a, b) => a.seq - b.seq);
  return (
    <table className="data-table audit-trail">
      <caption className="visually-hidden">Audit trail, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((r) => (
          <tr key={r.seq} title={`#${r.seq} · hash ${r.hash}`}>
            <td>
              <time dateTime={r.at}>{formatDateTime(r.at)}</time>
            </td>
            <td>{r.actor}</td>
            <th scope="row">{auditActionLabel(r.action)}</th>
            <td>{auditSummary(r, siteName)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
