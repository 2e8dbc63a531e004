import type { CapacityLedgerRow, PipelineEntry } from '@corridor/shared';
import { formatDate, formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useIsolate } from './isolate.ts';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { gpusOf, mwOf, type LedgerColumn } from '../model/ledger-tree.ts';

/** One figure of a row: MW over GPUs, each with its unit; "no data" for a measured figure nobody reports. */
export function FigureCell({ row, column }: { row: CapacityLedgerRow; column: LedgerColumn }) {
  const t = useT();
  const iso = useIsolate();
  const mw = mwOf(row, column);
  const gpus = gpusOf(row, column);
  return (
    <td className={`num capacity-figure ${column}`}>
      <bdi className="mw">{mw === null ? t('capacity.noData') : formatMw(mw)}</bdi>
      <bdi className="gpus">{gpus === null ? t('capacity.noData') : formatGpus(gpus)}</bdi>
      {column === 'installed' && row.underMaintenance.mw > 0 && <span className="capacity-maintenance">{t('capacity.maintenance.part', { mw: iso(formatMw(row.underMaintenance.mw)) })}</span>}
    </td>
  );
}

export const stageKey = (stage: PipelineEntry['stage']): MessageKey => `capacity.stage.${stage}` as MessageKey;

/** The pipeline's sites with their stage and commissioning date: when each MW comes. */
export function PipelineList({ entries }: { entries: readonly PipelineEntry[] }) {
  const t = useT();
  const iso = useIsolate();
  if (!entries.length) return null;
  return (
    <ul className="capacity-pipeline">
      {entries.map((entry) => (
        <li key={entry.siteId}>
          {t('capacity.pipeline.entry', {
            name: iso(entry.name),
            stage: t(stageKey(entry.stage)),
            date: entry.commissioningDate ? formatDate(entry.commissioningDate) : t('capacity.pipeline.noDate'),
            mw: iso(formatMw(entry.mw)),
          })}
        </li>
      ))}
    </ul>
  );
}
