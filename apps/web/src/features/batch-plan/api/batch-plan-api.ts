import { BatchPlanSchema, type BatchPlan, type BatchPlanWorkload } from '@corridor/shared';
import { apiRequest, ApiError } from '../../../lib/api-client.ts';
import { countCsvRecords } from '../../../lib/csv.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

export const BATCH_PLAN_PATH = '/api/placements/batch-plan';

/** Plans the batch (a dry run: nothing is reserved); the signal cancels it, and the server stops with the request. */
export const runBatchPlan = (workloads: readonly BatchPlanWorkload[], signal?: AbortSignal): Promise<BatchPlan> =>
  apiRequest(BATCH_PLAN_PATH, BatchPlanSchema, { method: 'POST', body: { workloads }, signal });

/**
 * The same batch's result as the API writes it in CSV (`Accept: text/csv`, one record per workload): the
 * export is the server's own table, not the screen's, so a spreadsheet and an API user read the same file.
 */
export async function fetchBatchPlanCsv(workloads: readonly BatchPlanWorkload[]): Promise<{ text: string; count: number }> {
  let response: Response;
  try {
    response = await fetch(BATCH_PLAN_PATH, {
      method: 'POST',
      headers: { Accept: 'text/csv', 'Content-Type': 'application/json', 'X-CSRF': '1' },
      credentials: 'same-origin',
      body: JSON.stringify({ workloads }),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate('common.error.network') });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('text/csv')) {
    throw new ApiError({ status: response.status, code: response.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message: translate('batch.export.httpFailed', { status: String(response.status) }) });
  }
  const text = await response.text();
  return { text, count: countCsvRecords(text) };
}
