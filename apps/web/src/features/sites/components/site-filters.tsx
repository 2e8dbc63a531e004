import { LIMITS, type SiteStatus } from '@corridor/shared';
import { useId } from 'react';
import type { FilterOption, SiteFilters as Filters } from '../model/site-rows.ts';

interface SiteFiltersProps {
  filters: Filters;
  options: { countries: FilterOption[]; statuses: FilterOption[]; operators: FilterOption[] };
  /** Typing refines the current history entry (replace); choosing a filter is a navigation. */
  onChange: (patch: Partial<Filters>, options?: { replace?: boolean }) => void;
}

function FilterSelect({ label, value, options, onChange }: { label: string; value?: string; options: FilterOption[]; onChange: (value?: string) => void }) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {options.map((o) => (
          // Plain names (no counts) so an option reads, and is picked, by its name alone.
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search box and the country, status and operator filters. */
export function SiteFilters({ filters, options, onChange }: SiteFiltersProps) {
  const searchId = useId();
  const active = !!(filters.q || filters.country || filters.status || filters.operator);
  return (
    <div role="search" className="site-filters">
      <label htmlFor={searchId} className="visually-hidden">
        Search sites
      </label>
      <input
        id={searchId}
        type="search"
        placeholder="Search name, city, operator"
        autoComplete="off"
        spellCheck={false}
        maxLength={LIMITS.maxSearchLength}
        value={filters.q ?? ''}
        onChange={(e) => onChange({ q: e.target.value }, { replace: true })}
      />
      <div className="filter-row">
        <FilterSelect label="Country" value={filters.country} options={options.countries} onChange={(country) => onChange({ country })} />
        <FilterSelect label="Status" value={filters.status} options={options.statuses} onChange={(status) => onChange({ status: status as SiteStatus | undefined })} />
        <FilterSelect label="Operator" value={filters.operator} options={options.operators} onChange={(operator) => onChange({ operator })} />
      </div>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange({ q: undefined, country: undefined, status: undefined, operator: undefined })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
