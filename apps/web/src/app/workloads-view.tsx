import type { SiteRow, WorkloadFilter } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { workloadQueries } from '../features/workloads/api/workload-queries.ts';
import { PolicyFlagCount } from '../features/workloads/components/policy-flag-badge.tsx';
import { WorkloadFilters } from '../features/workloads/components/workload-filters.tsx';
import { WorkloadTable } from '../features/workloads/components/workload-table.tsx';
import { useT } from '../lib/i18n/i18n.tsx';
import type { InPlaceLink } from './in-place-link.ts';
import { useDebouncedValue } from './use-debounced-value.ts';

/** Typing a tenant asks for the list once the typing pauses. */
const TENANT_DEBOUNCE_MS = 300;

interface WorkloadsViewProps {
  filter: WorkloadFilter;
  onFilterChange: (patch: Partial<WorkloadFilter>, options?: { replace?: boolean }) => void;
  sites: readonly SiteRow[];
  siteName: (id: string) => string;
  linkTo: (workloadId: string) => InPlaceLink;
  /** "Place a workload", for the roles that may. */
  placeLink?: InPlaceLink;
  /** A tenant user's tenant: the list holds only its workloads (the server sees to it), so no tenant filter. */
  ownTenant?: string;
}

/**
 * Every workload the person may see, filtered by state, site, tenant, sector and the policy's flag (all in
 * the URL); the heading counts those the policy in force flags (issue 15). A
 * tenant user sees its own tenant's: a tenant in the URL is ignored rather than asked for.
 */
export function WorkloadsView({ filter: urlFilter, onFilterChange, sites, siteName, linkTo, placeLink, ownTenant }: WorkloadsViewProps) {
  const t = useT();
  const filter = ownTenant ? { ...urlFilter, tenant: undefined } : urlFilter;
  const tenant = useDebouncedValue(filter.tenant, TENANT_DEBOUNCE_MS);
  const list = useQuery(workloadQueries.list({ ...filter, tenant }));
  // How many the policy in force flags, whatever the filters (a tenant: its own): the heading says so.
  const flagged = useQuery(workloadQueries.list({ flagged: 'true' }));
  const flaggedCount = flagged.data?.workloads.length ?? 0;
  const filtered = !!(filter.state || filter.site || filter.tenant || filter.sector || filter.flagged);
  const workloads = list.data?.workloads;
  return (
    <main className="page workloads-page" aria-labelledby="workloads-title">
      <div className="page-head">
        <h2 id="workloads-title">
          {t('app.workloads.title')}
          {flaggedCount > 0 && (
            <>
              {' '}
              <PolicyFlagCount count={flaggedCount} />
            </>
          )}
        </h2>
        {ownTenant && <p className="muted">{t('app.workloads.ofTenant', { tenant: ownTenant })}</p>}
        <p className="muted" aria-live="polite">
          {list.isPending ? t('common.loading') : workloads ? t(filtered ? 'app.workloads.matching' : 'app.workloads.inAll', { count: workloads.length }) : ''}
        </p>
        {placeLink && (
          <a className="button-link" {...placeLink}>
            {t('app.view.place')}
          </a>
        )}
      </div>
      <WorkloadFilters filter={filter} sites={sites} onChange={onFilterChange} byTenant={!ownTenant} />
      {list.isError && (
        <div className="form-alert" role="alert">
          <p>{t('app.workloads.loadFailed', { message: list.error.message })}</p>
          <button type="button" className="link-button" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {workloads && workloads.length === 0 && <p className="plan-empty">{filtered ? t('app.workloads.noMatch') : placeLink ? t('app.workloads.noneYetPlace') : t('app.workloads.noneYet')}</p>}
      {workloads && workloads.length > 0 && <WorkloadTable workloads={workloads} siteName={siteName} linkTo={linkTo} />}
    </main>
  );
}
