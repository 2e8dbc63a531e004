import type { BatchPlan, BatchUnplacedReason } from '@corridor/shared';
import { useCallback, useMemo, useState } from 'react';
import { useBatchPlan } from '../features/batch-plan/api/use-batch-plan.ts';
import { BatchInput } from '../features/batch-plan/components/batch-input.tsx';
import { BatchResults } from '../features/batch-plan/components/batch-results.tsx';
import { loadPerSite } from '../features/batch-plan/model/batch-rows.ts';
import type { SiteMarks } from '../features/map/components/use-site-markers.ts';
import { formatCount, formatGpus } from '../lib/format.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { translate } from '../lib/i18n/runtime.ts';
import { LiveNetworkMap } from './live-network-map.tsx';
import type { ViewContext } from './view-context.ts';

/** A rejection's code in the placement view's words (its catalogue), so the two views name a reason alike. */
const reasonText = (reason: BatchUnplacedReason): string => translate(`placement.reason.${reason.code}`);

const NO_SITES: ReadonlySet<string> = new Set();

/**
 * "What-if": a batch of workloads pasted or uploaded as CSV, planned as a dry run; the sites that would
 * receive workloads are numbered on the map with their count, over the results' tables.
 */
export function BatchView({ abilities, sites, fleet, url }: ViewContext) {
  const t = useT();
  const controls = useBatchPlan(abilities.ownTenant);
  const byId = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const site = useCallback(
    (id: string) => {
      const row = byId.get(id);
      return { name: row?.name ?? id, country: row?.country ?? '' };
    },
    [byId],
  );

  const { state } = controls;
  const plan = state.status === 'done' ? state.plan : undefined;
  const loads = useMemo(() => (plan ? loadPerSite(plan) : undefined), [plan]);
  // A numbered site chosen on the map lists its workloads; a new result starts from every site again.
  const [chosen, setChosen] = useState<{ plan: BatchPlan; siteId: string }>();
  const chosenSite = chosen && chosen.plan === plan ? chosen.siteId : undefined;
  const chooseSite = useCallback((siteId: string) => (plan && loads?.has(siteId) ? setChosen({ plan, siteId }) : undefined), [plan, loads]);

  const marks: SiteMarks | undefined = useMemo(() => {
    if (!loads) return undefined;
    const ranks = new Map<string, number>();
    const notes = new Map<string, string>();
    for (const [siteId, load] of loads) {
      ranks.set(siteId, load.workloads);
      notes.set(siteId, translate('batch.map.note', { count: load.workloads, gpus: formatGpus(load.gpus) }));
    }
    return { ranks, greyed: NO_SITES, notes };
  }, [loads]);

  return (
    <div className="workspace batch-view">
      <section className="sidebar batch-sidebar" aria-labelledby="batch-title">
        <div className="sidebar-head">
          <h2 id="batch-title">{t('batch.title')}</h2>
          <p className="muted">{t('batch.intro')}</p>
        </div>
        <BatchInput controls={controls} ownTenant={abilities.ownTenant} />
      </section>
      <main className="batch-main">
        <div className="map-area batch-map">
          <LiveNetworkMap sites={sites} links={fleet.links} marks={marks} onSelectSite={chooseSite} boundary={url.boundary} coveredRightPx={0} />
          <div className="map-overlays">{marks && <p className="map-control batch-legend">{t('batch.map.legend', { sites: formatCount(marks.ranks.size) })}</p>}</div>
        </div>
        <section className="batch-panel" aria-labelledby="batch-results-title" aria-busy={state.status === 'running'}>
          <h2 id="batch-results-title" className="visually-hidden">
            {t('batch.results.title')}
          </h2>
          <BatchResults state={state} site={site} reasonText={reasonText} onRetry={controls.retry} siteId={chosenSite} onClearSite={() => setChosen(undefined)} />
        </section>
      </main>
    </div>
  );
}
