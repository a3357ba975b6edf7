import Papa from 'papaparse';
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { decodeText, type TextEncoding } from './decode.js';
import { isXlsxZip, sniffBinary } from './sniff.js';
import { files, reasons } from '../../messages/imports.js';

export type FileFormat = 'csv' | 'xlsx' | 'geojson';

export interface ParsedTable {
  format: FileFormat;
  columns: string[];
  /** One record per data row; `__row` is the row number a user sees in the file (header = row 1). */
  rows: Record<string, unknown>[];
  encoding?: TextEncoding;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
  /** XLSX: data rows (below the header) per sheet, so a preview can point at the sheet that holds the data. */
  sheetRowCounts?: Record<string, number>;
}

export class FileFormatError extends Error {}

/** The file is not text at all (an image, an executable…): `looksLike` says what it seems to be. */
export class NotTextError extends FileFormatError {
  constructor(readonly looksLike: string) {
    super(files.notText(looksLike));
  }
}

function assertText(bytes: Uint8Array) {
  const looksLike = sniffBinary(bytes);
  if (looksLike) throw new NotTextError(looksLike);
}

export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (isXlsxZip(bytes)) return 'xlsx'; // an Excel workbook under another name
  return 'csv';
}

export async function parseTable(fileName: string, bytes: Uint8Array, options: { encoding?: TextEncoding; sheet?: string } = {}): Promise<ParsedTable> {
  const format = detectFormat(fileName, bytes);
  if (format === 'xlsx') return parseXlsx(bytes, options.sheet);
  assertText(bytes);
  if (format === 'geojson') return parseGeojson(bytes);
  return parseCsv(bytes, options.encoding);
}

export function parseCsv(bytes: Uint8Array, encoding?: TextEncoding): ParsedTable {
  const source = csvRows(bytes, encoding);
  const rows: Record<string, unknown>[] = [];
  for (const batch of source.batches(10_000)) rows.push(...batch);
  return { format: 'csv', columns: source.columns, rows, encoding: source.encoding, delimiter: source.delimiter };
}

/** A table read batch by batch: only one batch of row objects is alive at a time (constant memory in rows). */
export interface RowSource extends Omit<ParsedTable, 'rows'> {
  batches(size: number): Iterable<Record<string, unknown>[]> | AsyncIterable<Record<string, unknown>[]>;
}

/** Opens a file for a streaming import: CSV and XLSX are parsed as they are consumed; GeoJSON is read whole, then batched. */
export async function openRows(fileName: string, bytes: Uint8Array, options: { encoding?: TextEncoding; sheet?: string } = {}): Promise<RowSource> {
  const format = detectFormat(fileName, bytes);
  if (format === 'xlsx') return xlsxRows(bytes, options.sheet);
  assertText(bytes);
  if (format === 'csv') return csvRows(bytes, options.encoding);
  const { rows, ...meta } = await parseTable(fileName, bytes, options);
  return {
    ...meta,
    *batches(size) {
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    },
  };
}

/**
 * Streaming CSV: papaparse's step mode, paused every `size` rows, so a 100k-row file never becomes 100k objects.
 * Delimiter sniffed on the header line (the most frequent of ; , tab |). Row numbers are those a spreadsheet shows
 * (header = row 1; a quoted newline stays inside its row).
 */
export function csvRows(bytes: Uint8Array, encoding?: TextEncoding): Omit<RowSource, 'batches'> & { format: 'csv'; encoding: TextEncoding; delimiter: string; batches(size: number): Generator<Record<string, unknown>[]> } {
  const { text, encoding: used } = decodeText(bytes, encoding);
  const firstLine = text.slice(0, text.search(/\r?\n/) >>> 0 || text.length);
  const counts = [';', ',', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  const delimiter = counts[0][1] > 0 ? counts[0][0] : ',';
  const header = Papa.parse<string[]>(text, { delimiter, preview: 1, skipEmptyLines: 'greedy' }).data[0];
  if (!header || header.length === 0) throw new FileFormatError(files.empty);
  const columns = uniqueColumns(header);
  function* batches(size: number): Generator<Record<string, unknown>[]> {
    const queue: string[][] = [];
    let parser: Papa.Parser | null = null;
    let finished = false;
    let quoteError: Papa.ParseError | undefined;
    let index = -1; // -1: the header
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: 'greedy',
      step: (result, p) => {
        quoteError ??= result.errors.find((e) => e.type === 'Quotes');
        if (index++ >= 0) queue.push(result.data);
        if (queue.length >= size || quoteError) {
          parser = p;
          p.pause();
        }
      },
      complete: () => {
        finished = true;
      },
    });
    let row = 2;
    for (;;) {
      if (quoteError) throw new FileFormatError(files.badQuote(row + queue.length - 1));
      if (queue.length) {
        yield queue.splice(0).map((cells) => {
          const rec: Record<string, unknown> = { __row: row++ };
          columns.forEach((c, j) => (rec[c] = cells[j] ?? ''));
          return rec;
        });
      }
      if (finished) return;
      (parser as Papa.Parser | null)?.resume();
    }
  }
  return { format: 'csv', columns, encoding: used, delimiter, batches };
}

