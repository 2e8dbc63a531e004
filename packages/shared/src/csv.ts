/*
 * CSV as RFC 4180 writes it: a field is quoted when it holds a comma, a double quote, CR or LF, a quote
 * inside is doubled, records end in CRLF. Spreadsheets run a cell that starts with = + - @ (or a tab or
 * CR before one) as a formula — hostile text in an event's summary would run on the reader's machine —
 * so such a text cell is prefixed with ' (OWASP's guard) and shows as text. Numbers are written as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: guarded against formulas, then quoted if RFC 4180 asks for it. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let cell = String(value);
  if (typeof value === 'string' && FORMULA_START.test(cell)) cell = `'${cell}`;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A header and its records as one CSV text, each record (the last too) ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
