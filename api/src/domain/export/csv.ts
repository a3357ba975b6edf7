/**
 * The one CSV writer of every Maillage export (pure: lines in, lines out).
 * French Excel opens it right: `;` separator, UTF-8 with BOM (added by the caller that writes bytes:
 * `csvDocument` or routes/csv.ts), CRLF, decimal comma, provenance as `# ` lines first. QGIS and
 * scripts can ask for `decimal: 'point'` (documented `?decimal=point`). Cells that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR at the start) are neutralised with a leading apostrophe —
 * but not plain numbers, which are written as numbers.
 */

export type CsvDecimal = 'comma' | 'point';

export interface CsvOptions {
  /** 'comma' (default, French Excel) or 'point' (tools, `?decimal=point`). */
  decimal?: CsvDecimal;
  /** Most decimals written for non-integers (default 6). */
  maxDecimals?: number;
}

export interface CsvColumn<Row> {
  /** French heading a user reads. */
  header: string;
  /** Stable machine name (snake_case, English or French), written as a second heading row on request. */
  key: string;
  value: (row: Row) => unknown;
}

export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\ufeff';
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
/** Plain numbers and lists of them ("-1.55,47.21" coordinates): no letter, no operator, never a formula. */
const NUMERIC = /^-?\d+([.,]\d+)?(,-?\d+([.,]\d+)?)*$/;

/** A number as text: decimal comma by default, at most `maxDecimals` decimals, no thousands separator, no exponent. */
export function formatCsvNumber(n: number, options: CsvOptions = {}): string {
  if (!Number.isFinite(n)) return '';
  const max = options.maxDecimals ?? 6;
  const factor = 10 ** max;
  const rounded = Math.round(n * factor) / factor;
  // toFixed writes 1e21 and beyond with an exponent: BigInt keeps every digit
  let s = Number.isInteger(rounded) ? (Math.abs(rounded) >= 1e21 ? BigInt(rounded).toString() : rounded.toFixed(0)) : rounded.toFixed(max).replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return options.decimal === 'point' ? s : s.replace('.', ',');
}

/** One cell: null/undefined → empty; numbers formatted; booleans oui/non; dates ISO; text quoted when needed and formula-neutralised. */
export function csvCell(v: unknown, options: CsvOptions = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatCsvNumber(v, options);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  let s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (FORMULA_START.test(s) && !NUMERIC.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row of cells joined by `;` (no line end). */
export function csvRow(values: readonly unknown[], options: CsvOptions = {}): string {
  return values.map((v) => csvCell(v, options)).join(CSV_SEPARATOR);
}

/** Provenance lines (`# …`), each line of text neutralised like a cell would not need: they start with '#'. */
export function provenanceCsvLines(lines: readonly string[]): string[] {
  return lines.map((l) => `# ${l.replace(/[\r\n]+/g, ' ')}`);
}

export interface CsvTableInput<Row> {
  provenance: readonly string[];
  columns: readonly CsvColumn<Row>[];
  rows: Iterable<Row>;
  /** Adds a second heading row of machine names (`?machineNames=1`). */
  machineNames?: boolean;
  options?: CsvOptions;
}

/** The lines of a table (provenance, French heading, optional machine-name heading, rows), to stream or join. */
export function* csvLines<Row>(input: CsvTableInput<Row>): Generator<string> {
  const o = input.options ?? {};
  yield* provenanceCsvLines(input.provenance);
  yield csvRow(input.columns.map((c) => c.header), o);
  if (input.machineNames) yield csvRow(input.columns.map((c) => c.key), o);
  for (const row of input.rows) yield csvRow(input.columns.map((c) => c.value(row)), o);
}

/** A whole CSV document as one string: BOM + lines joined by CRLF (for small exports; stream large ones with routes/csv.ts). */
export function csvDocument(lines: Iterable<string>): string {
  let out = CSV_BOM;
  for (const l of lines) out += l + CSV_EOL;
  return out;
}

/** Parses `?decimal=` (anything but 'point' is the French default). */
export const csvDecimalOf = (q: string | undefined | null): CsvDecimal => (q === 'point' ? 'point' : 'comma');
