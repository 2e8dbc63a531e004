import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { countryName } from '../../../lib/countries.ts';
import { formatMw, formatNumber } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { CountryBranch } from '../model/ledger-tree.ts';
import { figureNameKey } from './figure-help.tsx';
import { TableWrap } from './table-wrap.tsx';

const SERIES = ['installed', 'committed', 'free', 'pipeline'] as const;
type Series = (typeof SERIES)[number];
/** Each series has its own fill pattern as well as its colour, so the bars are not told apart by colour alone. */
const FILL: Record<Series, string> = {
  installed: 'var(--capacity-installed, #5b8def)',
  committed: 'url(#capacity-hatch-committed)',
  free: 'url(#capacity-dots-free)',
  pipeline: 'url(#capacity-cross-pipeline)',
};
const CHART_HEIGHT_PX = 260;

/** Installed, committed, free and pipeline MW per country as bars, with the same figures as a table on demand. */
export function CountryBars({ branches }: { branches: readonly CountryBranch[] }) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const data = branches.map((b) => ({ name: countryName(b.country), installed: b.row.mw.installed, committed: b.row.mw.committed, free: Math.max(0, b.row.mw.free), pipeline: b.row.mw.pipeline }));
  const label = (s: Series) => t(figureNameKey(s));
  const summary = t('capacity.bars.summary', {
    values: new Intl.ListFormat(t.tag, { type: 'unit', style: 'long' }).format(
      data.map((d) =>
        t('capacity.bars.countryValues', { country: d.name, installed: formatMw(d.installed), committed: formatMw(d.committed), free: formatMw(d.free), pipeline: formatMw(d.pipeline) }),
      ),
    ),
  });
  return (
    <figure className="capacity-chart">
      <figcaption>
        {t('capacity.bars.title')}
        <button type="button" className="link-button" aria-expanded={asTable} aria-controls={asTable ? 'capacity-bars-table' : undefined} onClick={() => setAsTable((v) => !v)}>
          {asTable ? t('capacity.chart.hideTable') : t('capacity.chart.showTable')}
        </button>
      </figcaption>
      {/* The plot keeps its left-to-right sense in Arabic; its words are said in the summary and the table. */}
      <div role="img" aria-label={summary} dir="ltr" className="capacity-plot">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <defs>
              <pattern id="capacity-hatch-committed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="var(--capacity-committed, #e0a030)" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#000" strokeOpacity="0.45" strokeWidth="2" />
              </pattern>
              <pattern id="capacity-dots-free" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="var(--capacity-free, #3fb67a)" />
                <circle cx="3" cy="3" r="1.3" fill="#000" fillOpacity="0.45" />
              </pattern>
              <pattern id="capacity-cross-pipeline" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="var(--capacity-pipeline, #9a7fd1)" />
                <path d="M0 3H6M3 0V6" stroke="#000" strokeOpacity="0.45" strokeWidth="1" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis tickFormatter={(v: number) => `${formatNumber(v)} MW`} width={70} />
            <Tooltip formatter={(value) => formatMw(Number(value))} />
            <Legend />
            {SERIES.map((s) => (
              <Bar key={s} dataKey={s} name={label(s)} fill={FILL[s]} stroke="var(--ink, #e6edf5)" strokeWidth={0.5} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {asTable && (
        <TableWrap id="capacity-bars-table">
          <table className="data-table">
            <caption>{t('capacity.bars.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('capacity.table.country.header')}</th>
                {SERIES.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t('capacity.bars.columnMw', { figure: label(s) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.name}>
                  <th scope="row">{d.name}</th>
                  {SERIES.map((s) => (
                    <td key={s} className="num">
                      <bdi>{formatMw(d[s])}</bdi>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </figure>
  );
}
