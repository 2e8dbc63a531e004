import type { CapacityLedgerRow, SiteLossWorkload } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useIsolate } from './isolate.ts';
import { capacityQueries } from '../api/capacity-queries.ts';
import { CsvButton } from './csv-button.tsx';
import { QueryState } from './query-state.tsx';
import { TableWrap } from './table-wrap.tsx';

interface SiteLossProps {
  /** Installed sites to choose from (the ledger's site rows). */
  sites: readonly CapacityLedgerRow[];
  siteId: string | undefined;
  onSiteChange: (siteId: string) => void;
}

function Outcome({ workload }: { workload: SiteLossWorkload }) {
  const t = useT();
  if (workload.outcome === 're-placed' && workload.to) {
    return <>{t('capacity.n1.rePlacedTo', { site: workload.to.name, country: countryName(workload.to.country), model: workload.to.gpuModel, alternatives: workload.alternatives })}</>;
  }
  const reasons = new Intl.ListFormat(t.tag, { type: 'unit', style: 'long' }).format(workload.reasons.map((r) => t('capacity.reason', { code: r.code, sites: r.sites })));
  return <>{t('capacity.n1.strandedBecause', { reasons, lawfulLeft: workload.lawfulSitesLeft })}</>;
}

/** N-1: lose one site (the largest by default) and see which workloads could go lawfully elsewhere, which would be stranded and why, and the headroom left per class. */
export function SiteLossSection({ sites, siteId, onSiteChange }: SiteLossProps) {
  const t = useT();
  const iso = useIsolate();
  const selectId = useId();
  const query = useQuery({ ...capacityQueries.siteLoss(siteId ?? ''), enabled: siteId !== undefined });
  const loss = query.data;
  return (
    <section className="capacity-section" aria-labelledby="capacity-n1-title">
      <h3 id="capacity-n1-title">{t('capacity.n1.title')}</h3>
      <div className="capacity-controls">
        <label htmlFor={selectId}>{t('capacity.n1.pick')}</label>
        <select id={selectId} value={siteId ?? ''} onChange={(e) => onSiteChange(e.target.value)}>
          {sites.map((row) => (
            <option key={row.key} value={row.key}>
              {t('capacity.n1.option', { site: iso(row.site?.name ?? row.key), mw: iso(formatMw(row.mw.installed)) })}
            </option>
          ))}
        </select>
        {siteId && loss && <CsvButton what={t('capacity.n1.title')} fileName={`n-1-${siteId}.csv`} path="/api/capacity/site-loss" method="POST" body={{ siteId }} />}
      </div>
      {siteId === undefined ? (
        <p className="muted">{t('capacity.n1.noSites')}</p>
      ) : (
        <QueryState query={query} what={t('capacity.n1.title')}>
          {loss && (
            <>
              <p role="status">
                {t('capacity.n1.summary', {
                  site: iso(loss.site.name),
                  workloads: loss.summary.workloads,
                  rePlaced: loss.summary.rePlaced,
                  stranded: loss.summary.stranded,
                  gpusRePlaced: iso(formatGpus(loss.summary.gpusRePlaced)),
                  gpusStranded: iso(formatGpus(loss.summary.gpusStranded)),
                })}
              </p>
              {loss.workloads.length > 0 && (
                <TableWrap>
                  <table className="data-table capacity-n1">
                    <caption>{t('capacity.n1.workloadsCaption', { site: loss.site.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('capacity.n1.workload')}</th>
                        <th scope="col" className="num">
                          {t('capacity.n1.gpus')}
                        </th>
                        <th scope="col">{t('capacity.n1.outcome')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {loss.workloads.map((w) => (
                        <tr key={w.workloadId} className={w.outcome}>
                          <th scope="row">
                            <bdi>{w.name}</bdi>
                            <span className="muted">{t('capacity.n1.tenant', { tenant: w.tenant })}</span>
                          </th>
                          <td className="num">
                            <bdi>{w.gpuModel ? t('capacity.headroom.askedModel', { count: w.gpuCount, model: w.gpuModel }) : formatGpus(w.gpuCount)}</bdi>
                          </td>
                          <td>
                            <strong className={`capacity-outcome ${w.outcome}`}>{t('capacity.n1.outcomeWord', { outcome: w.outcome })}</strong> <Outcome workload={w} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              <TableWrap>
                <table className="data-table">
                  <caption>{t('capacity.n1.headroomCaption', { site: loss.site.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('capacity.headroom.class')}</th>
                      <th scope="col" className="num">
                        {t('capacity.n1.before')}
                      </th>
                      <th scope="col" className="num">
                        {t('capacity.n1.after')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {loss.headroom.map((h) => (
                      <tr key={h.classId}>
                        <th scope="row" lang="en">
                          {h.title}
                        </th>
                        <td className="num capacity-figure">
                          <bdi className="mw">{formatMw(h.before.mw)}</bdi>
                          <bdi className="gpus">{formatGpus(h.before.gpus)}</bdi>
                        </td>
                        <td className="num capacity-figure">
                          <bdi className="mw">{formatMw(h.after.mw)}</bdi>
                          <bdi className="gpus">{formatGpus(h.after.gpus)}</bdi>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <p className="muted">{t('capacity.n1.dryRun')}</p>
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
