import type { z } from 'zod';
import { BATCH_PLAN_MAX_WORKLOADS, BatchPlanWorkloadSchema, type BatchPlan, type BatchPlanWorkload } from './schemas/batch-plan.ts';
import { csvCell } from './csv.ts';

/*
 * The batch what-if as CSV (issue 15): the rows a person uploads in the console or posts to
 * `POST /api/placements/batch-plan` with `Content-Type: text/csv`, and the answer as one row per workload
 * (`Accept: text/csv`). Pure functions: the BFF and the browser parse with the same code, so a file the
 * console accepts is one the API accepts, with the same words for what is wrong.
 *
 * Reading follows RFC 4180 (quoted fields may hold commas, quotes doubled, line breaks), with a BOM and
 * LF-only line ends tolerated because spreadsheets write them. Writing quotes as RFC 4180 asks, ends
 * records with CRLF, and prefixes a text cell a spreadsheet would run as a formula (= + - @, a tab or
 * CR) with ' (OWASP's guard): names come from users.
 */

/** The columns of an upload, in the order the template writes them. `ref` is optional. */
export const BATCH_CSV_COLUMNS = ['ref', 'name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus', 'model', 'powerKw', 'latencyFrom', 'maxRttMs', 'conditions'] as const;
export type BatchCsvColumn = (typeof BATCH_CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly BatchCsvColumn[] = ['name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus'];

/** Longest CSV text read, in characters: 1,000 rows of generous width; a longer text is refused before it is read. */
export const BATCH_CSV_MAX_CHARS = 1_000_000;

/** What is wrong with an upload: where (the file's row as a spreadsheet numbers it, the header being row 1) and which column. */
export interface BatchCsvProblem {
  /** 1 is the header row; 0 for the file as a whole. */
  row: number;
  /** The column's name; absent for a problem of the whole row or file. */
  column?: BatchCsvColumn | string;
  /** Position of the workload in the parsed list, for a row's problem. */
  index?: number;
  message: string;
}

export type BatchCsvParse = { ok: true; workloads: BatchPlanWorkload[] } | { ok: false; problems: BatchCsvProblem[] };

/** Most problems listed for one file: enough to fix a pattern, not a wall of text. */
const MAX_PROBLEMS = 20;

/** `row 4: gpus` — how a problem is named in a 400's field and a sentence. */
export function batchCsvProblemField(problem: BatchCsvProblem): string {
  if (problem.row === 0) return '(body)';
  return problem.column ? `row ${problem.row}: ${problem.column}` : `row ${problem.row}`;
}

/** One sentence for every problem (the first MAX_PROBLEMS), for a 400's message. */
export function describeBatchCsvProblems(problems: readonly BatchCsvProblem[]): string {
  return `invalid CSV: ${problems.map((p) => `${batchCsvProblemField(p)} ${p.message}`).join('; ')}`;
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────────

/** A record of a CSV text and the row it starts on (1-based; a line break inside quotes does not start a row). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** Every record of an RFC 4180 text; an unclosed quote is an error naming its row. */
export function readCsvRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; problem: BatchCsvProblem } {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let quoted = false;
  let quoteRow = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ row, cells });
    cells = [];
    cell = '';
    row = records.length + 1;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (source[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteRow = row;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
    } else cell += c;
  }
  if (quoted) return { ok: false, problem: { row: quoteRow, message: 'has a quote that is never closed' } };
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, records };
}

// ─── From rows to workloads ──────────────────────────────────────────────────────────────────────

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** `33.57 -7.59`, `33.57;-7.59` or `33.57/-7.59`: a point; anything else is a city or site name. */
const POINT = /^([+-]?\d+(?:\.\d+)?)\s*[\s;/]\s*([+-]?\d+(?:\.\d+)?)$/;

/** Where a schema path lands in the CSV: `gpus.count` → gpus, `latency.from` → latencyFrom. */
function columnOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'gpus') return second === 'model' ? 'model' : 'gpus';
  if (first === 'latency') return second === 'maxRttMs' ? 'maxRttMs' : 'latencyFrom';
  return first ?? '(row)';
}

/** The workload a record spells, before the schema: numbers read, empty cells left out; or the cells' own problems. */
function recordToInput(record: CsvRecord, columns: readonly (BatchCsvColumn | undefined)[], index: number): { input: Record<string, unknown>; problems: BatchCsvProblem[] } {
  const problems: BatchCsvProblem[] = [];
  const cell = new Map<BatchCsvColumn, string>();
  columns.forEach((column, i) => {
    const value = record.cells[i]?.trim() ?? '';
    if (column && value !== '') cell.set(column, value);
  });
  if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim() !== '')) {
    problems.push({ row: record.row, index, message: `has ${record.cells.length} cells, the header ${columns.length}` });
  }
  const number = (column: BatchCsvColumn): number | undefined => {
    const value = cell.get(column);
    if (value === undefined) return undefined;
    const n = NUMBER.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n)) {
      problems.push({ row: record.row, column, index, message: `must be a number, not “${value.slice(0, 40)}”` });
      return undefined;
    }
    return n;
  };

  const gpus = number('gpus');
  const powerKw = number('powerKw');
  const maxRttMs = number('maxRttMs');
  const from = cell.get('latencyFrom');
  const point = from === undefined ? null : POINT.exec(from);
  if ((from === undefined) !== (maxRttMs === undefined) && !problems.some((p) => p.column === 'maxRttMs')) {
    const column = from === undefined ? 'latencyFrom' : 'maxRttMs';
    problems.push({ row: record.row, column, index, message: 'is needed with latencyFrom and maxRttMs: give both or neither' });
  }
  const conditions = (cell.get('conditions') ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const model = cell.get('model');
  const input: Record<string, unknown> = {
    ...(cell.has('ref') ? { ref: cell.get('ref') } : {}),
    name: cell.get('name'),
    tenant: cell.get('tenant'),
    kind: cell.get('kind'),
    sector: cell.get('sector'),
    dataClass: cell.get('dataClass'),
    dataOrigin: cell.get('dataOrigin'),
    gpus: { count: gpus, ...(model !== undefined ? { model } : {}) },
    ...(powerKw !== undefined ? { powerKw } : {}),
    ...(from !== undefined && maxRttMs !== undefined ? { latency: { from: point ? { lat: Number(point[1]), lon: Number(point[2]) } : from, maxRttMs } } : {}),
    conditions,
  };
  return { input, problems };
}

