import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import { parseTable, openRows, FileFormatError, NotTextError, type ParsedTable, type RowSource } from '../domain/imports/parse.js';
import { checkMapping, createRowValidator, suggestMapping, type AcceptedRow, type ColumnMapping, type RejectedRow } from '../domain/imports/pipeline.js';
import { suggestMeasures } from '../domain/imports/suggest.js';
import { files, mapping as mappingText, outcomes, preview as previewText } from '../messages/imports.js';
import type { GeocodeReference } from '../domain/imports/geocode.js';
import type { TextEncoding } from '../domain/imports/decode.js';
import { BATCH, loadGeocodeReference, replaceLayer, type LayerInput } from '../repositories/layers.js';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 500_000;

const references = new WeakMap<Database, Promise<GeocodeReference>>();
export function geocodeReference(database: Database): Promise<GeocodeReference> {
  let ref = references.get(database);
  if (!ref) {
    ref = loadGeocodeReference(database.db);
    references.set(database, ref);
  }
  return ref;
}

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  encoding?: TextEncoding;
  sheet?: string;
}

/** What to do with a file that has some bad rows: keep the valid ones (default) or store nothing. */
export type OnRowError = 'keep' | 'abort';

/** A file problem as the API answers it (400), in French; a non-text file says what it looks like. */
function invalidFile(fileName: string, e: unknown): ApiError {
  if (e instanceof NotTextError) return new ApiError(400, 'IMPORT_INVALID_FILE', e.message, { looksLike: e.looksLike });
  if (e instanceof ApiError) return e;
  return new ApiError(400, 'IMPORT_INVALID_FILE', files.inFile(fileName, (e as Error).message));
}

/**
 * Reads a whole file for its preview. An XLSX sheet without data rows is not an error here: the preview
 * lists the sheets so the user can pick the one with the data.
 */
export async function readImportFile(file: ImportFile, limits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS }): Promise<ParsedTable> {
  if (file.bytes.length > limits.maxBytes) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', files.tooLargeBytes(file.fileName, file.bytes.length, limits.maxBytes));
  }
  let table: ParsedTable;
  try {
    table = await parseTable(file.fileName, file.bytes, { encoding: file.encoding, sheet: file.sheet });
  } catch (e) {
    if (e instanceof Error) throw invalidFile(file.fileName, e);
    throw e;
  }
  if (table.rows.length > limits.maxRows) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', files.tooManyRows(file.fileName, limits.maxRows));
  const otherSheets = (table.sheets ?? []).filter((s) => s !== table.sheet);
  if (table.rows.length === 0 && !otherSheets.length) throw new ApiError(400, 'IMPORT_INVALID_FILE', files.headerOnly(file.fileName));
  return table;
}

export function previewImport(file: ImportFile, table: ParsedTable) {
  const suggestedMapping = suggestMapping(table.columns);
  const notices: string[] = [];
  if (table.rows.length === 0 && table.sheet) {
    const best = Object.entries(table.sheetRowCounts ?? {}).filter(([name, n]) => name !== table.sheet && n > 0).sort((a, b) => b[1] - a[1])[0];
    notices.push(previewText.sheetWithoutData(table.sheet, best ? { name: best[0], rowCount: best[1] } : null));
  } else if (!Object.values(suggestedMapping).some(Boolean)) {
    notices.push(previewText.noColumnRecognised);
  }
  return {
    fileName: file.fileName,
    format: table.format,
    encoding: table.encoding ?? null,
    delimiter: table.delimiter ?? null,
    sheet: table.sheet ?? null,
    sheets: table.sheets ?? null,
    columns: table.columns,
    rowCount: table.rows.length,
    rows: table.rows.slice(0, 20).map(({ __row, ...rest }) => ({ row: __row as number, values: rest })),
    suggestedMapping,
    suggestedMeasures: suggestMeasures(table.columns, table.rows, Object.values(suggestedMapping).filter((v): v is string => typeof v === 'string')),
    notices,
  };
}

export interface ImportRequest extends ImportFile {
  mapping: ColumnMapping;
  layer: Omit<LayerInput, 'measures' | 'provenance'>;
  user?: string;
  /** 'keep' (default): store the valid rows, report the others; 'abort': store nothing if any row is rejected. */
  onRowError?: OnRowError;
}

export interface ReportLine {
  row: number;
  key: string | null;
  field: string;
  reason: string;
}

