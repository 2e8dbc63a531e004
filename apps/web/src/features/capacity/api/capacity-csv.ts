import { ApiError } from '../../../lib/api-client.ts';
import { countCsvRecords, downloadText } from '../../../lib/csv.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

export interface CsvSource {
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * A table's CSV as the API writes it (`Accept: text/csv` on the same path and query as its JSON): every
 * capacity route answers CSV, so the file is the server's, never rewritten in the browser.
 */
export async function fetchCapacityCsv({ path, method = 'GET', body }: CsvSource): Promise<{ text: string; count: number }> {
  const headers: Record<string, string> = { Accept: 'text/csv' };
  if (method !== 'GET') headers['X-CSRF'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate('common.error.network') });
  }
  const isCsv = response.ok && (response.headers.get('content-type') ?? 'text/csv').includes('text/csv');
  if (!response.ok || !isCsv) {
    throw new ApiError({ status: response.status, code: response.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message: translate('capacity.csv.httpFailed', { status: String(response.status) }) });
  }
  const text = await response.text();
  return { text, count: countCsvRecords(text) };
}

/** Fetches the CSV and offers it as a file; answers how many records it holds. */
export async function downloadCapacityCsv(fileName: string, source: CsvSource): Promise<number> {
  const csv = await fetchCapacityCsv(source);
  downloadText(fileName, csv.text);
  return csv.count;
}
