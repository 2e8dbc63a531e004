import { SECTORS, WORKLOAD_STATES, type Sector, type WorkloadFilter, type WorkloadState } from '@corridor/shared';
import { useId } from 'react';
import { STATE_STYLES } from '../model/workload-state.ts';

interface WorkloadFiltersProps {
  filter: WorkloadFilter;
  /** Sites to filter by, by name. */
  sites: readonly { id: string; name: string }[];
  /** Typing a tenant refines the current history entry (replace); choosing from a list is a navigation. */
  onChange: (patch: Partial<WorkloadFilter>, options?: { replace?: boolean }) => void;
  /** Offer the tenant filter (not to a tenant user, who sees its own tenant's workloads only). */
  byTenant: boolean;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The workloads list's filters: state, site, tenant and sector. */
export function WorkloadFilters({ filter, sites, onChange, byTenant }: WorkloadFiltersProps) {
  const id = useId();
  const active = !!(filter.state || filter.site || filter.tenant || filter.sector);
  return (
    <div role="search" aria-label="Filter workloads" className="workload-filters">
      <div className="filter">
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={filter.state ?? ''} onChange={(e) => onChange({ state: (e.target.value || undefined) as WorkloadState | undefined })}>
          <option value="">All</option>
          {WORKLOAD_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_STYLES[s].label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-site`}>Site</label>
        <select id={`${id}-site`} value={filter.site ?? ''} onChange={(e) => onChange({ site: e.target.value || undefined })}>
          <option value="">All</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {byTenant && (
        <div className="filter">
          <label htmlFor={`${id}-tenant`}>Tenant</label>
          <input
            id={`${id}-tenant`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            placeholder="Tenant id"
            value={filter.tenant ?? ''}
            onChange={(e) => onChange({ tenant: e.target.value.trim() || undefined }, { replace: true })}
          />
        </div>
      )}
      <div className="filter">
        <label htmlFor={`${id}-sector`}>Sector</label>
        <select id={`${id}-sector`} value={filter.sector ?? ''} onChange={(e) => onChange({ sector: (e.target.value || undefined) as Sector | undefined })}>
          <option value="">All</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {capitalise(s)}
            </option>
          ))}
        </select>
      </div>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange({ state: undefined, site: undefined, tenant: undefined, sector: undefined })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
