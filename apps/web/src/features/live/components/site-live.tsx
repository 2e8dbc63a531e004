import './live.css';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useLiveSite } from '../api/live-selectors.ts';
import type { ChartRange } from '../model/chart-range.ts';
import { SITE_CHARTS } from '../model/chart-specs.ts';
import { siteLiveFacts } from '../model/live-facts.ts';
import { EntityHistory } from './entity-history.tsx';
import { LiveFigures } from './live-figures.tsx';

interface SiteLiveProps {
  siteId: string;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}

/** The site's "Live" section: current figures and its history charts with a live tail (its health is on the panel's status line). */
export function SiteLive({ siteId, range, onRangeChange }: SiteLiveProps) {
  const t = useT();
  const live = useLiveSite(siteId);
  const facts = useMemo(() => (live.values ? siteLiveFacts(live.values.values) : []), [live.values]);
  return (
    <section className="site-live" aria-labelledby="site-live-title">
      <LiveFigures titleId="site-live-title" at={live.values?.at} facts={facts} emptyText={t('live.figures.emptySite')} />
      <EntityHistory kind="site" id={siteId} charts={SITE_CHARTS} range={range} onRangeChange={onRangeChange} />
    </section>
  );
}
