import './timeline.css';
import { TIMELINE_KINDS, type TimelineKind } from '@corridor/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { formatCount } from '../../../lib/format.ts';
import { isoToLocalInput, localInputToIso, viewerZone } from '../../../lib/local-time.ts';
import { timelineQueries } from '../api/timeline-queries.ts';
import { isFiltered, KIND_LABELS, type TimelineFilter } from '../model/timeline-filter.ts';
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
  const pages = useInfiniteQuery(timelineQueries.pages(filter));
  const events = pages.data?.pages.flatMap((p) => p.events);
  const zone = viewerZone();
  return (
    <main className="page timeline-page" aria-labelledby="timeline-title">
      <div className="page-head">
        <h2 id="timeline-title">Timeline</h2>
        <p className="muted" aria-live="polite">
          {events ? `${formatCount(events.length)} ${events.length === 1 ? 'event' : 'events'} ${isFiltered(filter) ? 'matching' : 'most recent'}${pages.hasNextPage ? ', older below' : ''}` : ''}
        </p>
        <CsvExport filter={filter} />
      </div>
      <TimelineFilters filter={filter} onChange={onFilterChange} sites={sites} links={links} zone={zone} />
      {pages.isPending && <p className="muted">Loading the timeline…</p>}
      {pages.isError && !events && (
        <div className="form-alert" role="alert">
          <p>The timeline could not be loaded: {pages.error.message}</p>
          <button type="button" className="link-button" onClick={() => void pages.refetch()} disabled={pages.isFetching}>
            {pages.isFetching ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      )}
      {events && events.length === 0 && <p className="ops-empty">{isFiltered(filter) ? 'No event matches these filters.' : 'Nothing has happened yet.'}</p>}
      {events && events.length > 0 && <TimelineTable events={events} zone={zone} links={entityLinks} />}
      {pages.isFetchNextPageError && (
        <div className="form-alert" role="alert">
          <p>Older events could not be loaded: {pages.error?.message}</p>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="ops-button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : pages.isFetchNextPageError ? 'Retry older events' : 'Older events'}
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
  return (
    <form className="ops-filters" aria-label="Timeline filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Kind
        <select value={filter.kind ?? ''} onChange={(e) => onChange({ kind: (e.target.value || undefined) as TimelineKind | undefined })}>
          <option value="">Any</option>
          {TIMELINE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Site
        <select value={filter.site ?? ''} onChange={(e) => onChange({ site: e.target.value || undefined })}>
          <option value="">Any</option>
          {withSelected(sites, filter.site).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Link
        <select value={filter.link ?? ''} onChange={(e) => onChange({ link: e.target.value || undefined })}>
          <option value="">Any</option>
          {withSelected(links, filter.link).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From ({zone})
        <input type="datetime-local" value={isoToLocalInput(filter.from)} onChange={(e) => onChange({ from: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      <label>
        To ({zone})
        <input type="datetime-local" value={isoToLocalInput(filter.to)} onChange={(e) => onChange({ to: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link-button" onClick={() => onChange({ kind: undefined, site: undefined, link: undefined, from: undefined, to: undefined })}>
          Clear filters
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
