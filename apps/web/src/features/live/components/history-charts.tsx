import { memo, useState, type CSSProperties } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatNumber } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatTag, translate } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { formatPointTime, formatTick, RANGE_SPECS, timeTicks, type ChartRange } from '../model/chart-range.ts';
import type { ChartRow } from '../model/chart-rows.ts';
import { axisScale, type AxisSide, type ChartData, type ChartLine, type ChartSpec } from '../model/chart-specs.ts';

const CHART_HEIGHT_PX = 150;
// Recharts draws with SVG attributes; live.css restyles axes and grid from the theme's variables.
const AXIS_COLOUR = '#8b9bb0';
const GRID_COLOUR = '#1e2b3a';
const DASH_ARRAYS: Record<NonNullable<ChartLine['pattern']>, string> = { dashed: '4 3', dotted: '1 3' };

/** "7,400 kW", "1,24", "37 %": a value as the chart's axis for it reads, in the language in force. */
function withUnit(spec: ChartSpec, axis: AxisSide, value: number): string {
  const unit = spec.units[axis] ?? '';
  const decimals = spec.decimals[axis] ?? 0;
  const n = formatNumber(value, decimals, decimals);
  return unit ? `${n} ${unit}` : n;
}

/** A line's name with its unit: "Facility power (kW)", "PUE". */
function lineHeading(spec: ChartSpec, line: ChartLine): string {
  const unit = spec.units[line.axis];
  return unit ? translate('live.chart.withUnit', { label: line.label, unit }) : line.label;
}

/** The chart's text alternative: what it shows, over which range, and the latest values. */
function describeChart({ spec, rows }: ChartData, range: ChartRange): string {
  const head = translate('live.chart.head', { title: spec.title, range: RANGE_SPECS[range].label });
  const latest: string[] = [];
  let at: number | undefined;
  for (const line of spec.lines) {
    let row: ChartRow | undefined;
    for (let i = rows.length - 1; i >= 0 && !row; i--) if (rows[i]![line.metric] !== undefined) row = rows[i];
    if (!row) continue;
    latest.push(translate('live.chart.latestValue', { label: line.label, value: withUnit(spec, line.axis, row[line.metric]!) }));
    at = Math.max(at ?? 0, row.t);
  }
  if (!latest.length) return translate('live.chart.noData', { head });
  const values = new Intl.ListFormat(formatTag(), { style: 'short', type: 'unit' }).format(latest);
  return translate('live.chart.latest', { head, time: formatPointTime(at!), values });
}

