import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';

/** Loading, error (with Retry) and loaded states of one section, each said in words. */
export function QueryState({ query, what, children }: { query: UseQueryResult<unknown>; what: string; children: ReactNode }) {
  const t = useT();
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        {t('capacity.loading', { what })}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div role="alert" className="capacity-error">
        <p>{t('capacity.error', { what, error: query.error.message })}</p>
        <button type="button" className="ops-button" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{children}</>;
}
