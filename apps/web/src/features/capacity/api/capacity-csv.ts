import { ApiError } from '../../../lib/api-client.ts';
import { countCsvRecords, downloadText } from '../../../lib/csv.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

/** A table's CSV as the API writes it (`Accept: text/csv` on the same path and query as its JSON). */
export async function fetchCapacityCsv(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<{ text: string; count: number }> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'text/csv' };
  if (method !== 'GET') headers['X-CSRF'] = '1';
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate('common.error.network') });
  }
  if (!response.ok) {
    throw new ApiError({ status: response.status, code: response.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message: translate('capacity.csv.httpFailed', { status: String(response.status) }) });
  }
  const text = await response.text();
  return { text, count: countCsvRecords(text) };
}

/** Fetches the CSV and offers it as a file. */
export async function downloadCapacityCsv(fileName: string, path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<number> {
  const csv = await fetchCapacityCsv(path, init);
  downloadText(fileName, csv.text);
  return csv.count;
}
