import type { ReactNode } from 'react';
import { formatClock, formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { HeaderLedger, HeaderScope } from '../model/header-ledger.ts';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * The header's capacity: the ledger's installed, committed, free and pipeline, in MW of IT power and in
 * GPUs, with the ledger's words (committed is reserved, never "busy"; in use, measured, is in the live
 * figures beside it). While loading, unavailable, or empty for a country, it says so in their place.
 */
export function LedgerFigures({ ledger, scope }: { ledger: HeaderLedger; scope?: HeaderScope }) {
  const t = useT();
  const { row } = ledger;
  const own = ledger.ownOnly ? 'yes' : 'no';
  const note =
    ledger.status === 'loading'
      ? t('fleet.ledger.loading')
      : ledger.status === 'unavailable'
        ? t('fleet.ledger.unavailable')
        : !row && scope
          ? t('fleet.ledger.empty', { country: scope.name })
          : undefined;
  const stale = ledger.staleAsOf && (
    <span className="ledger-stale" data-stale="true">
      {t('fleet.ledger.stale', { time: formatClock(Date.parse(ledger.staleAsOf)) })}
    </span>
  );
  return (
    <>
      <div className="ledger-figures ledger-mw" data-stale={ledger.staleAsOf ? 'true' : undefined}>
        <dt>{t('fleet.capacity')}</dt>
        <dd>
          {row
            ? t.rich('fleet.capacity.ledger', {
                installed: formatMw(row.mw.installed),
                committed: formatMw(row.mw.committed),
                free: formatMw(row.mw.free),
                pipeline: formatMw(row.mw.pipeline),
                own,
                strong,
              })
            : note}
        </dd>
      </div>
      <div className="ledger-figures ledger-gpus" data-stale={ledger.staleAsOf ? 'true' : undefined}>
        <dt>{t('fleet.gpus')}</dt>
        <dd>
          {row
            ? t.rich('fleet.gpus.ledger', {
                installed: formatGpus(row.gpus.installed),
                committed: formatGpus(row.gpus.committed),
                free: formatGpus(row.gpus.free),
                pipeline: formatGpus(row.gpus.pipeline),
                own,
                strong,
              })
            : note}
          {row && stale}
        </dd>
      </div>
    </>
  );
}
