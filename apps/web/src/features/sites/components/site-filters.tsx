import { LIMITS, type DeclaredStatus, type ObservedHealth } from '@corridor/shared';
import { useId } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { FilterOptions, SiteFilters as Filters } from '../model/site-rows.ts';

interface SiteFiltersProps {
  filters: Filters;
  options: FilterOptions;
  /** Typing refines the current history entry (replace); choosing a filter is a navigation. */
  onChange: (patch: Partial<Filters>, options?: { replace?: boolean }) => void;
}

function FilterSelect({ label, value, options, onChange }: { label: string; value?: string; options: FilterOptions['countries']; onChange: (value?: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('sites.filter.all')}</option>
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

/** Search box and the country, declared status, observed health and operator filters (native selects: reachable and operable from the keyboard). */
export function SiteFilters({ filters, options, onChange }: SiteFiltersProps) {
  const t = useT();
  const searchId = useId();
  const active = !!(filters.q || filters.country || filters.status || filters.health || filters.operator);
  return (
    <div role="search" className="site-filters">
      <label htmlFor={searchId} className="visually-hidden">
        {t('sites.filter.searchLabel')}
      </label>
      <input
        id={searchId}
        type="search"
        placeholder={t('sites.filter.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={LIMITS.maxSearchLength}
        value={filters.q ?? ''}
        onChange={(e) => onChange({ q: e.target.value }, { replace: true })}
      />
      <div className="filter-row">
        <FilterSelect label={t('sites.filter.country')} value={filters.country} options={options.countries} onChange={(country) => onChange({ country })} />
        <FilterSelect label={t('sites.filter.status')} value={filters.status} options={options.statuses} onChange={(status) => onChange({ status: status as DeclaredStatus | undefined })} />
        <FilterSelect label={t('sites.filter.health')} value={filters.health} options={options.healths} onChange={(health) => onChange({ health: health as ObservedHealth | undefined })} />
        <FilterSelect label={t('sites.filter.operator')} value={filters.operator} options={options.operators} onChange={(operator) => onChange({ operator })} />
      </div>
      {active && (
        <button type="button" className="link-button" onClick={() => onChange({ q: undefined, country: undefined, status: undefined, health: undefined, operator: undefined })}>
          {t('sites.filter.clear')}
        </button>
      )}
    </div>
  );
}
