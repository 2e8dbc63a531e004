import type { Link } from '@corridor/shared';
import type { ReactNode } from 'react';
import { Drawer } from '../../../components/drawer.tsx';
import { FactList } from '../../../components/fact-list.tsx';
import { formatKm, formatMs } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

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

/** One end of a link: a button to its site, or a landing station's name. */
function End({ end, onOpenSite }: { end: Link['from']; onOpenSite: (siteId: string) => void }) {
  const t = useT();
  // Place names are data (Latin script): isolated so they keep their order inside Arabic text.
  return end.kind === 'site' ? (
    <button type="button" className="link-button" onClick={() => onOpenSite(end.id)}>
      <bdi>{end.name}</bdi>
    </button>
  ) : (
    <>{t.rich('links.panel.landingStation', { name: <bdi key="name">{end.name}</bdi> })}</>
  );
}

/** The drawer for a selected link or cable: the sections it is given (live figures and history), then its route and source. */
export function LinkPanel({ linkId, link, loading, unavailable, onClose, onOpenSite, children }: LinkPanelProps) {
  const t = useT();
  const title = link?.name ?? t(loading ? 'links.panel.loading' : unavailable ? 'links.panel.unavailable' : 'links.panel.notFound');
  return (
    <Drawer titleId="link-panel-title" title={title} closeLabel={t('links.panel.close')} onClose={onClose} itemKey={linkId} busy={loading} className="link-panel">
      {link && (
        <p className="panel-sub">
          {t.rich('links.panel.sub', { kind: t('links.panel.kind', { kind: link.kind }), from: <bdi key="from">{link.from.name}</bdi>, to: <bdi key="to">{link.to.name}</bdi> })}
        </p>
      )}
      {!link && unavailable && <p className="panel-state error">{t('links.panel.loadFailed')}</p>}
      {!link && !loading && !unavailable && (
        <div className="panel-state error" role="alert">
          <p>{t('links.panel.noLink', { id: linkId })}</p>
        </div>
      )}
      {link && children}
      {link && (
        <div className="site-facts">
          <h3>{t('links.panel.route')}</h3>
          <FactList
            facts={[
              [t('links.panel.from'), <End key="from" end={link.from} onOpenSite={onOpenSite} />],
              [t('links.panel.to'), <End key="to" end={link.to} onOpenSite={onOpenSite} />],
              [t('links.panel.cable'), <bdi key="cable">{link.cable}</bdi>],
              [t('links.panel.length'), formatKm(link.lengthKm)],
              [t('links.panel.baseRtt'), t('links.panel.baseRttValue', { rtt: formatMs(link.rttMs), source: link.rttSource })],
              ...(link.capacityTbps !== undefined ? [[t('links.panel.capacity'), t('links.panel.capacityValue', { tbps: link.capacityTbps })] as const] : []),
            ]}
          />
          <h3>{t('links.panel.source')}</h3>
          <p className="source">{link.source}</p>
        </div>
      )}
    </Drawer>
  );
}
