import type { Link } from '@corridor/shared';
import { useMemo, useState, type AnchorHTMLAttributes } from 'react';
import { formatKm, formatLoss, formatMs } from '../../../lib/format.ts';
import { useT, type Translate } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { LINK_CONDITION_STYLES, type LinkReading } from '../../../lib/link-condition.ts';
import { linkRows, nextSort, sortLinkRows, type LinkRow, type LinkSort, type LinkSortKey } from '../model/link-rows.ts';

interface LinksPageProps {
  links: readonly Link[];
  loading: boolean;
  error?: Error | null;
  onRetry: () => void;
  /** Live probe readings by link id (the console's live state). */
  readings?: Readonly<Record<string, LinkReading | undefined>>;
  /** The link's panel on the map (?link=). */
  linkTo: (id: string) => AnchorHTMLAttributes<HTMLAnchorElement>;
}

/** Columns by their message key: labels are read in the language in force at each render. */
const COLUMNS: { key: LinkSortKey; label: MessageKey; numeric?: boolean }[] = [
  { key: 'name', label: 'links.column.name' },
  { key: 'cable', label: 'links.column.cable' },
  { key: 'kind', label: 'links.column.kind' },
  { key: 'from', label: 'links.column.ends' },
  { key: 'lengthKm', label: 'links.column.lengthKm', numeric: true },
  { key: 'baseRttMs', label: 'links.column.baseRttMs', numeric: true },
  { key: 'rttMs', label: 'links.column.rttMs', numeric: true },
  { key: 'lossRatio', label: 'links.column.lossRatio', numeric: true },
  { key: 'condition', label: 'links.column.condition' },
];

/** A link's condition in words (the bad ones as the map's legend names them). */
export function conditionText(t: Translate, condition: LinkRow['condition']): string {
  if (condition === 'unknown') return t('links.condition.unknown');
  if (condition === 'normal') return t('links.condition.normal');
  return LINK_CONDITION_STYLES[condition].label;
}

/** An empty reading cell: a dash to the eye, words to a screen reader. */
function NoReading({ t }: { t: Translate }) {
  return (
    <>
      <span aria-hidden="true">{t('links.row.none')}</span>
      <span className="visually-hidden">{t('links.row.noneLabel')}</span>
    </>
  );
}

/**
 * Every link and cable of the network (those ending at landing stations too) with its live RTT and loss,
 * sortable by any column; each name opens the link's panel on the map (Enter from the keyboard).
 */
export function LinksPage({ links, loading, error, onRetry, readings, linkTo }: LinksPageProps) {
  const t = useT();
  const [sort, setSort] = useState<LinkSort>({ key: 'condition', direction: 'desc' });
  const rows = useMemo(() => sortLinkRows(linkRows(links, readings), sort), [links, readings, sort]);
  return (
    <main className="page links-page" aria-labelledby="links-title">
      <div className="page-head">
        <h2 id="links-title">{t('links.page.title')}</h2>
        <p className="muted">{links.length ? t('links.page.summary', { count: links.length }) : ''}</p>
      </div>
      {loading && <p className="muted">{t('links.page.loading')}</p>}
      {error && links.length === 0 && (
        <div className="form-alert" role="alert">
          <p>{t('links.page.error', { message: error.message })}</p>
          <button type="button" className="link-button" onClick={onRetry}>
            {t('links.page.retry')}
          </button>
        </div>
      )}
      {!loading && !error && links.length === 0 && <p className="ops-empty">{t('links.page.empty')}</p>}
      {rows.length > 0 && (
        <table className="ops-table links-table" aria-label={t('links.table.label')}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined} className={c.numeric ? 'num' : undefined}>
                  <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c.key))}>
                    {t(c.label)}
                    <span aria-hidden="true">{sort.key === c.key ? t(sort.direction === 'asc' ? 'links.sort.ascending' : 'links.sort.descending') : null}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`condition-${r.condition}`}>
                <th scope="row">
                  <a {...linkTo(r.id)}>
                    <bdi>{r.name}</bdi>
                  </a>
                </th>
                <td>
                  <bdi>{r.cable}</bdi>
                </td>
                <td>{t('links.row.kind', { kind: r.kind })}</td>
                <td>{t.rich('links.row.ends', { from: <bdi key="from">{r.from}</bdi>, to: <bdi key="to">{r.to}</bdi> })}</td>
                <td className="num">{formatKm(r.lengthKm)}</td>
                <td className="num">{formatMs(r.baseRttMs)}</td>
                <td className="num">{r.rttMs === undefined ? <NoReading t={t} /> : formatMs(r.rttMs)}</td>
                <td className="num">{r.lossRatio === undefined ? <NoReading t={t} /> : formatLoss(r.lossRatio)}</td>
                <td>
                  <span className={`link-condition condition-${r.condition}`}>{conditionText(t, r.condition)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
