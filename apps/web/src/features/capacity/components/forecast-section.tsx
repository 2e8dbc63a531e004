import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatGpus } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { capacityQueries } from '../api/capacity-queries.ts';
import { CsvButton } from './csv-button.tsx';
import { QueryState } from './query-state.tsx';
import { TableWrap } from './table-wrap.tsx';

const CHART_HEIGHT_PX = 240;

/** Committed demand of a class projected per quarter against the lawful supply, the method stated, the crossing quarter flagged. */
export function ForecastSection() {
  const t = useT();
  const selectId = useId();
  const query = useQuery(capacityQueries.forecast());
  const [chosen, setChosen] = useState<string>();
  const [asTable, setAsTable] = useState(false);
  const forecast = query.data;
  const classes = forecast?.classes ?? [];
  // The first class that crosses, else the first: the one a board should see.
  const current = classes.find((c) => c.class.id === chosen) ?? classes.find((c) => c.crossesIn) ?? classes[0];
  const data = current?.quarters.map((q) => ({ quarter: q.quarter, demand: q.demandGpus, supply: q.supplyGpus })) ?? [];
  const described =
    current &&
    new Intl.ListFormat(t.tag, { type: 'unit', style: 'long' }).format(
      current.quarters.map((q) => t('capacity.forecast.point', { quarter: q.quarter, demand: formatGpus(q.demandGpus), supply: formatGpus(q.supplyGpus) })),
    );
  return (
    <section className="capacity-section" aria-labelledby="capacity-forecast-title">
      <h3 id="capacity-forecast-title">{t('capacity.forecast.title')}</h3>
      <QueryState query={query} what={t('capacity.forecast.title')}>
        {forecast && (
          <>
            <p className="muted">{t('capacity.forecast.method', { weeks: forecast.method.weeks, quarters: forecast.method.quarters })}</p>
            {classes.length === 0 ? (
              <p className="muted">{t('capacity.forecast.empty')}</p>
            ) : (
              <>
                <div className="capacity-controls">
                  <label htmlFor={selectId}>{t('capacity.forecast.class')}</label>
                  <select id={selectId} value={current?.class.id} onChange={(e) => setChosen(e.target.value)}>
                    {classes.map((c) => (
                      <option key={c.class.id} value={c.class.id} lang="en">
                        {c.class.title}
                      </option>
                    ))}
                  </select>
                  <CsvButton what={t('capacity.forecast.title')} fileName="capacity-forecast.csv" path="/api/capacity/forecast" />
                </div>
                {current && (
                  <figure className="capacity-chart">
                    <figcaption>
                      <span className={current.crossesIn ? 'capacity-no' : 'capacity-yes'}>
                        {current.crossesIn ? t('capacity.forecast.crosses', { quarter: current.crossesIn }) : t('capacity.forecast.within', { quarters: forecast.method.quarters })}
                      </span>
                      <button type="button" className="link-button" aria-expanded={asTable} onClick={() => setAsTable((v) => !v)}>
                        {asTable ? t('capacity.chart.hideTable') : t('capacity.chart.showTable')}
                      </button>
                    </figcaption>
                    {/* Quarters run left to right in every language, as the other charts' time axes. */}
                    <div role="img" dir="ltr" className="capacity-plot" aria-label={t('capacity.forecast.described', { values: described ?? '' })}>
                      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
                        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                          <CartesianGrid strokeDasharray="3 3" vertical={false} />
                          <XAxis dataKey="quarter" />
                          <YAxis tickFormatter={(v: number) => formatCount(v)} width={64} />
                          <Tooltip formatter={(value) => formatGpus(Number(value))} />
                          <Legend />
                          <Line type="monotone" dataKey="supply" name={t('capacity.forecast.supply')} stroke="var(--capacity-free, #3fb67a)" strokeWidth={2} isAnimationActive={false} />
                          <Line
                            type="monotone"
                            dataKey="demand"
                            name={t('capacity.forecast.demand')}
                            stroke="var(--capacity-committed, #e0a030)"
                            strokeDasharray="6 4"
                            strokeWidth={2}
                            isAnimationActive={false}
                          />
                          {current.crossesIn && <ReferenceLine x={current.crossesIn} stroke="var(--alert-ink, #ff6b6b)" strokeDasharray="2 2" label={t('capacity.forecast.crossingMark')} />}
                        </LineChart>
                      </ResponsiveContainer>
                    </div>
                    {asTable && (
                      <TableWrap>
                        <table className="data-table">
                          <caption>{t('capacity.forecast.tableCaption', { title: current.class.title })}</caption>
                          <thead>
                            <tr>
                              <th scope="col">{t('capacity.forecast.quarter')}</th>
                              <th scope="col" className="num">
                                {t('capacity.forecast.demand')}
                              </th>
                              <th scope="col" className="num">
                                {t('capacity.forecast.supply')}
                              </th>
                              <th scope="col">{t('capacity.forecast.flag')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {current.quarters.map((q) => (
                              <tr key={q.quarter}>
                                <th scope="row">
                                  <bdi>{q.quarter}</bdi>
                                </th>
                                <td className="num">{formatGpus(q.demandGpus)}</td>
                                <td className="num">{formatGpus(q.supplyGpus)}</td>
                                <td>{q.crossing ? t('capacity.forecast.crossingMark') : ''}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </TableWrap>
                    )}
                  </figure>
                )}
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
