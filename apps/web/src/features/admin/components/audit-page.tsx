import { AUDIT_ACTIONS, type AuditAction, type AuditRecord } from '@corridor/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { isFiltered, isoToLocalInput, localInputToIso, viewerZone, type AuditFilter } from '../model/audit-filter.ts';
import { LoadState } from './admin-ui.tsx';
import { AuditVerify } from './audit-verify.tsx';

/** Typing an actor asks for the log once the typing pauses. */
const ACTOR_DEBOUNCE_MS = 300;

interface AuditPageProps {
  /** The filters, from the URL (deep links: ?view=audit&actor=ana). */
  filter: AuditFilter;
  onFilterChange: (patch: Partial<AuditFilter>, options?: { replace?: boolean }) => void;
}

/** The hash-chained audit log, newest first, a page at a time, filtered by action, actor and time; and its verification. */
export function AuditPage({ filter, onFilterChange }: AuditPageProps) {
  const pages = useInfiniteQuery(adminQueries.auditPages(filter));
  const records = pages.data?.pages.flatMap((p) => p.records);
  const zone = viewerZone();
  return (
    <main className="page admin-page" aria-labelledby="audit-title">
      <div className="page-head">
        <h2 id="audit-title">Audit log</h2>
        <p className="muted" aria-live="polite">
          {records ? `${formatCount(records.length)} ${isFiltered(filter) ? 'matching' : 'most recent'}${pages.hasNextPage ? ', more below' : ''}` : ''}
        </p>
      </div>
      <AuditFilters filter={filter} onChange={onFilterChange} zone={zone} />
      <LoadState what="The audit log" isPending={pages.isPending} error={pages.isError && !records ? pages.error : null} onRetry={() => void pages.refetch()} retrying={pages.isFetching} />
      {records && records.length === 0 && <p className="plan-empty">{isFiltered(filter) ? 'No record matches these filters.' : 'No record yet.'}</p>}
      {records && records.length > 0 && <AuditTable records={records} zone={zone} />}
      {pages.isFetchNextPageError && (
        <div className="form-alert" role="alert">
          <p>Older records could not be loaded: {pages.error?.message}</p>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="load-more" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : pages.isFetchNextPageError ? 'Retry older records' : 'Older records'}
        </button>
      )}
      <AuditVerify />
    </main>
  );
}

function AuditFilters({ filter, onChange, zone }: { filter: AuditFilter; onChange: AuditPageProps['onFilterChange']; zone: string }) {
  // The actor is typed: the URL (and the query) follow once the typing pauses.
  const [actor, setActor] = useState(filter.actor ?? '');
  // The URL's actor changed from elsewhere (Back, Clear filters): the box shows it. Noticed while rendering.
  const [urlActor, setUrlActor] = useState(filter.actor);
  if (filter.actor !== urlActor) {
    setUrlActor(filter.actor);
    setActor(filter.actor ?? '');
  }
  // The parent's callback changes with every render: the pause is measured from the last keystroke only.
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  });
  useEffect(() => {
    const value = actor.trim() || undefined;
    if (value === urlActor) return;
    const timer = setTimeout(() => change.current({ actor: value }, { replace: true }), ACTOR_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [actor, urlActor]);
  return (
    <form className="filters admin-filters" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Action
        <select value={filter.action ?? ''} onChange={(e) => onChange({ action: (e.target.value || undefined) as AuditAction | undefined })}>
          <option value="">Any</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label>
        Actor
        <input type="search" value={actor} placeholder="user name, system…" onChange={(e) => setActor(e.target.value)} />
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
        <button type="button" className="link-button" onClick={() => onChange({ action: undefined, actor: undefined, from: undefined, to: undefined })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** A record's detail as "key: value" pairs, short enough for a table cell. */
const detailText = (detail: AuditRecord['detail']): string =>
  Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');

function AuditTable({ records, zone }: { records: AuditRecord[]; zone: string }) {
  return (
    <table className="admin-table audit-table" aria-label="Audit records">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time ({zone})</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Subject</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.seq}>
            <td className="num">{record.seq}</td>
            <td>
              <time dateTime={record.at}>{formatDateTime(record.at)}</time>
            </td>
            <td>{record.actor}</td>
            <td>
              <span className="audit-action">{record.action}</span>
            </td>
            <td className="mono">{record.subject}</td>
            <td className="audit-detail">{detailText(record.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
