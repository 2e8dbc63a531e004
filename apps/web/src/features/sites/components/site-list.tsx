import './sites.css';
import type { SiteHealth, SiteRow } from '@corridor/shared';
import { useMemo } from 'react';
import { SiteStateBadge } from '../../../components/site-state-badge.tsx';
import { formatCount, formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { siteStateOf } from '../../../lib/site-status.ts';
import { groupByCountry } from '../model/site-rows.ts';

/** Beyond this many rows the list asks for a narrower search (the map still draws every site). */
export const MAX_LIST_ROWS = 200;

interface SiteListProps {
  sites: readonly SiteRow[];
  /** Declared status and observed health from the live stream; a row shows both. */
  health?: Readonly<Record<string, SiteHealth>>;
  selectedId?: string;
  onSelect: (id: string) => void;
}

/** Sites grouped by country; each row is a button whose name starts with the site's name. */
export function SiteList({ sites, health, selectedId, onSelect }: SiteListProps) {
  const t = useT();
  const shown = useMemo(() => {
    if (sites.length <= MAX_LIST_ROWS) return sites;
    const first = sites.slice(0, MAX_LIST_ROWS);
    const selected = selectedId && !first.some((s) => s.id === selectedId) ? sites.find((s) => s.id === selectedId) : undefined;
    return selected ? [...first, selected] : first;
  }, [sites, selectedId]);
  const groups = useMemo(() => groupByCountry(shown), [shown]);

  if (sites.length === 0) return <p className="list-empty">{t('sites.list.empty')}</p>;
  return (
    <div className="site-list">
      {sites.length > MAX_LIST_ROWS && (
        <p className="list-note" role="note">
          {t('sites.list.truncated', { shown: MAX_LIST_ROWS, total: sites.length })}
        </p>
      )}
      {groups.map((group) => (
        <section key={group.country} className="country-group" aria-labelledby={`country-${group.country}`}>
          <h3 id={`country-${group.country}`}>
            <span>{group.name}</span>
            {/* The figure is seen; a screen reader hears it with its noun, in the language's plural ("1 site"). */}
            <span className="count" aria-hidden="true">
              {formatCount(group.sites.length)}
            </span>
            <span className="visually-hidden">{t('sites.list.count', { count: group.sites.length })}</span>
          </h3>
          <ul>
            {group.sites.map((site) => (
              <li key={site.id}>
                <button type="button" className="site-row" data-site-id={site.id} aria-current={site.id === selectedId ? 'true' : undefined} onClick={() => onSelect(site.id)}>
                  <span className="site-row-name">{site.name}</span>
                  <span className="site-row-meta">{t('sites.list.rowMeta', { city: site.city, operator: site.operatorName })}</span>
                  <span className="site-row-figures">
                    <SiteStateBadge state={siteStateOf(site.status, health?.[site.id])} />
                    <span>{formatMw(site.itCapacityMw)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
