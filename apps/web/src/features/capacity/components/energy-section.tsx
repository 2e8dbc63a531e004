import { ENERGY_PERIODS, type EnergyFigures, type EnergyPeriod, type EnergyRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { countryName } from '../../../lib/countries.ts';
import { formatDateTime, formatNumber, formatPercent, formatPue } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { capacityQueries } from '../api/capacity-queries.ts';
import { CsvButton } from './csv-button.tsx';
import { QueryState } from './query-state.tsx';
import { TableWrap } from './table-wrap.tsx';

const PERIODS = Object.keys(ENERGY_PERIODS) as EnergyPeriod[];
const MWH_COLUMNS = ['facilityMwh', 'itMwh', 'onSiteSolarMwh'] as const;
/** The energy figures defined once in the contract (ENERGY_FIGURES), said in the language in force. */
const ENERGY_HELP = ['facilityMwh', 'itMwh', 'solarMwh', 'renewableShare', 'tco2e'] as const;

const mwh = (value: number) => `${formatNumber(value, 1)} MWh`;
const tonnes = (value: number) => `${formatNumber(value, 1)} tCO2e`;

function EnergyCells({ row }: { row: EnergyFigures }) {
  const t = useT();
  return (
    <>
      {MWH_COLUMNS.map((c) => (
        <td key={c} className="num">
          <bdi>{mwh(row[c])}</bdi>
        </td>
      ))}
      <td className="num">
        <bdi>{row.pue === null ? t('capacity.noData') : formatPue(row.pue)}</bdi>
      </td>
      <td className="num">
        <bdi>{row.renewableShare === null ? t('capacity.noData') : formatPercent(row.renewableShare)}</bdi>
      </td>
      <td className="num">
        <bdi>{tonnes(row.tco2e)}</bdi>
      </td>
    </>
  );
}

/** Energy over a chosen period by country: facility and IT MWh, PUE (interim unless a year), solar, renewable share, location-based tCO2e. */
export function EnergySection({ period, onPeriodChange }: { period: EnergyPeriod; onPeriodChange: (period: EnergyPeriod) => void }) {
  const t = useT();
  const query = useQuery(capacityQueries.energy(period));
  const report = query.data;
  const network: EnergyRow | undefined = report?.rows.find((r) => r.key === 'network');
  const countries = report?.rows.filter((r) => r.key !== 'network') ?? [];
  const pueHeader = report?.pueBasis === 'annual' ? t('capacity.energy.pueAnnual') : t('capacity.energy.pueInterim');
  return (
    <section className="capacity-section" aria-labelledby="capacity-energy-title">
      <h3 id="capacity-energy-title">{t('capacity.energy.title')}</h3>
      <div className="capacity-controls" role="group" aria-label={t('capacity.energy.period')}>
        {PERIODS.map((p) => (
          <button key={p} type="button" className="ops-button" aria-pressed={p === period} onClick={() => onPeriodChange(p)}>
            {t(`capacity.energy.period.${p}` as MessageKey)}
          </button>
        ))}
        <CsvButton what={t('capacity.energy.title')} fileName={`energy-${period}.csv`} path={`/api/capacity/energy?period=${period}&groupBy=country`} />
      </div>
      <QueryState query={query} what={t('capacity.energy.title')}>
        {report && (
          <TableWrap>
            <table className="data-table capacity-energy">
              <caption>{t('capacity.energy.caption', { from: formatDateTime(report.from), to: formatDateTime(report.to), zone: viewerZone(), hours: report.hours })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('capacity.table.country.header')}</th>
                  <th scope="col" className="num">
                    {t('capacity.energy.facilityMwh')}
                  </th>
                  <th scope="col" className="num">
                    {t('capacity.energy.itMwh')}
                  </th>
                  <th scope="col" className="num">
                    {t('capacity.energy.solarMwh')}
                  </th>
                  <th scope="col" className="num">
                    {pueHeader}
                  </th>
                  <th scope="col" className="num">
                    {t('capacity.energy.renewableShare')}
                  </th>
                  <th scope="col" className="num">
                    {t('capacity.energy.tco2e')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {countries.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{countryName(row.key)}</th>
                    <EnergyCells row={row} />
                  </tr>
                ))}
              </tbody>
              {network && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('capacity.table.network')}</th>
                    <EnergyCells row={network} />
                  </tr>
                </tfoot>
              )}
            </table>
          </TableWrap>
        )}
        <p className="muted">{report?.pueBasis === 'annual' ? t('capacity.energy.pueAnnualNote') : t('capacity.energy.pueInterimNote')}</p>
        <p className="muted">{t('capacity.energy.carbonNote')}</p>
        <details className="capacity-help">
          <summary>{t('capacity.energy.help')}</summary>
          <dl>
            {ENERGY_HELP.map((f) => (
              <div key={f}>
                <dt>{t(`capacity.energy.${f}` as MessageKey)}</dt>
                <dd>{t(`capacity.energy.${f}.definition` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
        </details>
      </QueryState>
    </section>
  );
}
