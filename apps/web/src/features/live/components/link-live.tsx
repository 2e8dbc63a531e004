import './live.css';
import type { Link } from '@corridor/shared';
import { useMemo } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useLiveLink } from '../api/live-selectors.ts';
import type { ChartRange } from '../model/chart-range.ts';
import { LINK_CHARTS } from '../model/chart-specs.ts';
import { linkLiveFacts } from '../model/live-facts.ts';
import { EntityHistory } from './entity-history.tsx';
import { LiveFigures } from './live-figures.tsx';

interface LinkLiveProps {
  link: Pick<Link, 'id' | 'rttMs'>;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
}

/** The link's "Live" section: current RTT, loss, utilisation and condition, and their history charts with a live tail. */
export function LinkLive({ link, range, onRangeChange }: LinkLiveProps) {
  const t = useT();
  const live = useLiveLink(link.id);
  const facts = useMemo(() => (live ? linkLiveFacts(live.values, link.rttMs) : []), [live, link.rttMs]);
  return (
    <section className="site-live" aria-labelledby="link-live-title">
      <LiveFigures titleId="link-live-title" at={live?.at} facts={facts} emptyText={t('live.figures.emptyLink')} />
      <EntityHistory kind="link" id={link.id} charts={LINK_CHARTS} range={range} onRangeChange={onRangeChange} />
    </section>
  );
}
