import type { Link } from '@corridor/shared';
import { useMemo } from 'react';
import { Drawer } from '../../../components/drawer.tsx';
import { FactList } from '../../../components/fact-list.tsx';
import { formatKm, formatMs } from '../../../lib/format.ts';
import { useLiveLink } from '../../live/api/live-selectors.ts';
import { EntityHistory } from '../../live/components/entity-history.tsx';
import { LiveFigures } from '../../live/components/live-figures.tsx';
import type { ChartRange } from '../../live/model/chart-range.ts';
import { linkLiveFacts } from '../../live/model/link-live.ts';
import { LINK_CHARTS } from '../../live/model/chart-specs.ts';

interface LinkPanelProps {
  linkId: string;
  /** The fleet's link; undefined while the fleet loads or when no link has this id. */
  link?: Link;
  loading: boolean;
  /** The links could not be loaded (the console's banner says why). */
  unavailable: boolean;
  /** Live figures and history (off for a synthetic fleet, which has no telemetry). */
  live: boolean;
  range: ChartRange;
  onRangeChange: (range: ChartRange) => void;
  onClose: () => void;
  /** Opens the site at one end. */
  onOpenSite: (siteId: string) => void;
}

const KIND_LABELS: Record<Link['kind'], string> = { submarine: 'Submarine cable', terrestrial: 'Terrestrial link' };

function LinkLive({ link, range, onRangeChange }: { link: Link; range: ChartRange; onRangeChange: (range: ChartRange) => void }) {
  const live = useLiveLink(link.id);
  const facts = useMemo(() => (live ? linkLiveFacts(live.values, link.rttMs) : []), [live, link.rttMs]);
  return (
    <section className="site-live" aria-labelledby="link-live-title">
      <LiveFigures titleId="link-live-title" at={live?.at} facts={facts} emptyText="No live figures for this link." />
      <EntityHistory kind="link" id={link.id} charts={LINK_CHARTS} range={range} onRangeChange={onRangeChange} />
    </section>
  );
}

/** One end of a link: a button to its site, or a landing station's name. */
function End({ end, onOpenSite }: { end: Link['from']; onOpenSite: (siteId: string) => void }) {
  return end.kind === 'site' ? (
    <button type="button" className="link-button" onClick={() => onOpenSite(end.id)}>
      {end.name}
    </button>
  ) : (
    <>{end.name} (landing station)</>
  );
}

/** The drawer for a selected link or cable: its live RTT, loss and utilisation, their history, and its facts. */
export function LinkPanel({ linkId, link, loading, unavailable, live, range, onRangeChange, onClose, onOpenSite }: LinkPanelProps) {
  const title = link?.name ?? (loading ? 'Loading link…' : unavailable ? 'Link not available' : 'Link not found');
  return (
    <Drawer titleId="link-panel-title" title={title} closeLabel="Close link panel" onClose={onClose} itemKey={linkId} busy={loading} className="link-panel">
      {link && (
        <p className="panel-sub">
          {KIND_LABELS[link.kind]} · {link.from.name} – {link.to.name}
        </p>
      )}
      {!link && unavailable && <p className="panel-state error">The links could not be loaded; the console retries by itself.</p>}
      {!link && !loading && !unavailable && (
        <div className="panel-state error" role="alert">
          <p>No link with id “{linkId}”.</p>
        </div>
      )}
      {link && live && <LinkLive link={link} range={range} onRangeChange={onRangeChange} />}
      {link && (
        <div className="site-facts">
          <h3>Route</h3>
          <FactList
            facts={[
              ['From', <End key="from" end={link.from} onOpenSite={onOpenSite} />],
              ['To', <End key="to" end={link.to} onOpenSite={onOpenSite} />],
              ['Cable', link.cable],
              ['Length', formatKm(link.lengthKm)],
              ['Base RTT', `${formatMs(link.rttMs)} (${link.rttSource})`],
              ...(link.capacityTbps !== undefined ? [['Capacity', `${link.capacityTbps} Tbps`] as const] : []),
            ]}
          />
          <h3>Source</h3>
          <p className="source">{link.source}</p>
        </div>
      )}
    </Drawer>
  );
}
