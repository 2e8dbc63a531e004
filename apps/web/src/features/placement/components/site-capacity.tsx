import './placement.css';
import type { GpuModel } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatGpus, formatKw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { placementQueries } from '../api/placement-queries.ts';

interface SiteCapacityProps {
  siteId: string;
  /** A model to mark, in words and colour (the one a workload holds there). */
  model?: GpuModel;
}

/**
 * What a site can still take, as reservations stand now: GPUs by model (installed, reserved, free)
 * and IT power. Commits and releases refresh it, so a person sees free GPUs fall and return.
 */
export function SiteCapacity({ siteId, model }: SiteCapacityProps) {
  const t = useT();
  const capacity = useQuery({ ...placementQueries.capacity(), select: (c) => c.sites.find((s) => s.siteId === siteId) });
  const site = capacity.data;
  return (
    <section className="site-capacity" aria-labelledby={`capacity-${siteId}`} aria-busy={capacity.isFetching}>
      <h3 id={`capacity-${siteId}`}>{t('placement.capacity.title')}</h3>
      {capacity.isPending && <p className="muted">{t('placement.capacity.loading')}</p>}
      {capacity.isError && !site && (
        <p className="field-error">
          {t('placement.capacity.error', { message: capacity.error.message })}
          <button type="button" className="link-button retry" onClick={() => void capacity.refetch()}>
            {t('placement.retry')}
          </button>
        </p>
      )}
      {capacity.isSuccess && !site && <p className="muted">{t('placement.capacity.none')}</p>}
      {site && (
        <table className="data-table">
          <caption className="visually-hidden">{t('placement.capacity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('placement.capacity.model')}</th>
              <th scope="col">{t('placement.capacity.installed')}</th>
              <th scope="col">{t('placement.capacity.reserved')}</th>
              <th scope="col">{t('placement.capacity.free')}</th>
            </tr>
          </thead>
          <tbody>
            {site.gpus.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('placement.capacity.noGpus')}
                </td>
              </tr>
            )}
            {site.gpus.map((g) => (
              <tr key={g.model} className={g.model === model ? 'placed' : undefined}>
                <th scope="row">
                  {g.model}
                  {g.model === model && <span className="placed-tag">{t('placement.capacity.held')}</span>}
                </th>
                <td>{formatGpus(g.installed)}</td>
                <td>{formatGpus(g.reserved)}</td>
                <td>
                  <strong>{formatGpus(g.free)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('placement.capacity.itPower')}</th>
              <td>{formatKw(site.powerKw.capacity)}</td>
              <td>{formatKw(site.powerKw.reserved)}</td>
              <td>{formatKw(site.powerKw.free)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
