import './workloads.css';
import type { Workload } from '@corridor/shared';
import type { AnchorHTMLAttributes } from 'react';
import { formatCount, formatKw } from '../../../lib/format.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { WorkloadStateBadge } from './workload-state-badge.tsx';

interface WorkloadTableProps {
  workloads: readonly Workload[];
  siteName: (id: string) => string;
  /** A link to a workload's page (href and in-place click). */
  linkTo: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

/** Workloads, newest first: name (a link to its page), tenant, data, state, site, GPUs and power. */
export function WorkloadTable({ workloads, siteName, linkTo }: WorkloadTableProps) {
  const rows = [...workloads].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <table className="data-table workload-table">
      <caption className="visually-hidden">Workloads, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Tenant</th>
          <th scope="col">Sector · data</th>
          <th scope="col">State</th>
          <th scope="col">Site</th>
          <th scope="col">GPUs</th>
          <th scope="col">Power</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((w) => (
          <tr key={w.id}>
            <th scope="row">
              <a {...linkTo(w.id)}>{w.name}</a>
            </th>
            <td>{w.tenant}</td>
            <td>
              {w.sector} · {w.dataClass} <span className="muted">from {w.dataOrigin}</span>
            </td>
            <td>
              <WorkloadStateBadge state={w.state} />
            </td>
            <td>{w.siteId ? siteName(w.siteId) : <span className="muted">—</span>}</td>
            <td>
              {formatCount(w.gpuCount)} {w.gpuModel ?? 'GPUs'}
            </td>
            <td>{formatKw(w.powerKw)}</td>
            <td>{formatDateTime(w.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
