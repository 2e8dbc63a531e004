import type { Link } from '@corridor/shared';
import { useMemo, useState, type AnchorHTMLAttributes } from 'react';
import { formatCount, formatKm, formatLoss, formatMs } from '../../../lib/format.ts';
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

const COLUMNS: { key: LinkSortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Link' },
  { key: 'cable', label: 'Cable' },
  { key: 'kind', label: 'Kind' },
  { key: 'from', label: 'Ends' },
  { key: 'lengthKm', label: 'Length (km)', numeric: true },
  { key: 'baseRttMs', label: 'Base RTT (ms)', numeric: true },
  { key: 'rttMs', label: 'Live RTT (ms)', numeric: true },
  { key: 'lossRatio', label: 'Loss (%)', numeric: true },
  { key: 'condition', label: 'Condition' },
];

const CONDITION_TEXT = { unknown: 'No reading yet', normal: 'Normal', ...Object.fromEntries(Object.entries(LINK_CONDITION_STYLES).map(([k, v]) => [k, v.label])) } as Record<
  LinkRow['condition'],
  string
>;

/**
 * Every link and cable of the network (those ending at landing stations too) with its live RTT and loss,
 * sortable by any column; each name opens the link's panel on the map (Enter from the keyboard).
 */
export function LinksPage({ links, loading, error, onRetry, readings, linkTo }: LinksPageProps) {
  const [sort, setSort] = useState<LinkSort>({ key: 'condition', direction: 'desc' });
  const rows = useMemo(() => sortLinkRows(linkRows(links, readings), sort), [links, readings, sort]);
  return (
    <main className="page links-page" aria-labelledby="links-title">
      <div className="page-head">
        <h2 id="links-title">Links and cables</h2>
        <p className="muted">{links.length ? `${formatCount(links.length)} links · live readings from the probes` : ''}</p>
      </div>
      {loading && <p className="muted">Loading links…</p>}
      {error && links.length === 0 && (
        <div className="form-alert" role="alert">
          <p>The links could not be loaded: {error.message}</p>
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {!loading && !error && links.length === 0 && <p className="ops-empty">The network has no link.</p>}
      {rows.length > 0 && (
        <table className="ops-table links-table" aria-label="Links and cables">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined} className={c.numeric ? 'num' : undefined}>
                  <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c.key))}>
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`condition-${r.condition}`}>
                <th scope="row">
                  <a {...linkTo(r.id)}>{r.name}</a>
                </th>
                <td>{r.cable}</td>
                <td>{r.kind === 'submarine' ? 'Submarine' : 'Terrestrial'}</td>
                <td>
                  {r.from} – {r.to}
                </td>
                <td className="num">{formatKm(r.lengthKm)}</td>
                <td className="num">{formatMs(r.baseRttMs)}</td>
                <td className="num">{r.rttMs === undefined ? '—' : formatMs(r.rttMs)}</td>
                <td className="num">{r.lossRatio === undefined ? '—' : formatLoss(r.lossRatio)}</td>
                <td>
                  <span className={`link-condition condition-${r.condition}`}>{CONDITION_TEXT[r.condition]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
