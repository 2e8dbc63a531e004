import type { CapacityLedgerRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { FactList } from '../../../components/fact-list.tsx';
import { formatDate, formatDateTime, formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { ledgerQuery } from '../api/ledger-query.ts';
import { figureNameKey } from './figure-help.tsx';
import { stageKey } from './ledger-cells.tsx';
import { QueryState } from './query-state.tsx';

/** Measured now by the live stream (the telemetry the ledger's in use sums), newer than the ledger's read. */
export interface MeasuredNow {
  itMw?: number;
  gpusBusy?: number;
}

interface SiteLedgerProps {
  siteId: string;
  /** The site's in use from the live stream; absent: the ledger's own (as of its read). */
  inUse?: MeasuredNow;
}

/**
 * A site's block of the capacity ledger: the same row, read the same way, as the capacity view's site
 * row — installed, committed, in use (measured), out of service, free and stranded, in MW and GPUs; a
 * planned or construction site: its pipeline with stage and commissioning date, and nothing free.
 * Commits and releases refresh it (the capacity follower).
 */
export function SiteLedger({ siteId, inUse }: SiteLedgerProps) {
  const t = useT();
  const query = useQuery({ ...ledgerQuery('site'), select: (ledger) => ({ row: ledger.rows.find((r) => r.key === siteId), asOf: ledger.asOf }) });
  const titleId = `site-ledger-${siteId}`;
  return (
    <section className="site-ledger" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('capacity.site.title')}</h3>
      {query.data ? (
        <>
          {query.isError && <p className="panel-state">{t('capacity.site.stale', { time: formatDateTime(query.data.asOf) })}</p>}
          {query.data.row ? <SiteFigures row={query.data.row} inUse={inUse} /> : <p className="muted">{t('capacity.site.none')}</p>}
        </>
      ) : (
        <QueryState query={query} what={t('capacity.site.what')}>
          {null}
        </QueryState>
      )}
    </section>
  );
}

function SiteFigures({ row, inUse }: { row: CapacityLedgerRow; inUse?: MeasuredNow }) {
  const t = useT();
  const value = (mw: number | null | undefined, gpus: number | null | undefined) =>
    t('capacity.site.value', { mw: mw == null ? t('capacity.noData') : formatMw(mw), gpus: gpus == null ? t('capacity.noData') : formatGpus(gpus) });
  const pipeline = row.pipelineSites[0];
  if (row.sites.installed === 0 && pipeline) {
    // Not built: what it will bring and when; free stays 0 (the pipeline is never free).
    return (
      <>
        <FactList
          label={t('capacity.site.label')}
          facts={[
            [t(figureNameKey('pipeline')), value(row.mw.pipeline, row.gpus.pipeline)],
            [
              t('capacity.site.stage'),
              t('capacity.site.stageValue', { stage: t(stageKey(pipeline.stage)), date: pipeline.commissioningDate ? formatDate(pipeline.commissioningDate) : t('capacity.pipeline.noDate') }),
            ],
            [t(figureNameKey('installed')), value(row.mw.installed, row.gpus.installed)],
            [t(figureNameKey('free')), value(row.mw.free, row.gpus.free)],
          ]}
        />
        <p className="muted">{t('capacity.site.notBuilt')}</p>
      </>
    );
  }
  const installed = value(row.mw.installed, row.gpus.installed);
  return (
    <>
      <FactList
        label={t('capacity.site.label')}
        facts={[
          [t(figureNameKey('installed')), row.site?.underMaintenance ? t('capacity.site.underMaintenance', { value: installed }) : installed],
          [t(figureNameKey('committed')), value(row.mw.committed, row.gpus.committed)],
          [t('capacity.site.inUse'), value(inUse?.itMw ?? row.inUse.itMw, inUse?.gpusBusy ?? row.inUse.gpusBusy)],
          [t(figureNameKey('outOfService')), value(row.mw.outOfService, row.gpus.outOfService)],
          [t(figureNameKey('free')), value(row.mw.free, row.gpus.free)],
          [t(figureNameKey('stranded')), value(row.mw.stranded, row.gpus.stranded)],
        ]}
      />
      {row.gpusByModel.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{t('capacity.site.byModel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('capacity.site.model')}</th>
              <th scope="col">{t(figureNameKey('installed'))}</th>
              <th scope="col">{t(figureNameKey('committed'))}</th>
              <th scope="col">{t(figureNameKey('free'))}</th>
            </tr>
          </thead>
          <tbody>
            {row.gpusByModel.map((g) => (
              <tr key={g.model}>
                <th scope="row">{g.model}</th>
                <td>{formatGpus(g.installed)}</td>
                <td>{formatGpus(g.committed)}</td>
                <td>
                  <strong>{formatGpus(g.free)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
