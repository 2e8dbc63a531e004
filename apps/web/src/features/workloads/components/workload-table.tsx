import './workloads.css';
import type { Workload } from '@corridor/shared';
import type { AnchorHTMLAttributes } from 'react';
import { formatDateTime, formatKw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { gpusText } from '../model/audit-summary.ts';
import { dataClassLabel, sectorLabel } from '../model/request-labels.ts';
import { PolicyFlagBadge } from './policy-flag-badge.tsx';
import { WorkloadStateBadge } from './workload-state-badge.tsx';

interface WorkloadTableProps {
  workloads: readonly Workload[];
  siteName: (id: string) => string;
  /** A link to a workload's page (href and in-place click). */
  linkTo: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

/** Workloads, newest first: name (a link to its page, and the policy's flag under it), tenant, data, state, site, GPUs and power. */
export function WorkloadTable({ workloads, siteName, linkTo }: WorkloadTableProps) {
  const t = useT();
  const rows = [...workloads].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <table className="data-table workload-table">
      <caption className="visually-hidden">{t('workloads.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workloads.table.name')}</th>
          <th scope="col">{t('workloads.table.tenant')}</th>
          <th scope="col">{t('workloads.table.sectorData')}</th>
          <th scope="col">{t('workloads.table.state')}</th>
          <th scope="col">{t('workloads.table.site')}</th>
          <th scope="col">{t('workloads.table.gpus')}</th>
          <th scope="col">{t('workloads.table.power')}</th>
          <th scope="col">{t('workloads.table.created', { zone: viewerZone() })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((w) => (
          <tr key={w.id}>
            <th scope="row">
              <a {...linkTo(w.id)}>
                <bdi>{w.name}</bdi>
              </a>
              {w.policyFlag && (
                <span className="workload-flag">
                  <PolicyFlagBadge flag={w.policyFlag} />
                </span>
              )}
            </th>
            <td>
              <bdi>{w.tenant}</bdi>
            </td>
            <td>
              {t.rich('workloads.table.sectorDataValue', {
                sector: sectorLabel(w.sector),
                dataClass: dataClassLabel(w.dataClass),
                origin: w.dataOrigin,
                muted: (chunks) => (
                  <span key="origin" className="muted">
                    {chunks}
                  </span>
                ),
              })}
            </td>
            <td>
              <WorkloadStateBadge state={w.state} />
            </td>
            <td>{w.siteId ? <bdi>{siteName(w.siteId)}</bdi> : <span className="muted">{t('workloads.none')}</span>}</td>
            <td>{gpusText(w.gpuCount, w.gpuModel)}</td>
            <td>{formatKw(w.powerKw)}</td>
            <td>{formatDateTime(w.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
