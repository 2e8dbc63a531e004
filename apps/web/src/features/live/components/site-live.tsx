import './live.css';
import type { SiteStatus } from '@corridor/shared';
import { useMemo } from 'react';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { formatClock } from '../../../lib/format.ts';
import { useLiveSite } from '../api/live-selectors.ts';
import type { ChartRange } from '../model/chart-range.ts';
import { SITE_CHARTS } from '../model/chart-specs.ts';
import { siteLiveFacts } from '../model/site-live.ts';
import { EntityHistory } from './entity-history.tsx';

interface SiteLiveProps {
  siteId: string;
  /** The fleet's status of the site (what it is meant to be). */
  fleetStatus?: SiteStatus;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}

/** The site's "Live" section: observed health, current figures, and its history charts with a live tail. */
export function SiteLive({ siteId, fleetStatus, range, onRangeChange }: SiteLiveProps) {
  const live = useLiveSite(siteId);
  const facts = useMemo(() => (live.values ? siteLiveFacts(live.values.values) : []), [live.values]);
  const observed = live.health && live.health.status !== fleetStatus ? live.health : undefined;
  return (
    <section className="site-live" aria-labelledby="site-live-title">
      <h3 id="site-live-title">
        Live
        {live.values && <span className="as-of"> · as of {formatClock(live.values.at)}</span>}
      </h3>
      {observed && (
        <p className="observed">
          Observed <StatusBadge status={observed.status} />
          {observed.reason && <span className="muted"> — {observed.reason}</span>}
        </p>
      )}
      {facts.length > 0 ? (
        <dl className="facts live-facts" aria-label="Live figures">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No live figures for this site.</p>
      )}

      <EntityHistory kind="site" id={siteId} charts={SITE_CHARTS} range={range} onRangeChange={onRangeChange} />
    </section>
  );
}
