import './timeline.css';
import { TIMELINE_KINDS, type TimelineKind } from '@corridor/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { isoToLocalInput, localInputToIso, viewerZone } from '../../../lib/local-time.ts';
import { timelineQueries } from '../api/timeline-queries.ts';
import { isFiltered, kindLabel, type TimelineFilter } from '../model/timeline-filter.ts';
import { CsvExport } from './csv-export.tsx';
import { TimelineTable, type EntityLinks } from './timeline-table.tsx';

export interface NamedOption {
  id: string;
  name: string;
}

interface TimelinePageProps {
  /** The filters, from the URL (deep links: ?view=timeline&kind=drain&esite=ma-benguerir-1). */
  filter: TimelineFilter;
  onFilterChange: (patch: Partial<TimelineFilter>, options?: { replace?: boolean }) => void;
  sites: readonly NamedOption[];
  links: readonly NamedOption[];
  entityLinks: EntityLinks;
}

/**
 * What happened on the network, newest first: alerts, acknowledgements, faults, health changes,
 * maintenance, drains, migrations, commits and releases. Filtered by kind, site, link and time (all in
 * the URL), older pages on demand, new events from the live stream on top, and a CSV of what the filters select.
 */
export function TimelinePage({ filter, onFilterChange, sites, links, entityLinks }: TimelinePageProps) {
  const t = useT();
  const pages = useInfiniteQuery(timelineQueries.pages(filter));
  const events = pages.data?.pages.flatMap((p) => p.events);
  const zone = viewerZone();
  return (
    <main className="page timeline-page" aria-labelledby="timeline-title">
      <div className="page-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <p className="muted" aria-live="polite">
          {events ? t('timeline.summary', { count: events.length, scope: isFiltered(filter) ? 'matching' : 'recent', older: pages.hasNextPage ? 'yes' : 'no' }) : ''}
        </p>
        <CsvExport filter={filter} />
      </div>
      <TimelineFilters filter={filter} onChange={onFilterChange} sites={sites} links={links} zone={zone} />
      {pages.isPending && <p className="muted">{t('timeline.loading')}</p>}
      {pages.isError && !events && (
        <div className="form-alert" role="alert">
          <p>{t('timeline.loadError', { error: pages.error.message })}</p>
          <button type="button" className="link-button" onClick={() => void pages.refetch()} disabled={pages.isFetching}>
            {pages.isFetching ? t('timeline.retrying') : t('timeline.retry')}
          </button>
        </div>
      )}
      {events && events.length === 0 && <p className="ops-empty">{isFiltered(filter) ? t('timeline.emptyFiltered') : t('timeline.empty')}</p>}
      {events && events.length > 0 && <TimelineTable events={events} zone={zone} links={entityLinks} />}
      {pages.isFetchNextPageError && (
        <div className="form-alert" role="alert">
          <p>{t('timeline.olderError', { error: pages.error?.message ?? '' })}</p>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="ops-button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('timeline.loadingMore') : pages.isFetchNextPageError ? t('timeline.retryOlder') : t('timeline.older')}
        </button>
      )}
    </main>
  );
}

interface FiltersProps {
  filter: TimelineFilter;
  onChange: TimelinePageProps['onFilterChange'];
  sites: readonly NamedOption[];
  links: readonly NamedOption[];
  zone: string;
}

function TimelineFilters({ filter, onChange, sites, links, zone }: FiltersProps) {
  const t = useT();
  return (
    <form className="ops-filters" aria-label={t('timeline.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('timeline.filters.kind')}
        <select value={filter.kind ?? ''} onChange={(e) => onChange({ kind: (e.target.value || undefined) as TimelineKind | undefined })}>
          <option value="">{t('timeline.filters.any')}</option>
          {TIMELINE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.filters.site')}
        <select value={filter.site ?? ''} onChange={(e) => onChange({ site: e.target.value || undefined })}>
          <option value="">{t('timeline.filters.any')}</option>
          {withSelected(sites, filter.site).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.filters.link')}
        <select value={filter.link ?? ''} onChange={(e) => onChange({ link: e.target.value || undefined })}>
          <option value="">{t('timeline.filters.any')}</option>
          {withSelected(links, filter.link).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.filters.from', { zone })}
        <input type="datetime-local" value={isoToLocalInput(filter.from)} onChange={(e) => onChange({ from: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      <label>
        {t('timeline.filters.to', { zone })}
        <input type="datetime-local" value={isoToLocalInput(filter.to)} onChange={(e) => onChange({ to: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link-button" onClick={() => onChange({ kind: undefined, site: undefined, link: undefined, from: undefined, to: undefined })}>
          {t('timeline.filters.clear')}
        </button>
      )}
    </form>
  );
}

/** The options, with the URL's choice kept even while the list loads or when it names something unknown (the select shows what is filtered). */
function withSelected(options: readonly NamedOption[], selected: string | undefined): readonly NamedOption[] {
  if (!selected || options.some((o) => o.id === selected)) return options;
  return [{ id: selected, name: selected }, ...options];
}