/** exceljs takes ≈ 0.3 s to load: only when an XLSX file comes. */
const loadExcelJS = async () => (await import('exceljs')).default;

async function parseXlsx(bytes: Uint8Array, sheetName?: string): Promise<ParsedTable> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new FileFormatError(files.notXlsx);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new FileFormatError(files.noSheet(sheetName!, sheets));
  const sheetRowCounts = Object.fromEntries(wb.worksheets.map((w) => [w.name, Math.max(0, w.actualRowCount - 1)]));
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = String(cellValue(cell.value) ?? '').trim()));
  const columns = uniqueColumns(header);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const rec: Record<string, unknown> = { __row: n };
    columns.forEach((c, j) => (rec[c] = cellValue(row.getCell(j + 1).value) ?? ''));
    rows.push(rec);
  });
  return { format: 'xlsx', columns, rows, sheet: ws.name, sheets, sheetRowCounts };
}

type SheetRow = { number: number; getCell(col: number): { value: ExcelJS.CellValue } };

/** Streaming XLSX (exceljs WorkbookReader): sheets before the chosen one are skipped row by row, never loaded. */
async function xlsxRows(bytes: Uint8Array, sheetName?: string): Promise<RowSource> {
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
  });
  const seen: string[] = [];
  let rows: AsyncIterator<SheetRow> | undefined;
  try {
    for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<SheetRow> & { name: string }>) {
      seen.push(ws.name);
      if (sheetName ? ws.name === sheetName : seen.length === 1) {
        rows = ws[Symbol.asyncIterator]();
        break;
      }
      for await (const _ of ws); // eslint-disable-line @typescript-eslint/no-unused-vars -- skip the sheet
    }
  } catch (e) {
    throw new FileFormatError(files.notXlsx);
  }
  if (!rows) throw new FileFormatError(files.noSheet(sheetName!, seen));
  const first = await rows.next();
  const header: string[] = [];
  if (!first.done && first.value.number === 1) {
    const values = (first.value as unknown as { values: ExcelJS.CellValue[] }).values;
    for (let col = 1; col < values.length; col++) header[col - 1] = String(cellValue(values[col]) ?? '').trim();
  }
  const columns = uniqueColumns(header);
  const pending = first.done || first.value.number === 1 ? [] : [first.value];
  return {
    format: 'xlsx',
    columns,
    sheet: sheetName ?? seen[0],
    async *batches(size) {
      let batch: Record<string, unknown>[] = [];
      const take = (row: SheetRow) => {
        const rec: Record<string, unknown> = { __row: row.number };
        columns.forEach((c, j) => (rec[c] = cellValue(row.getCell(j + 1).value) ?? ''));
        if (columns.some((c) => rec[c] !== '')) batch.push(rec);
      };
      pending.forEach(take);
      for (let next = await rows.next(); !next.done; next = await rows.next()) {
        take(next.value);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return (v as { result: unknown }).result;
    if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    if ('text' in v) return (v as { text: string }).text;
    return String(v);
  }
  return v;
}

function parseGeojson(bytes: Uint8Array): ParsedTable {
  let doc: GeoJSON.FeatureCollection;
  try {
    doc = JSON.parse(decodeText(bytes, 'utf-8').text) as GeoJSON.FeatureCollection;
  } catch (e) {
    throw new FileFormatError(files.notJson);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new FileFormatError(files.notFeatureCollection);
  const colSet = new Set<string>();
  for (const f of doc.features) for (const k of Object.keys(f.properties ?? {})) colSet.add(k);
  const columns = [...colSet, 'longitude', 'latitude'].filter((c, i, a) => a.indexOf(c) === i);
  const rows = doc.features.map((f, i) => {
    const rec: Record<string, unknown> = { __row: i + 1, ...(f.properties ?? {}) };
    if (f.geometry?.type === 'Point') {
      rec.longitude = f.geometry.coordinates[0];
      rec.latitude = f.geometry.coordinates[1];
    } else {
      rec.__geometryError = f.geometry ? reasons.geometryNotPoint(f.geometry.type) : reasons.noGeometry;
    }
    return rec;
  });
  return { format: 'geojson', columns, rows };
}

function uniqueColumns(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = (h ?? '').trim() || `column_${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}_${n + 1}` : base;
  });
}
