import {
  BATCH_CSV_COLUMNS,
  BATCH_PLAN_MAX_WORKLOADS,
  DATA_CLASSES,
  GPU_MODELS,
  parseBatchCsv,
  readCsvRecords,
  SECTORS,
  WORKLOAD_KINDS,
  type BatchCsvProblem,
  type BatchPlanWorkload,
  type CsvRecord,
} from '@corridor/shared';
import type { ApiError } from '../../../lib/api-client.ts';
import { toCsv } from '../../../lib/csv.ts';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

export { BATCH_CSV_COLUMNS };

/** A problem to fix before the batch can run: the row as a spreadsheet numbers it (the header is 1; 0 for the whole text), in words. */
export interface RowIssue {
  row: number;
  column?: string;
  message: string;
}

export type BatchCheck = { ok: true; workloads: BatchPlanWorkload[]; rows: number[] } | { ok: false; issues: RowIssue[] };

/** The textarea's line (from 0) a row starts on, when no cell holds a line break. */
export const lineOfRow = (row: number): number => Math.max(0, row - 1);

const isBlank = (record: CsvRecord) => record.cells.every((c) => c.trim() === '');

/** Quoted as RFC 4180 asks, nothing else: the text goes back to the parser, not to a spreadsheet. */
const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A tenant's rows carry its own tenant: a column added if the header has none, an empty cell filled. A
 * row naming another tenant is left as it is, for the check to name it. Rows keep their numbers.
 */
function withOwnTenant(records: readonly CsvRecord[], tenant: string): string {
  const [header, ...rows] = records;
  if (!header) return '';
  let at = header.cells.findIndex((c) => c.trim().toLowerCase() === 'tenant');
  const headerCells = at === -1 ? [...header.cells, 'tenant'] : header.cells;
  if (at === -1) at = header.cells.length;
  const filled = (cells: readonly string[]): string[] => {
    const out = [...cells];
    while (out.length <= at) out.push('');
    if (!out[at]!.trim()) out[at] = tenant;
    return out;
  };
  const lines = [headerCells, ...rows.map((r) => (isBlank(r) ? r.cells : filled(r.cells)))];
  return lines.map((cells) => cells.map(quoted).join(',')).join('\n');
}

/**
 * The CSV as the API will read it (the shared parser, the same schema), with every problem said in the
 * console's language; a tenant's own tenant filled in first, and a row of another tenant's refused here
 * rather than by the API. `rows` gives each workload's row, to place the API's own findings.
 */
export function checkBatch(text: string, ownTenant?: string): BatchCheck {
  if (text.trim() === '') return { ok: false, issues: [{ row: 0, message: translate('batch.check.empty') }] };
  const read = readCsvRecords(text);
  const source = ownTenant && read.ok ? withOwnTenant(read.records, ownTenant) : text;
  const parsed = parseBatchCsv(source);
  const rows = read.ok ? read.records.slice(1).filter((r) => !isBlank(r)) : [];
  if (!parsed.ok) return { ok: false, issues: parsed.problems.map((p) => issueOf(p, read.ok ? rows.length : undefined)) };
  const foreign = ownTenant
    ? parsed.workloads.flatMap((w, i) =>
        w.tenant === ownTenant
          ? []
          : [{ row: rows[i]?.row ?? 0, column: 'tenant', message: translate('batch.check.column', { column: 'tenant', problem: translate('batch.check.ownTenant', { tenant: ownTenant }) }) }],
      )
    : [];
  if (foreign.length) return { ok: false, issues: foreign };
  return { ok: true, workloads: parsed.workloads, rows: rows.map((r) => r.row) };
}

const list = (values: readonly string[]) => values.join(', ');

/** What a column holds, in words: the problem said the same way whatever the schema's own message was. */
function columnProblem(column: string): string | undefined {
  switch (column) {
    case 'kind':
      return translate('batch.check.kind', { values: list(WORKLOAD_KINDS) });
    case 'sector':
      return translate('batch.check.sector', { values: list(SECTORS) });
    case 'dataClass':
      return translate('batch.check.dataClass', { values: list(DATA_CLASSES) });
    case 'model':
      return translate('batch.check.model', { values: list(GPU_MODELS) });
    case 'ref':
    case 'name':
    case 'tenant':
    case 'dataOrigin':
    case 'gpus':
    case 'powerKw':
    case 'latencyFrom':
    case 'maxRttMs':
    case 'conditions':
      return translate(`batch.check.${column}`);
    default:
      return undefined;
  }
}

/**
 * A parser's problem in the console's words. The parser's sentences are English (for API users); the
 * console says them from where they are: the header, a column of a row, a row's shape, or the text as a whole.
 */
function issueOf(problem: BatchCsvProblem, workloadRows: number | undefined): RowIssue {
  const { row, column } = problem;
  if (row === 0) return { row, message: translate('batch.check.tooLong') };
  if (row === 1) return { row, column, message: translate('batch.check.header', { column: column ?? '', columns: BATCH_CSV_COLUMNS.join(',') }) };
  if (column) return { row, column, message: translate('batch.check.column', { column, problem: columnProblem(column) ?? problem.message }) };
  if (problem.index !== undefined) return { row, message: translate('batch.check.cells') };
  // The text could not be read as CSV at all: the one reason is a quote left open.
  if (workloadRows === undefined) return { row, message: translate('batch.check.quote') };
  if (workloadRows === 0) return { row, message: translate('batch.check.noRows') };
  if (workloadRows > BATCH_PLAN_MAX_WORKLOADS) return { row, message: translate('batch.check.tooMany', { max: BATCH_PLAN_MAX_WORKLOADS }) };
  return { row, message: problem.message };
}

/** The column a request path names: `workloads.3.gpus.count` → gpus, `workloads.3.latency.from` → latencyFrom. */
function columnOfPath(rest: readonly string[]): string {
  const [first, second] = rest;
  if (first === 'gpus') return second === 'model' ? 'model' : 'gpus';
  if (first === 'latency') return second === 'maxRttMs' ? 'maxRttMs' : 'latencyFrom';
  return first ?? '';
}

/**
 * The API's 400 placed on the rows it names (`workloads.3.gpus.count`), in words; a field that names no
 * row is left to the error banner. `rows` is each workload's row in the text, from the browser's check.
 */
export function issuesOfApiError(error: ApiError, rows: readonly number[]): RowIssue[] {
  if (error.status !== 400 || !error.fields) return [];
  return error.fields.flatMap((issue) => {
    const [head, index, ...rest] = issue.field.split('.');
    const position = Number(index);
    if (head !== 'workloads' || !Number.isInteger(position)) return [];
    const column = columnOfPath(rest);
    return [{ row: rows[position] ?? position + 2, column, message: translate('batch.check.column', { column, problem: fieldIssueText(issue) }) }];
  });
}

/** The header and two example rows, as the template link offers them; a tenant's own tenant on both. */
export function templateCsv(ownTenant?: string): string {
  const rows = [
    ['fraud-1', 'Fraud scoring', ownTenant ?? 'bank-of-rabat', 'inference', 'finance', 'personal', 'MA', 16, 'H100', '', 'Casablanca', 30, ''],
    ['llm-ft-2', 'Clinical notes fine-tune', ownTenant ?? 'sante-paris', 'fine-tuning', 'healthcare', 'sensitive-personal', 'FR', 64, '', '', '', '', ''],
  ];
  return toCsv(BATCH_CSV_COLUMNS, rows);
}
