import './fleet.css';
import type { FleetSummary } from '@corridor/shared';
import type { CSSProperties, ReactNode } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { STATUS_ORDER, STATUS_STYLES } from '../../../lib/site-status.ts';
import { countItems, type HealthCounts } from '../model/health-counts.ts';
import type { HeaderLedger, HeaderScope } from '../model/header-ledger.ts';
import { LedgerFigures } from './ledger-figures.tsx';

interface FleetHeaderProps {
  summary?: FleetSummary;
  /** Size of the synthetic fleet when one replaces the real fleet. */
  synthetic?: number;
  /** Sites by declared status and observed health (live); absent: the fleet's statuses. */
  counts?: HealthCounts;
  /** The totals could not be loaded (and none are known yet). */
  unavailable?: boolean;
  /** The country chosen in the site list's filter: the header's figures are its own. */
  scope?: HeaderScope;
  /** The capacity ledger's row of the network or of the chosen country (installed, committed, free, pipeline). */
  ledger?: HeaderLedger;
  /** Live figures and the live badge, after the totals. */
  children?: ReactNode;
}

/**
 * The console's banner: name, the sites, and the capacity ledger's figures with their units — of the
 * network, or of the country the site list is filtered on, which it names ("Morocco · 5 sites").
 */
export function FleetHeader({ summary, synthetic, counts, unavailable, scope, ledger, children }: FleetHeaderProps) {
  const t = useT();
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('fleet.brand')}</h1>
        <span className="tagline">{t('fleet.tagline')}</span>
        {synthetic && <span className="tag">{t('fleet.synthetic', { count: synthetic })}</span>}
      </div>
      {summary ? (
        <dl className="totals fleet-totals" aria-label={scope ? t('fleet.totals.scoped', { country: scope.name }) : t('fleet.totals')}>
          <div>
            <dt>{t('fleet.sites')}</dt>
            <dd>
              {scope
                ? t.rich('fleet.scope.sites', { country: scope.name, sites: scope.sites, strong })
                : t.rich('fleet.sites.summary', { sites: summary.siteCount, countries: summary.countryCount, strong })}
              {counts ? (
                <ul className="status-counts" aria-label={t('fleet.sites.byStatus')}>
                  {countItems(counts).map((item) => (
                    <li key={item.key} data-count={item.key} style={{ '--status': item.style.colour } as CSSProperties} className={item.style.hollow ? 'hollow' : undefined}>
                      {item.text}
                    </li>
                  ))}
                </ul>
              ) : scope ? null : (
                <ul className="status-counts" aria-label={t('fleet.sites.byStatus')}>
                  {STATUS_ORDER.filter((s) => (summary.sitesByStatus[s] ?? 0) > 0).map((status) => (
                    <li key={status} style={{ '--status': STATUS_STYLES[status].colour } as CSSProperties} className={STATUS_STYLES[status].hollow ? 'hollow' : undefined}>
                      {t(`fleet.count.${status}`, { count: summary.sitesByStatus[status] ?? 0 })}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <LedgerFigures ledger={ledger ?? { status: 'loading' }} scope={scope} />
        </dl>
      ) : (
        <p className="totals muted">{unavailable ? t('fleet.totals.unavailable') : t('fleet.totals.loading')}</p>
      )}
      {children}
    </header>
  );
}
