import type { FleetSummary } from '@corridor/shared';
import type { CSSProperties, ReactNode } from 'react';
import { formatCount, formatGpus, formatMw } from '../../../lib/format.ts';
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
  return (
    <header className="topbar">
      <div className="brand">
        <h1>Corridor</h1>
        <span className="tagline">Sovereign AI network</span>
        {synthetic && <span className="tag">Synthetic fleet · {formatCount(synthetic)} sites</span>}
      </div>
      {summary ? (
        <dl className="totals" aria-label="Fleet totals">
          <div>
            <dt>Sites</dt>
            <dd>
              <strong>{formatCount(summary.siteCount)} sites</strong> in {formatCount(summary.countryCount)} countries
              {counts ? (
                <ul className="status-counts" aria-label="Sites by status and health">
                  {countItems(counts).map((item) => (
                    <li key={item.key} data-count={item.key} style={{ '--status': item.style.colour } as CSSProperties} className={item.style.hollow ? 'hollow' : undefined}>
                      {item.text}
                    </li>
                  ))}
                </ul>
              ) : (
                <ul className="status-counts">
                  {STATUS_ORDER.filter((s) => (summary.sitesByStatus[s] ?? 0) > 0).map((status) => (
                    <li key={status} style={{ '--status': STATUS_STYLES[status].colour } as CSSProperties} className={STATUS_STYLES[status].hollow ? 'hollow' : undefined}>
                      {formatCount(summary.sitesByStatus[status] ?? 0)} {STATUS_STYLES[status].label.toLowerCase()}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>IT capacity</dt>
            <dd>
              <strong>{formatMw(summary.itCapacityMw.operational)}</strong> operational · {formatMw(summary.itCapacityMw.construction)} under construction · {formatMw(summary.itCapacityMw.planned)}{' '}
              planned
            </dd>
          </div>
          <div>
            <dt>GPUs</dt>
            <dd>
              <strong>{formatGpus(summary.gpus.total)}</strong> total · {formatGpus(summary.gpus.operational)} operational
            </dd>
          </div>
        </dl>
      ) : (
        <p className="totals muted">{unavailable ? 'Fleet totals unavailable' : 'Loading fleet totals…'}</p>
      )}
      {children}
    </header>
  );
}
