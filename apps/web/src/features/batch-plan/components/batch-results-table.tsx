import type { BatchPlan, BatchPlanResult, BatchPlanWorkload, BatchUnplacedReason } from '@corridor/shared';
import { useMemo, useState } from 'react';
import { formatCount, formatKw, formatNumber } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { DEFAULT_SORT, pageOf, visibleResults, type BatchSort, type BatchSortKey } from '../model/batch-rows.ts';

/*
 * Figures with units ("51 kW", "64 × H100") sit in <bdi>: in Arabic a number followed by a Latin unit
 * would otherwise be read in the wrong order ("kW 51").
 */

/** What the table shows of a site: its name and its country's code. */
export interface BatchSiteLabel {
  name: string;
  country: string;
}

interface BatchResultsTableProps {
  plan: BatchPlan;
  workloads: readonly BatchPlanWorkload[];
  site: (siteId: string) => BatchSiteLabel;
  /** A rejection's code in words (the placement view's wording, handed in by the app). */
  reasonText: (reason: BatchUnplacedReason) => string;
  /** The site chosen on the map: only the workloads placed there are listed. */
  siteId?: string;
  onClearSite?: () => void;
}

const COLUMNS: readonly { key: BatchSortKey; label: MessageKey; numeric?: boolean }[] = [
  { key: 'index', label: 'batch.col.row', numeric: true },
  { key: 'name', label: 'batch.col.workload' },
  { key: 'outcome', label: 'batch.col.outcome' },
  { key: 'site', label: 'batch.col.site' },
  { key: 'gpus', label: 'batch.col.gpus', numeric: true },
  { key: 'powerKw', label: 'batch.col.kw', numeric: true },
  { key: 'score', label: 'batch.col.detail' },
];

/** Reasons shown per unplaced row: the most frequent; the rest are in the export. */
const LEADING_REASONS = 2;

const nextSort = (sort: BatchSort, key: BatchSortKey): BatchSort => (sort.key === key ? { key, descending: !sort.descending } : { key, descending: false });

/**
 * Every workload of the batch: where it would go (site, country, GPUs × model, kW, score) or why it would
 * not (its leading reasons in words), sortable by any column, filterable to the unplaced, a page at a time.
 */
export function BatchResultsTable({ plan, workloads, site, reasonText, siteId, onClearSite }: BatchResultsTableProps) {
  const t = useT();
  const [sort, setSort] = useState<BatchSort>(DEFAULT_SORT);
  const [unplacedOnly, setUnplacedOnly] = useState(false);
  const [page, setPage] = useState(1);
  const rows = useMemo(
    () =>
      visibleResults(
        plan,
        sort,
        { unplacedOnly, siteId },
        (id) => site(id).name,
        (index) => workloads[index]?.gpus.count ?? 0,
      ),
    [plan, sort, unplacedOnly, siteId, site, workloads],
  );
  // A site chosen on the map starts its list at the first page.
  const [shownSite, setShownSite] = useState(siteId);
  if (shownSite !== siteId) {
    setShownSite(siteId);
    setPage(1);
  }
  const shown = pageOf(rows, page);

  return (
    <div className="batch-results">
      <div className="ops-filters">
        <label className="batch-check">
          <input
            type="checkbox"
            checked={unplacedOnly}
            onChange={(e) => {
              setUnplacedOnly(e.target.checked);
              setPage(1);
            }}
          />
          {t('batch.filter.unplacedOnly', { count: plan.totals.unplaced })}
        </label>
        {siteId && (
          <p className="batch-site-filter">
            {t.rich('batch.filter.site', { name: <bdi key="name">{site(siteId).name}</bdi> })}
            <button type="button" className="link-button" onClick={onClearSite}>
              {t('batch.filter.allSites')}
            </button>
          </p>
        )}
      </div>
      <div className="batch-table-wrap" tabIndex={0} role="region" aria-label={t('batch.table.scrollRegion')}>
        <table className="ops-table batch-table">
          <caption>{t('batch.table.caption', { from: formatCount(shown.from), to: formatCount(shown.to), total: formatCount(shown.total) })}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  <button type="button" className="batch-sort" onClick={() => (setSort((s) => nextSort(s, c.key)), setPage(1))}>
                    {t(c.label)}
                    <span className="batch-sort-arrow" aria-hidden="true">
                      {sort.key === c.key ? t(sort.descending ? 'batch.sort.descending' : 'batch.sort.ascending') : null}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  {t('batch.table.none')}
                </td>
              </tr>
            )}
            {shown.rows.map((r) => (
              <ResultRow key={r.index} result={r} workload={workloads[r.index]} site={site} reasonText={reasonText} />
            ))}
          </tbody>
        </table>
      </div>
      {shown.pages > 1 && (
        <nav className="ops-actions batch-pager" aria-label={t('batch.pager.label')}>
          <button type="button" className="ops-button" disabled={shown.page <= 1} onClick={() => setPage(shown.page - 1)}>
            {t('batch.pager.previous')}
          </button>
          <span aria-live="polite">{t('batch.pager.page', { page: formatCount(shown.page), pages: formatCount(shown.pages) })}</span>
          <button type="button" className="ops-button" disabled={shown.page >= shown.pages} onClick={() => setPage(shown.page + 1)}>
            {t('batch.pager.next')}
          </button>
        </nav>
      )}
    </div>
  );
}

interface ResultRowProps {
  result: BatchPlanResult;
  workload: BatchPlanWorkload | undefined;
  site: (siteId: string) => BatchSiteLabel;
  reasonText: (reason: BatchUnplacedReason) => string;
}

function ResultRow({ result, workload, site, reasonText }: ResultRowProps) {
  const t = useT();
  const placed = result.outcome === 'placed';
  return (
    <tr className={placed ? undefined : 'unplaced'}>
      <td className="num">{formatCount(result.index + 1)}</td>
      <th scope="row">
        <bdi>{result.ref ?? result.name}</bdi>
        {result.ref && (
          <span className="muted batch-sub">
            <bdi>{result.name}</bdi>
          </span>
        )}
      </th>
      <td>{placed ? t('batch.outcome.placed') : t('batch.outcome.unplaced')}</td>
      {result.outcome === 'placed' ? (
        <>
          <td>{t.rich('batch.site', { name: <bdi key="name">{site(result.siteId).name}</bdi>, country: result.jurisdiction })}</td>
          <td className="num">
            <bdi>{t('batch.gpus', { count: formatCount(result.gpuCount), model: result.gpuModel })}</bdi>
          </td>
          <td className="num">
            <bdi>{formatKw(result.powerKw)}</bdi>
          </td>
          <td>{t('batch.score', { score: formatNumber(result.score, 2, 2), of: formatCount(result.rank1Of) })}</td>
        </>
      ) : (
        <>
          <td className="muted">{t('batch.noSite')}</td>
          <td className="num">{workload && <bdi>{t('batch.gpus', { count: formatCount(workload.gpus.count), model: workload.gpus.model ?? t('batch.anyModel') })}</bdi>}</td>
          <td className="num">{workload?.powerKw !== undefined && <bdi>{formatKw(workload.powerKw)}</bdi>}</td>
          <td>
            <ul className="batch-reasons">
              {result.reasons.slice(0, LEADING_REASONS).map((reason) => (
                <li key={reason.code}>
                  {t('batch.reason', { reason: reasonText(reason), count: reason.count })} <code className="muted">{reason.code}</code>
                </li>
              ))}
            </ul>
          </td>
        </>
      )}
    </tr>
  );
}
