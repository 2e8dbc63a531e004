import { AUDIT_ACTIONS, type AuditAction, type AuditRecord } from '@corridor/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { translate } from '../../../lib/i18n/runtime.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { isFiltered, isoToLocalInput, localInputToIso, viewerZone, type AuditFilter } from '../model/audit-filter.ts';
import { selectKey } from '../model/select-key.ts';
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
  const t = useT();
  return (
    <main className="page admin-page" aria-labelledby="audit-title">
      <div className="page-head">
        <h2 id="audit-title">{t('admin.audit.title')}</h2>
        <p className="muted" aria-live="polite">
          {records ? t('admin.audit.count', { count: records.length, filtered: isFiltered(filter) ? 'yes' : 'no', more: pages.hasNextPage ? 'yes' : 'no' }) : ''}
        </p>
      </div>
      <AuditFilters filter={filter} onChange={onFilterChange} zone={zone} />
      <LoadState what="audit" isPending={pages.isPending} error={pages.isError && !records ? pages.error : null} onRetry={() => void pages.refetch()} retrying={pages.isFetching} />
      {records && records.length === 0 && <p className="plan-empty">{isFiltered(filter) ? t('admin.audit.emptyFiltered') : t('admin.audit.empty')}</p>}
      {records && records.length > 0 && <AuditTable records={records} zone={zone} />}
      {pages.isFetchNextPageError && (
        <div className="form-alert" role="alert">
          <p>{t.rich('admin.audit.olderFailed', { error: <bdi lang="en">{pages.error?.message}</bdi> })}</p>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="load-more" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('admin.audit.loadingOlder') : pages.isFetchNextPageError ? t('admin.audit.retryOlder') : t('admin.audit.older')}
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
  const t = useT();
  return (
    <form className="filters admin-filters" aria-label={t('admin.audit.filters')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('admin.audit.action')}
        <select value={filter.action ?? ''} onChange={(e) => onChange({ action: (e.target.value || undefined) as AuditAction | undefined })}>
          <option value="">{t('admin.audit.anyAction')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t('admin.audit.actionName', { action: selectKey(action), code: action })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.actor')}
        <input type="search" value={actor} placeholder={t('admin.audit.actorPlaceholder')} onChange={(e) => setActor(e.target.value)} />
      </label>
      <label>
        {t('admin.audit.from', { zone })}
        <input type="datetime-local" value={isoToLocalInput(filter.from)} onChange={(e) => onChange({ from: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      <label>
        {t('admin.audit.to', { zone })}
        <input type="datetime-local" value={isoToLocalInput(filter.to)} onChange={(e) => onChange({ to: localInputToIso(e.target.value) }, { replace: true })} />
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link-button" onClick={() => onChange({ action: undefined, actor: undefined, from: undefined, to: undefined })}>
          {t('admin.audit.clearFilters')}
        </button>
      )}
    </form>
  );
}

/**
 * A record's detail as "key: value" pairs, short enough for a table cell. The keys and values are the
 * record's own (field names and codes, the same in every language); only the pairing is worded.
 */
const detailText = (detail: AuditRecord['detail']): string =>
  Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => translate('admin.audit.detailPair', { key, value: typeof value === 'string' ? value : JSON.stringify(value) }))
    .join(' · ');

function AuditTable({ records, zone }: { records: AuditRecord[]; zone: string }) {
  const t = useT();
  return (
    <table className="admin-table audit-table" aria-label={t('admin.audit.records')}>
      <thead>
        <tr>
          <th scope="col">{t('admin.audit.seq')}</th>
          <th scope="col">{t('admin.audit.time', { zone })}</th>
          <th scope="col">{t('admin.audit.actor')}</th>
          <th scope="col">{t('admin.audit.action')}</th>
          <th scope="col">{t('admin.audit.subject')}</th>
          <th scope="col">{t('admin.audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.seq}>
            <td className="num">{record.seq}</td>
            <td>
              <time dateTime={record.at}>{formatDateTime(record.at)}</time>
            </td>
            <td>
              <bdi>{record.actor}</bdi>
            </td>
            <td>
              <span className="audit-action">{t('admin.audit.actionName', { action: selectKey(record.action), code: record.action })}</span>
            </td>
            <td className="mono">
              <bdi>{record.subject}</bdi>
            </td>
            <td className="audit-detail">
              <bdi>{detailText(record.detail)}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
