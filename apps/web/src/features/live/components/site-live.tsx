import './live.css';
import type { SiteStatus } from '@corridor/shared';
import { useMemo } from 'react';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useLiveSite } from '../api/live-selectors.ts';
import type { ChartRange } from '../model/chart-range.ts';
import { SITE_CHARTS } from '../model/chart-specs.ts';
import { siteLiveFacts } from '../model/live-facts.ts';
import { EntityHistory } from './entity-history.tsx';
import { LiveFigures } from './live-figures.tsx';

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
      <LiveFigures titleId="site-live-title" at={live.values?.at} facts={facts} emptyText="No live figures for this site.">
        {observed && (
          <p className="observed">
            Observed <StatusBadge status={observed.status} />
            {observed.reason && <span className="muted"> — {observed.reason}</span>}
          </p>
        )}
      </LiveFigures>
      <EntityHistory kind="site" id={siteId} charts={SITE_CHARTS} range={range} onRangeChange={onRangeChange} />
    </section>
  );
}
