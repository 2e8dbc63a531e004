import './placement.css';
import type { GpuModel } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatCount, formatKw } from '../../../lib/format.ts';
import { placementQueries } from '../api/placement-queries.ts';

interface SiteCapacityProps {
  siteId: string;
  /** A model to mark (the one a workload holds there). */
  model?: GpuModel;
}

/**
 * What a site can still take, as reservations stand now: GPUs by model (installed, reserved, free)
 * and IT power. Commits and releases refresh it, so a person sees free GPUs fall and return.
 */
export function SiteCapacity({ siteId, model }: SiteCapacityProps) {
  const capacity = useQuery({ ...placementQueries.capacity(), select: (c) => c.sites.find((s) => s.siteId === siteId) });
  const site = capacity.data;
  return (
    <section className="site-capacity" aria-labelledby={`capacity-${siteId}`} aria-busy={capacity.isFetching}>
      <h3 id={`capacity-${siteId}`}>Capacity now</h3>
      {capacity.isPending && <p className="muted">Loading capacity…</p>}
      {capacity.isError && !site && (
        <p className="field-error">
          Capacity could not be loaded: {capacity.error.message}{' '}
          <button type="button" className="link-button" onClick={() => void capacity.refetch()}>
            Retry
          </button>
        </p>
      )}
      {capacity.isSuccess && !site && <p className="muted">No capacity recorded for this site.</p>}
      {site && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">GPU model</th>
              <th scope="col">Installed</th>
              <th scope="col">Reserved</th>
              <th scope="col">Free</th>
            </tr>
          </thead>
          <tbody>
            {site.gpus.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No GPU installed yet.
                </td>
              </tr>
            )}
            {site.gpus.map((g) => (
              <tr key={g.model} className={g.model === model ? 'placed' : undefined}>
                <th scope="row">{g.model}</th>
                <td>{formatCount(g.installed)} GPUs</td>
                <td>{formatCount(g.reserved)} GPUs</td>
                <td>
                  <strong>{formatCount(g.free)} GPUs</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">IT power</th>
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