function ChartTooltip({ active, payload, label, spec }: TooltipContentProps<number, string> & { spec: ChartSpec }) {
  const t = useT();
  if (!active || !payload?.length) return null;
  return (
    // Inside the left-to-right plot, the tooltip's words still read in the page's direction.
    <div className="chart-tooltip" dir={t.dir}>
      <p className="chart-tooltip-time">{formatPointTime(Number(label))}</p>
      <ul>
        {spec.lines.map((line) => {
          const entry = payload.find((p) => p.dataKey === line.metric);
          if (entry?.value === undefined) return null;
          return (
            <li key={line.metric} className={line.pattern} style={{ '--swatch': line.colour } as CSSProperties}>
              {t.rich('live.chart.tooltipValue', {
                label: line.label,
                value: withUnit(spec, line.axis, Number(entry.value)),
                strong: (chunks) => (
                  <strong>
                    <bdi>{chunks}</bdi>
                  </strong>
                ),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The chart as a table: the same series, a row per point, each value with its unit and each time in the
 * viewer's zone (named in the caption and the time column), for screen readers and for reading exact values.
 */
function ChartTable({ data, range, id }: { data: ChartData; range: ChartRange; id: string }) {
  const t = useT();
  const { spec, rows } = data;
  const zone = viewerZone();
  return (
    <div className="chart-table-wrap" id={id}>
      <table className="data-table chart-table">
        <caption>{t('live.chart.tableCaption', { title: spec.title, range: RANGE_SPECS[range].label, zone })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('live.chart.timeColumn', { zone })}</th>
            {spec.lines.map((line) => (
              <th key={line.metric} scope="col">
                {lineHeading(spec, line)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.t}>
              <th scope="row">
                <bdi>{formatPointTime(row.t)}</bdi>
              </th>
              {spec.lines.map((line) => (
                <td key={line.metric}>{row[line.metric] === undefined ? t('live.kpis.none') : <bdi>{withUnit(spec, line.axis, row[line.metric]!)}</bdi>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function yAxis({ spec, rows }: ChartData, side: AxisSide) {
  const keys = spec.lines.filter((l) => l.axis === side).map((l) => l.metric);
  if (keys.length === 0) return null;
  const unit = spec.units[side] ?? '';
  const { domain, ticks } = axisScale(rows, keys, spec.minSpan[side] ?? 0);
  return (
    <YAxis
      yAxisId={side}
      orientation={side}
      width={side === 'left' ? 48 : 44}
      domain={domain}
      ticks={ticks}
      tick={{ fill: AXIS_COLOUR, fontSize: 11 }}
      stroke={AXIS_COLOUR}
      tickFormatter={(v: number) => formatNumber(v, spec.decimals[side] ?? 0, spec.decimals[side] ?? 0)}
      // The unit above the axis; on the right it ends at the edge so a long unit (gCO₂/kWh) is not cut.
      label={unit ? { value: unit, position: 'top', offset: 6, fill: AXIS_COLOUR, fontSize: 11, textAnchor: side === 'right' ? 'end' : 'middle', dx: side === 'right' ? 20 : 0 } : undefined}
    />
  );
}

/** Memoised: a chart redraws only when its own rows or range change, not with every live figure. */
const HistoryChart = memo(function HistoryChart({ data, range }: { data: ChartData; range: ChartRange }) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const { spec, rows, domain } = data;
  const titleId = `chart-${spec.id}-title`;
  const tableId = `chart-${spec.id}-table`;
  return (
    <figure className="site-chart" aria-labelledby={titleId}>
      <div className="site-chart-head">
        <figcaption id={titleId}>{spec.title}</figcaption>
        <button type="button" className="link-button chart-table-toggle" aria-expanded={asTable} aria-controls={asTable ? tableId : undefined} onClick={() => setAsTable((shown) => !shown)}>
          {asTable ? t('live.chart.hideTable') : t('live.chart.showTable')}
        </button>
      </div>
      {/* Time runs left to right in every language: the plot keeps its sense in Arabic, its words are translated. */}
      <div role="img" aria-label={describeChart(data, range)} className="site-chart-plot" dir="ltr">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
          <LineChart data={rows as ChartRow[]} margin={{ top: 18, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              ticks={timeTicks(range, domain)}
              tickFormatter={(t: number) => formatTick(range, t)}
              tick={{ fill: AXIS_COLOUR, fontSize: 11 }}
              stroke={AXIS_COLOUR}
              allowDataOverflow
            />
            {yAxis(data, 'left')}
            {yAxis(data, 'right')}
            <Tooltip content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} spec={spec} />} isAnimationActive={false} />
            {spec.lines.map((line) => (
              <Line
                key={line.metric}
                yAxisId={line.axis}
                dataKey={line.metric}
                name={line.label}
                type="monotone"
                stroke={line.colour}
                strokeWidth={1.6}
                strokeDasharray={line.pattern ? DASH_ARRAYS[line.pattern] : undefined}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend" aria-hidden="true">
        {spec.lines.map((line) => (
          <li key={line.metric} className={line.pattern} style={{ '--swatch': line.colour } as CSSProperties}>
            {lineHeading(spec, line)}
          </li>
        ))}
      </ul>
      {asTable && <ChartTable data={data} range={range} id={tableId} />}
    </figure>
  );
});

/** A site's or link's history charts (Recharts, in a chunk of its own loaded on first use). */
function HistoryCharts({ charts, range }: { charts: readonly ChartData[]; range: ChartRange }) {
  return (
    <div className="site-charts">
      {charts.map((data) => (
        <HistoryChart key={data.spec.id} data={data} range={range} />
      ))}
    </div>
  );
}

export default memo(HistoryCharts);
