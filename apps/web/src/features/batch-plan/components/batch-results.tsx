import './batch.css';
import type { BatchUnplacedReason } from '@corridor/shared';
import { isUnavailableError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { BatchState } from '../api/use-batch-plan.ts';
import { BatchResultsTable, type BatchSiteLabel } from './batch-results-table.tsx';
import { BatchExportButton, BatchRemainingTable, BatchTotals } from './batch-summary.tsx';

interface BatchResultsProps {
  state: BatchState;
  site: (siteId: string) => BatchSiteLabel;
  reasonText: (reason: BatchUnplacedReason) => string;
  onRetry: () => void;
  /** The site chosen on the map, whose workloads the table lists. */
  siteId?: string;
  onClearSite?: () => void;
}

/** The batch's answer, or what stands in for it: nothing run yet, running, cancelled, refused or failed. */
export function BatchResults({ state, site, reasonText, onRetry, siteId, onClearSite }: BatchResultsProps) {
  const t = useT();
  switch (state.status) {
    case 'idle':
      return <p className="ops-empty">{t('batch.empty')}</p>;
    case 'cancelled':
      return <p className="ops-empty">{t('batch.cancelled')}</p>;
    case 'running':
      return (
        <p className="ops-empty" aria-busy="true">
          {t('batch.running', { count: state.count })}
        </p>
      );
    case 'failed': {
      const { error } = state;
      const message =
        error.status === 403 ? t('batch.api.forbidden', { message: error.message }) : isUnavailableError(error) ? t('batch.api.unavailable') : t('batch.api.failed', { message: error.message });
      return (
        <div className="form-alert" role="alert">
          <p>{message}</p>
          {error.status !== 403 && (
            <button type="button" className="link-button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </div>
      );
    }
    case 'done':
      return (
        <>
          <div className="batch-head">
            <BatchTotals plan={state.plan} />
            <BatchExportButton workloads={state.workloads} />
          </div>
          <BatchResultsTable plan={state.plan} workloads={state.workloads} site={site} reasonText={reasonText} siteId={siteId} onClearSite={onClearSite} />
          <BatchRemainingTable plan={state.plan} />
        </>
      );
  }
}