/**
 * Streaming import: the file is read batch by batch (CSV parsed as it goes), each batch validated and located
 * (pure) and inserted, all inside ONE transaction that replaces the layer's rows; memory holds one batch of rows,
 * the keys seen (duplicate report), the rejects and the warnings. Any failure — a row over the cap included —
 * rolls it all back. An import that would keep no row (or, with onRowError=abort, that rejects any row) is
 * rolled back too and answers 422 with the report: an existing layer stays exactly as it was.
 */
export async function importLayer(
  database: Database,
  request: ImportRequest,
  afterBatch?: (n: number) => void | Promise<void>,
  limits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS },
) {
  if (request.bytes.length > limits.maxBytes) await readImportFile(request, limits); // throws the 413
  const onRowError = request.onRowError ?? 'keep';
  let source: RowSource;
  try {
    source = await openRows(request.fileName, request.bytes, { encoding: request.encoding, sheet: request.sheet });
  } catch (e) {
    if (e instanceof Error) throw invalidFile(request.fileName, e);
    throw e;
  }
  const problems = checkMapping(request.mapping, source.columns);
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', mappingText.invalid(problems), problems);
  const validator = createRowValidator(request.mapping, await geocodeReference(database));
  const measures = request.mapping.measures.map((m) => ({ name: m.name ?? m.column, unit: m.unit, type: m.type }));
  const provenance = {
    fileName: request.fileName,
    sha256: createHash('sha256').update(request.bytes).digest('hex'),
    sizeBytes: request.bytes.length,
    format: source.format,
    encoding: source.encoding ?? null,
    delimiter: source.delimiter ?? null,
    sheet: source.sheet ?? null,
    mapping: request.mapping,
    onRowError,
    user: request.user ?? 'utilisateur local',
    importedAt: new Date().toISOString(),
    rowsRead: 0,
  };
  const rejected: RejectedRow[] = [];
  const byPrecision: Record<string, number> = {};
  const byLocatedVia: Record<string, number> = {};
  async function* acceptedBatches() {
    try {
      for await (const rows of source.batches(BATCH)) {
        provenance.rowsRead += rows.length;
        if (provenance.rowsRead > limits.maxRows) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', files.tooManyRows(request.fileName, limits.maxRows));
        const accepted: AcceptedRow[] = [];
        for (const rec of rows) {
          const r = validator.validate(rec);
          if ('errors' in r) rejected.push(r);
          else accepted.push(r);
        }
        yield accepted;
      }
    } catch (e) {
      if (e instanceof FileFormatError) throw invalidFile(request.fileName, e);
      throw e;
    }
    if (provenance.rowsRead === 0) throw new ApiError(400, 'IMPORT_INVALID_FILE', files.headerOnly(request.fileName));
  }
  const report = (valid: number, outside: RejectedRow[], warned: RejectedRow[], stored: boolean) => {
    const rejects = [...rejected, ...outside].sort((a, b) => a.row - b.row);
    const warnings: ReportLine[] = warned.flatMap((r) => r.errors.map((e) => ({ row: r.row, key: r.key, ...e })));
    return {
      stored,
      onRowError,
      rowsRead: provenance.rowsRead,
      /** Rows stored (0 when nothing was stored); `valid` says how many would have been. */
      imported: stored ? valid : 0,
      valid,
      rejected: rejects.length,
      warned: warned.length,
      byPrecision,
      byLocatedVia,
      duplicateKeys: validator.duplicateKeys(),
      rejects: rejects.slice(0, 500),
      warnings: warnings.slice(0, 500),
    };
  };
  const { layerId, imported, outside, warned } = await replaceLayer(
    database.db,
    { ...request.layer, measures, provenance },
    acceptedBatches(),
    rejected,
    async (n) => {
      await afterBatch?.(n);
    },
    (kept) => {
      for (const r of kept) {
        byPrecision[r.precision] = (byPrecision[r.precision] ?? 0) + 1;
        byLocatedVia[r.via] = (byLocatedVia[r.via] ?? 0) + 1;
      }
    },
    // Inside the transaction, before anything is committed: throwing here rolls the whole import back.
    (done) => {
      const rejectedCount = rejected.length + done.outside.length;
      if (done.imported === 0) {
        throw new ApiError(422, 'IMPORT_NO_VALID_ROW', outcomes.noValidRow(request.fileName, rejectedCount), { report: report(done.imported, done.outside, done.warned, false) });
      }
      if (onRowError === 'abort' && rejectedCount > 0) {
        throw new ApiError(422, 'IMPORT_INVALID_ROWS', outcomes.abortedOnRejects(request.fileName, rejectedCount), { report: report(done.imported, done.outside, done.warned, false) });
      }
    },
  );
  return { layerId, report: report(imported, outside, warned, true) };
}