/** The header's columns by position; unknown, repeated and missing columns are problems of row 1. */
function readHeader(header: CsvRecord): { columns: (BatchCsvColumn | undefined)[]; problems: BatchCsvProblem[] } {
  const problems: BatchCsvProblem[] = [];
  const known = new Map(BATCH_CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const seen = new Set<BatchCsvColumn>();
  const columns = header.cells.map((raw) => {
    const name = raw.trim();
    const column = known.get(name.toLowerCase());
    if (!column) {
      if (name !== '') problems.push({ row: 1, column: name.slice(0, 40), message: `is not a column of a batch; the columns are ${BATCH_CSV_COLUMNS.join(', ')}` });
      return undefined;
    }
    if (seen.has(column)) problems.push({ row: 1, column, message: 'is given twice' });
    seen.add(column);
    return column;
  });
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) problems.push({ row: 1, column, message: 'is a column every batch needs: add it to the header row' });
  return { columns, problems };
}

/**
 * The workloads of a CSV text, each checked as the API checks a JSON row; or every problem (up to 20)
 * with its row and column. Rows that are empty are skipped (a spreadsheet's trailing lines).
 */
export function parseBatchCsv(text: string): BatchCsvParse {
  if (text.length > BATCH_CSV_MAX_CHARS) return { ok: false, problems: [{ row: 0, message: `is longer than ${BATCH_CSV_MAX_CHARS} characters` }] };
  const read = readCsvRecords(text);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const [header, ...rest] = read.records;
  if (!header || header.cells.every((c) => c.trim() === '')) return { ok: false, problems: [{ row: 1, message: `must be the header row: ${BATCH_CSV_COLUMNS.join(',')}` }] };
  const { columns, problems } = readHeader(header);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  const rows = rest.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return { ok: false, problems: [{ row: 2, message: 'is missing: a batch needs at least one workload after the header row' }] };
  if (rows.length > BATCH_PLAN_MAX_WORKLOADS) {
    return { ok: false, problems: [{ row: rows[BATCH_PLAN_MAX_WORKLOADS]!.row, message: `is one too many: a batch holds at most ${BATCH_PLAN_MAX_WORKLOADS} workloads` }] };
  }

  const workloads: BatchPlanWorkload[] = [];
  rows.forEach((record, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const { input, problems: own } = recordToInput(record, columns, index);
    const parsed = BatchPlanWorkloadSchema.safeParse(input);
    if (own.length > 0 || !parsed.success) {
      const named = new Set(own.map((p) => p.column));
      const fromSchema = parsed.success ? [] : schemaProblems(parsed.error, record.row, index).filter((p) => !named.has(p.column));
      problems.push(...own, ...fromSchema);
      return;
    }
    workloads.push(parsed.data);
  });
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, workloads };
}

function schemaProblems(error: z.ZodError, row: number, index: number): BatchCsvProblem[] {
  return error.issues.map((issue) => ({ row, column: columnOf(issue.path), index, message: issue.message }));
}

// ─── Writing ─────────────────────────────────────────────────────────────────────────────────────

function csvText(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** The columns of the answer as CSV, one row per workload in the request's order. */
export const BATCH_RESULT_CSV_COLUMNS = ['index', 'ref', 'name', 'outcome', 'siteId', 'jurisdiction', 'gpuModel', 'gpuCount', 'powerKw', 'score', 'candidates', 'reasons'] as const;

/** A batch's answer as CSV: placed rows with their site, unplaced ones with their reasons (`CODE (n sites): sentence`, `;`-separated). */
export function batchPlanToCsv(plan: BatchPlan): string {
  const rows = plan.results.map((r) =>
    r.outcome === 'placed'
      ? [r.index, r.ref, r.name, r.outcome, r.siteId, r.jurisdiction, r.gpuModel, r.gpuCount, r.powerKw, r.score, r.rank1Of, '']
      : [r.index, r.ref, r.name, r.outcome, '', '', '', '', '', '', 0, r.reasons.map((reason) => `${reason.code} (${reason.count} sites): ${reason.message}`).join('; ')],
  );
  return csvText([BATCH_RESULT_CSV_COLUMNS, ...rows]);
}

/** The header row an upload starts with, and one example row: what the console offers to download. */
export function batchCsvTemplate(): string {
  return csvText([BATCH_CSV_COLUMNS, ['ticket-1', 'Fraud scoring', 'bank-of-rabat', 'inference', 'finance', 'personal', 'MA', 16, 'H100', '', 'Casablanca', 30, '']]);
}
