import type { Link } from '@corridor/shared';
import type { ReactNode } from 'react';
import { Drawer } from '../../../components/drawer.tsx';
import { FactList } from '../../../components/fact-list.tsx';
import { formatKm, formatMs } from '../../../lib/format.ts';

interface LinkPanelProps {
  linkId: string;
  /** The fleet's link; undefined while the fleet loads or when no link has this id. */
  link?: Link;
  loading: boolean;
  /** The links could not be loaded (the console's banner says why). */
  unavailable: boolean;
  onClose: () => void;
  /** Opens the site at one end. */
  onOpenSite: (siteId: string) => void;
  /** Sections shown above the route once the link is known (its live figures and history). */
  children?: ReactNode;
}

const KIND_LABELS: Record<Link['kind'], string> = { submarine: 'Submarine cable', terrestrial: 'Terrestrial link' };

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

/** The drawer for a selected link or cable: the sections it is given (live figures and history), then its route and source. */
export function LinkPanel({ linkId, link, loading, unavailable, onClose, onOpenSite, children }: LinkPanelProps) {
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
      {link && children}
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
