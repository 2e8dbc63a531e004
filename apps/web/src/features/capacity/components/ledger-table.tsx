import type { CapacityLedgerRow } from '@corridor/shared';
import { Fragment, useState } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { LEDGER_COLUMNS, type CountryBranch } from '../model/ledger-tree.ts';
import { figureDefinitionId, figureNameKey } from './figure-help.tsx';
import { FigureCell, PipelineList } from './ledger-cells.tsx';
import { TableWrap } from './table-wrap.tsx';

interface LedgerTableProps {
  caption: string;
  /** Countries with their sites (a site row opens under its country), or flat rows (blocs, sites). */
  branches?: readonly CountryBranch[];
  rows?: readonly CapacityLedgerRow[];
  rowName: (row: CapacityLedgerRow) => string;
  network?: CapacityLedgerRow;
}

/** Site rows drawn at a time under a country (or in the site list): a fleet of thousands opens in pages. */
export const SITE_PAGE = 100;

function MoreRow({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const t = useT();
  if (shown >= total) return null;
  return (
    <tr className="capacity-more">
      <td colSpan={LEDGER_COLUMNS.length + 2}>
        <button type="button" className="link-button" onClick={onMore}>
          {t('capacity.table.more', { count: Math.min(SITE_PAGE, total - shown), shown, total })}
        </button>
      </td>
    </tr>
  );
}

function SiteName({ row }: { row: CapacityLedgerRow }) {
  const t = useT();
  const site = row.site;
  return (
    <>
      <bdi>{site?.name ?? row.key}</bdi>
      {site?.underMaintenance && <span className="capacity-tag maintenance">{t('capacity.maintenance.tag')}</span>}
      {site?.stage && <span className="capacity-tag pipeline">{t(`capacity.stage.${site.stage}`)}</span>}
    </>
  );
}

function Columns() {
  const t = useT();
  return (
    <>
      {LEDGER_COLUMNS.map((column) => (
        <th key={column} scope="col" className="num" aria-describedby={figureDefinitionId(column)}>
          {t(figureNameKey(column))}
          <span className="capacity-units">{t('capacity.table.units')}</span>
        </th>
      ))}
    </>
  );
}

/**
 * The ledger as a table, the accessible path to everything the map and the bars show: one row per
 * country (a button opens its sites), each figure in MW and GPUs, maintenance marked in words, the
 * pipeline with each site's stage and date.
 */
export function LedgerTable({ caption, branches, rows, rowName, network }: LedgerTableProps) {
  const t = useT();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [pages, setPages] = useState<Readonly<Record<string, number>>>({});
  const shownOf = (key: string) => (pages[key] ?? 1) * SITE_PAGE;
  const more = (key: string) => setPages((p) => ({ ...p, [key]: (p[key] ?? 1) + 1 }));
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <TableWrap>
      <table className="data-table capacity-ledger">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('capacity.table.name')}</th>
            <Columns />
            <th scope="col">{t('capacity.table.pipelineSites')}</th>
          </tr>
        </thead>
        <tbody>
          {branches?.map((branch) => {
            const expanded = open.has(branch.country);
            return (
              <Fragment key={branch.country}>
                <tr className="capacity-country">
                  <th scope="row">
                    <button type="button" className="link-button capacity-expand" aria-expanded={expanded} onClick={() => toggle(branch.country)} disabled={!branch.sites.length}>
                      <span className={expanded ? 'capacity-chevron open' : 'capacity-chevron'} aria-hidden="true" />
                      {t('capacity.table.country', { country: countryName(branch.country), count: branch.sites.length })}
                    </button>
                  </th>
                  {LEDGER_COLUMNS.map((column) => (
                    <FigureCell key={column} row={branch.row} column={column} />
                  ))}
                  <td>
                    <PipelineList entries={branch.row.pipelineSites} />
                  </td>
                </tr>
                {expanded &&
                  branch.sites.slice(0, shownOf(branch.country)).map((site) => (
                    <tr key={site.key} className="capacity-site">
                      <th scope="row">
                        <SiteName row={site} />
                      </th>
                      {LEDGER_COLUMNS.map((column) => (
                        <FigureCell key={column} row={site} column={column} />
                      ))}
                      <td>
                        <PipelineList entries={site.pipelineSites} />
                      </td>
                    </tr>
                  ))}
                {expanded && <MoreRow shown={shownOf(branch.country)} total={branch.sites.length} onMore={() => more(branch.country)} />}
              </Fragment>
            );
          })}
          {rows?.slice(0, shownOf('')).map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.site ? <SiteName row={row} /> : <bdi>{rowName(row)}</bdi>}</th>
              {LEDGER_COLUMNS.map((column) => (
                <FigureCell key={column} row={row} column={column} />
              ))}
              <td>
                <PipelineList entries={row.pipelineSites} />
              </td>
            </tr>
          ))}
          {rows && <MoreRow shown={shownOf('')} total={rows.length} onMore={() => more('')} />}
        </tbody>
        {network && (
          <tfoot>
            <tr>
              <th scope="row">{t('capacity.table.network')}</th>
              {LEDGER_COLUMNS.map((column) => (
                <FigureCell key={column} row={network} column={column} />
              ))}
              <td />
            </tr>
          </tfoot>
        )}
      </table>
    </TableWrap>
  );
}
