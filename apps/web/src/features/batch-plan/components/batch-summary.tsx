import type { BatchPlan, BatchPlanWorkload } from '@corridor/shared';
import { useMutation } from '@tanstack/react-query';
import { isUnavailableError } from '../../../lib/api-client.ts';
import { countryName } from '../../../lib/countries.ts';
import { downloadText } from '../../../lib/csv.ts';
import { formatCount, formatGpus, formatKw, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { fetchBatchPlanCsv } from '../api/batch-plan-api.ts';

/** Power in MW from 1 MW up, in kW below (a small batch's 51 kW is not "0.1 MW"). */
const formatPower = (kw: number): string => (kw < 1000 ? formatKw(kw) : formatMw(kw / 1000));

/** "Placed 812 of 1,000 · 41,776 GPUs · 23.4 MW": the batch in one line, announced when it arrives (figures with units isolated for Arabic). */
export function BatchTotals({ plan }: { plan: BatchPlan }) {
  const t = useT();
  const { totals } = plan;
  return (
    <p className="batch-totals" role="status">
      {t.rich('batch.totals', {
        placed: formatCount(totals.placed),
        requested: formatCount(totals.requested),
        gpus: <bdi key="gpus">{formatGpus(totals.gpusPlaced)}</bdi>,
        power: <bdi key="power">{formatPower(totals.powerKwPlaced)}</bdi>,
      })}
      {totals.unplaced > 0 && <span className="muted">{t('batch.totals.unplaced', { count: totals.unplaced, gpus: formatCount(totals.gpusRequested - totals.gpusPlaced) })}</span>}
    </p>
  );
}

/** What every jurisdiction would have left had the batch been committed: GPUs and MW free, before → after. */
export function BatchRemainingTable({ plan }: { plan: BatchPlan }) {
  const t = useT();
  // Each figure isolated, so Arabic reads "2 MW ← 1.9 MW" and not "MW 2 ← MW 1.9".
  const change = (before: string, after: string) => t.rich('batch.change', { before: <bdi key="before">{before}</bdi>, after: <bdi key="after">{after}</bdi> });
  return (
    <div className="batch-table-wrap" tabIndex={0} role="region" aria-label={t('batch.remaining.scrollRegion')}>
      <table className="ops-table batch-remaining">
        <caption>{t('batch.remaining.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('batch.remaining.jurisdiction')}</th>
            <th scope="col" className="num">
              {t('batch.remaining.sites')}
            </th>
            <th scope="col" className="num">
              {t('batch.remaining.gpus')}
            </th>
            <th scope="col" className="num">
              {t('batch.remaining.power')}
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.remaining.map((r) => (
            <tr key={r.jurisdiction}>
              <th scope="row">{t('batch.remaining.name', { name: countryName(r.jurisdiction), code: r.jurisdiction })}</th>
              <td className="num">{formatCount(r.sites)}</td>
              <td className="num">{change(formatCount(r.gpusFreeBefore), formatCount(r.gpusFreeAfter))}</td>
              <td className="num">{change(formatMw(r.powerKwFreeBefore / 1000), formatMw(r.powerKwFreeAfter / 1000))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Export CSV": the API's own CSV of the same batch (one record per workload), offered as a file. */
export function BatchExportButton({ workloads }: { workloads: readonly BatchPlanWorkload[] }) {
  const t = useT();
  const exportCsv = useMutation({
    mutationFn: async () => {
      const csv = await fetchBatchPlanCsv(workloads);
      downloadText('corridor-what-if.csv', csv.text);
      return csv.count;
    },
  });
  return (
    <span className="batch-export">
      <button type="button" className="ops-button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
        {exportCsv.isPending ? t('batch.export.preparing') : t('batch.export.button')}
      </button>
      <span role="status" className="muted">
        {exportCsv.isSuccess && t('batch.export.done', { count: exportCsv.data })}
        {exportCsv.isError && (isUnavailableError(exportCsv.error) ? t('batch.api.unavailable') : t('batch.export.error', { message: exportCsv.error.message }))}
      </span>
    </span>
  );
}
