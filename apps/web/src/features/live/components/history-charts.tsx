import { memo, type CSSProperties } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatPointTime, formatTick, RANGE_SPECS, timeTicks, type ChartRange } from '../model/chart-range.ts';
import type { ChartRow } from '../model/chart-rows.ts';
import { axisScale, type AxisSide, type ChartData, type ChartSpec } from '../model/chart-specs.ts';

const CHART_HEIGHT_PX = 150;
const AXIS_COLOUR = '#8b9bb0';
const GRID_COLOUR = '#1e2b3a';

const numberFormats = new Map<number, Intl.NumberFormat>();
function formatNumber(value: number, decimals: number): string {
  let format = numberFormats.get(decimals);
  if (!format) numberFormats.set(decimals, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(value);
}

/** "7,400 kW", "1.24", "37 %": a value as the chart's axis for it reads. */
function withUnit(spec: ChartSpec, axis: AxisSide, value: number): string {
  const unit = spec.units[axis] ?? '';
  const n = formatNumber(value, spec.decimals[axis] ?? 0);
  return unit ? `${n} ${unit}` : n;
}

/** The chart's text alternative: what it shows, over which range, and the latest values. */
function describeChart({ spec, rows }: ChartData, range: ChartRange): string {
  const head = `${spec.title}, last ${RANGE_SPECS[range].label}`;
  const latest: string[] = [];
  let at: number | undefined;
  for (const line of spec.lines) {
    let row: ChartRow | undefined;
    for (let i = rows.length - 1; i >= 0 && !row; i--) if (rows[i]![line.metric] !== undefined) row = rows[i];
    if (!row) continue;
    latest.push(`${line.label} ${withUnit(spec, line.axis, row[line.metric]!)}`);
    at = Math.max(at ?? 0, row.t);
  }
  return latest.length ? `${head}. Latest (${formatPointTime(at!)}): ${latest.join(', ')}.` : `${head}: no data in this range.`;
}

function ChartTooltip({ active, payload, label, spec }: TooltipContentProps<number, string> & { spec: ChartSpec }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-time">{formatPointTime(Number(label))}</p>
      <ul>
        {spec.lines.map((line) => {
          const entry = payload.find((p) => p.dataKey === line.metric);
          if (entry?.value === undefined) return null;
          return (
            <li key={line.metric} style={{ '--swatch': line.colour } as CSSProperties}>
              {line.label}: <strong>{withUnit(spec, line.axis, Number(entry.value))}</strong>
            </li>
          );
        })}
      </ul>
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
      tickFormatter={(v: number) => formatNumber(v, spec.decimals[side] ?? 0)}
      // The unit above the axis; on the right it ends at the edge so a long unit (gCO₂/kWh) is not cut.
      label={unit ? { value: unit, position: 'top', offset: 6, fill: AXIS_COLOUR, fontSize: 11, textAnchor: side === 'right' ? 'end' : 'middle', dx: side === 'right' ? 20 : 0 } : undefined}
    />
  );
}

/** Memoised: a chart redraws only when its own rows or range change, not with every live figure. */
const HistoryChart = memo(function HistoryChart({ data, range }: { data: ChartData; range: ChartRange }) {
  const { spec, rows, domain } = data;
  const titleId = `chart-${spec.id}-title`;
  return (
    <figure className="site-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{spec.title}</figcaption>
      <div role="img" aria-label={describeChart(data, range)} className="site-chart-plot">
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
                strokeDasharray={line.dashed ? '4 3' : undefined}
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
          <li key={line.metric} className={line.dashed ? 'dashed' : undefined} style={{ '--swatch': line.colour } as CSSProperties}>
            {line.label}
            {spec.units[line.axis] ? ` (${spec.units[line.axis]})` : ''}
          </li>
        ))}
      </ul>
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
