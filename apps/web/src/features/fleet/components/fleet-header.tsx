import type { FleetSummary } from '@corridor/shared';
import type { CSSProperties, ReactNode } from 'react';
import { formatGpus, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { STATUS_ORDER, STATUS_STYLES } from '../../../lib/site-status.ts';
import { countItems, type HealthCounts } from '../model/health-counts.ts';

interface FleetHeaderProps {
  summary?: FleetSummary;
  /** Size of the synthetic fleet when one replaces the real fleet. */
  synthetic?: number;
  /** Sites by declared status and observed health (live); absent: the fleet's statuses. */
  counts?: HealthCounts;
  /** The totals could not be loaded (and none are known yet). */
  unavailable?: boolean;
  /** Live figures and the live badge, after the totals. */
  children?: ReactNode;
}

/** The console's banner: name, and the fleet's totals with their units. */
export function FleetHeader({ summary, synthetic, counts, unavailable, children }: FleetHeaderProps) {
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
        <dl className="totals" aria-label={t('fleet.totals')}>
          <div>
            <dt>{t('fleet.sites')}</dt>
            <dd>
              {t.rich('fleet.sites.summary', { sites: summary.siteCount, countries: summary.countryCount, strong })}
              {counts ? (
                <ul className="status-counts" aria-label={t('fleet.sites.byStatus')}>
                  {countItems(counts).map((item) => (
                    <li key={item.key} data-count={item.key} style={{ '--status': item.style.colour } as CSSProperties} className={item.style.hollow ? 'hollow' : undefined}>
                      {item.text}
                    </li>
                  ))}
                </ul>
              ) : (
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
          <div>
            <dt>{t('fleet.capacity')}</dt>
            <dd>
              {t.rich('fleet.capacity.summary', {
                operational: formatMw(summary.itCapacityMw.operational),
                construction: formatMw(summary.itCapacityMw.construction),
                planned: formatMw(summary.itCapacityMw.planned),
                strong,
              })}
            </dd>
          </div>
          <div>
            <dt>{t('fleet.gpus')}</dt>
            <dd>{t.rich('fleet.gpus.summary', { total: formatGpus(summary.gpus.total), operational: formatGpus(summary.gpus.operational), strong })}</dd>
          </div>
        </dl>
      ) : (
        <p className="totals muted">{unavailable ? t('fleet.totals.unavailable') : t('fleet.totals.loading')}</p>
      )}
      {children}
    </header>
  );
}
