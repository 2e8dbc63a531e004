import type { CapacityLedger, CapacityLedgerRow, LedgerGroupBy, SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { capacityQueries } from '../api/capacity-queries.ts';
import { TABLE_GROUPINGS } from '../model/capacity-params.ts';
import { largestSite, ledgerTree, networkRow } from '../model/ledger-tree.ts';
import type { LedgerSet } from '../model/synthetic-ledger.ts';
import type { CountryShape } from '../model/projection.ts';
import { CapacityChoropleth, type SiteBubble } from './capacity-choropleth.tsx';
import { CountryBars } from './country-bars.tsx';
import { CsvButton } from './csv-button.tsx';
import { EnergySection } from './energy-section.tsx';
import { FigureHelp } from './figure-help.tsx';
import { ForecastSection } from './forecast-section.tsx';
import { HeadroomSection } from './headroom-section.tsx';
import { LedgerTable } from './ledger-table.tsx';
import { QueryState } from './query-state.tsx';
import { SiteLossSection } from './site-loss-section.tsx';
import { useCapacityParams } from './use-capacity-params.ts';
import './capacity.css';

export interface CapacityPageProps {
  /** The fleet's sites, for where each bubble stands. */
  sites: readonly SiteRow[];
  /** Country outlines of the console's offline basemap (loaded by the app, shared with the network map). */
  countryShapes?: readonly CountryShape[];
  /** Opens the placement view pre-filled (a search string); absent for a role that may not place. */
  onOpenPlacement?: (search: string) => void;
  /** A ledger built in the browser for a synthetic fleet (?synthetic=N), read instead of the API's. */
  synthetic?: LedgerSet;
}

/** The N-1 picker lists the largest sites (a fleet of thousands does not fit one list box). */
const N1_CHOICES = 200;

/** The ledger grouped one way: the API's, or the synthetic fleet's (given at once, never refetched). */
function useLedger(groupBy: LedgerGroupBy, synthetic: LedgerSet | undefined, enabled = true) {
  const own = synthetic && groupBy !== 'bloc' ? synthetic[groupBy] : undefined;
  const fromApi = useQuery({ ...capacityQueries.ledger(groupBy), enabled: enabled && !own });
  const fromBrowser = useQuery({
    queryKey: ['capacity', 'synthetic', groupBy, own?.rows.length ?? 0] as const,
    queryFn: (): CapacityLedger => own!,
    enabled: !!own,
    staleTime: Infinity,
    structuralSharing: false,
  });
  return own ? fromBrowser : fromApi;
}

/**
 * The executive's capacity view: the ledger by country on a choropleth and in a country → site table,
 * bars per country, sovereign headroom per regulated class, the N-1 what-if, the forecast and energy.
 * Every table exports as CSV; printed, it is a board pack (A4 landscape, as-of and policy on every page).
 */
export function CapacityPage({ sites, countryShapes, onOpenPlacement, synthetic }: CapacityPageProps) {
  const t = useT();
  const [params, setParams] = useCapacityParams();
  const byCountry = useLedger('country', synthetic);
  const bySite = useLedger('site', synthetic);
  const network = useLedger('network', synthetic);
  const byBloc = useLedger('bloc', synthetic, params.by === 'bloc');

  const branches = useMemo(() => (byCountry.data ? ledgerTree(byCountry.data, bySite.data) : []), [byCountry.data, bySite.data]);
  const siteRows = useMemo(() => {
    const installed = (bySite.data?.rows ?? []).filter((r) => r.site && r.mw.installed > 0).sort((a, b) => b.mw.installed - a.mw.installed);
    const choices = installed.slice(0, N1_CHOICES);
    // A site a link asked for stays choosable even when it is not among the largest.
    const asked = params.n1 && !choices.some((r) => r.key === params.n1) ? installed.find((r) => r.key === params.n1) : undefined;
    return asked ? [...choices, asked] : choices;
  }, [bySite.data, params.n1]);
  const bubbles: SiteBubble[] = useMemo(() => {
    const ledgerOf = new Map((bySite.data?.rows ?? []).map((r) => [r.key, r]));
    return sites.map((s) => {
      const row = ledgerOf.get(s.id);
      return {
        id: s.id,
        country: s.country,
        lat: s.lat,
        lon: s.lon,
        installedMw: row?.mw.installed ?? (s.status === 'planned' || s.status === 'construction' ? 0 : s.itCapacityMw),
        pipelineMw: row?.mw.pipeline ?? s.itCapacityMw,
      };
    });
  }, [sites, bySite.data]);
  const n1 = params.n1 ?? largestSite(bySite.data)?.key;
  const ledger = byCountry.data;
  const asOf = ledger ? t('capacity.asOf', { time: formatDateTime(ledger.asOf), zone: viewerZone(), policy: ledger.policyVersion.slice(0, 12) }) : '';
  const tableRows: CapacityLedgerRow[] | undefined = params.by === 'bloc' ? byBloc.data?.rows : params.by === 'site' ? bySite.data?.rows : undefined;

  return (
    <div className="capacity-page" data-ledger-sites={bySite.data?.rows.length}>
      {/* Printed, a table's head and foot repeat on every page: the as-of time and policy on each page of the
          board pack. On screen the table is only a box (role=presentation, head and foot not shown). */}
      <table role="presentation" className="capacity-print-layout">
        <thead className="capacity-print-frame" aria-hidden="true">
          <tr>
            <td>
              <span>{t('capacity.print.title')}</span>
              <span>{asOf}</span>
            </td>
          </tr>
        </thead>
        <tfoot className="capacity-print-frame" aria-hidden="true">
          <tr>
            <td>
              <span>{asOf}</span>
            </td>
          </tr>
        </tfoot>
        <tbody>
          <tr>
            <td>
              <header className="capacity-head">
                <h2>{t('capacity.title')}</h2>
                {ledger && (
                  <p className="muted capacity-asof">
                    <bdi>{asOf}</bdi>
                    {ledger.audience === 'tenant' && <span>{t('capacity.tenantNote')}</span>}
                  </p>
                )}
                <button type="button" className="ops-button capacity-print" onClick={() => window.print()}>
                  {t('capacity.print.button')}
                </button>
              </header>
              <FigureHelp />
              <QueryState query={byCountry} what={t('capacity.ledger.what')}>
                {ledger && ledger.rows.length === 0 ? (
                  <p className="muted">{t('capacity.ledger.empty')}</p>
                ) : (
                  <>
                    <CapacityChoropleth shapes={countryShapes} countries={ledger?.rows ?? []} bubbles={bubbles} metric={params.metric} onMetricChange={(metric) => setParams({ metric })} />
                    <section className="capacity-section" aria-labelledby="capacity-ledger-title">
                      <h3 id="capacity-ledger-title">{t('capacity.ledger.title')}</h3>
                      <div className="capacity-controls" role="group" aria-label={t('capacity.ledger.groupBy')}>
                        {TABLE_GROUPINGS.map((g) => (
                          <button key={g} type="button" className="ops-button" aria-pressed={params.by === g} onClick={() => setParams({ by: g })}>
                            {t(`capacity.ledger.by.${g}` as MessageKey)}
                          </button>
                        ))}
                        <CsvButton what={t('capacity.ledger.csvWhat', { by: params.by })} fileName={`capacity-ledger-${params.by}.csv`} path={`/api/capacity/ledger?groupBy=${params.by}`} />
                        {params.by === 'country' && <CsvButton what={t('capacity.ledger.csvWhat', { by: 'site' })} fileName="capacity-ledger-site.csv" path="/api/capacity/ledger?groupBy=site" />}
                      </div>
                      <LedgerTable
                        caption={t('capacity.ledger.caption', { by: params.by })}
                        branches={params.by === 'country' ? branches : undefined}
                        rows={tableRows}
                        rowName={(row) => (params.by === 'bloc' ? t('capacity.bloc', { bloc: row.key }) : countryName(row.key))}
                        network={networkRow(network.data)}
                      />
                    </section>
                    {branches.length > 0 && (
                      <section className="capacity-section" aria-labelledby="capacity-bars-title">
                        <h3 id="capacity-bars-title">{t('capacity.bars.heading')}</h3>
                        <CountryBars branches={branches} />
                      </section>
                    )}
                  </>
                )}
              </QueryState>
              <HeadroomSection onOpenPlacement={onOpenPlacement} />
              <SiteLossSection sites={siteRows} siteId={n1} onSiteChange={(siteId) => setParams({ n1: siteId })} />
              <ForecastSection />
              <EnergySection period={params.period} onPeriodChange={(period) => setParams({ period })} />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
