import { SECTORS, WORKLOAD_STATES, type Sector, type WorkloadFilter, type WorkloadState } from '@corridor/shared';
import { useId } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { sectorLabel } from '../model/request-labels.ts';
import { workloadStateLabel } from '../model/workload-state.ts';

interface WorkloadFiltersProps {
  filter: WorkloadFilter;
  /** Sites to filter by, by name. */
  sites: readonly { id: string; name: string }[];
  /** Typing a tenant refines the current history entry (replace); choosing from a list is a navigation. */
  onChange: (patch: Partial<WorkloadFilter>, options?: { replace?: boolean }) => void;
  /** Offer the tenant filter (not to a tenant user, who sees its own tenant's workloads only). */
  byTenant: boolean;
}

/** The workloads list's filters: state, site, tenant, sector, and those the policy in force flagged. */
export function WorkloadFilters({ filter, sites, onChange, byTenant }: WorkloadFiltersProps) {
  const t = useT();
  const id = useId();
  // A sector starts a list entry, so it starts with a capital where the language has them ("Healthcare").
  const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase(t.tag) + s.slice(1);
  const active = !!(filter.state || filter.site || filter.tenant || filter.sector || filter.flagged);
  return (
    <div role="search" aria-label={t('workloads.filters.label')} className="workload-filters">
      <div className="filter">
        <label htmlFor={`${id}-state`}>{t('workloads.filters.state')}</label>
        <select id={`${id}-state`} value={filter.state ?? ''} onChange={(e) => onChange({ state: (e.target.value || undefined) as WorkloadState | undefined })}>
          <option value="">{t('workloads.filters.all')}</option>
          {WORKLOAD_STATES.map((s) => (
            <option key={s} value={s}>
              {workloadStateLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-site`}>{t('workloads.filters.site')}</label>
        <select id={`${id}-site`} value={filter.site ?? ''} onChange={(e) => onChange({ site: e.target.value || undefined })}>
          <option value="">{t('workloads.filters.all')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {byTenant && (
        <div className="filter">
          <label htmlFor={`${id}-tenant`}>{t('workloads.filters.tenant')}</label>
          <input
            id={`${id}-tenant`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            placeholder={t('workloads.filters.tenantPlaceholder')}
            value={filter.tenant ?? ''}
            onChange={(e) => onChange({ tenant: e.target.value.trim() || undefined }, { replace: true })}
          />
        </div>
      )}
      <div className="filter">
        <label htmlFor={`${id}-sector`}>{t('workloads.filters.sector')}</label>
        <select id={`${id}-sector`} value={filter.sector ?? ''} onChange={(e) => onChange({ sector: (e.target.value || undefined) as Sector | undefined })}>
          <option value="">{t('workloads.filters.all')}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {capitalise(sectorLabel(s))}
            </option>
          ))}
        </select>
      </div>
      <div className="filter filter-check">
        <input id={`${id}-flagged`} type="checkbox" checked={filter.flagged === 'true'} onChange={(e) => onChange({ flagged: e.target.checked ? 'true' : undefined })} />
        <label htmlFor={`${id}-flagged`}>{t('workloads.flag.filter')}</label>
      </div>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange({ state: undefined, site: undefined, tenant: undefined, sector: undefined, flagged: undefined })}>
          {t('workloads.filters.clear')}
        </button>
      )}
    </div>
  );
}
