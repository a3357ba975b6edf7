import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import { parseTable, openRows, FileFormatError, type ParsedTable, type RowSource } from '../domain/imports/parse.js';
import { checkMapping, createRowValidator, suggestMapping, type AcceptedRow, type ColumnMapping, type RejectedRow } from '../domain/imports/pipeline.js';
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

export async function readImportFile(file: ImportFile, limits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS }): Promise<ParsedTable> {
  if (file.bytes.length > limits.maxBytes) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `${file.fileName} is ${(file.bytes.length / 1e6).toFixed(1)} MB; the limit is ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB per file: split it.`);
  }
  let table: ParsedTable;
  try {
    table = await parseTable(file.fileName, file.bytes, { encoding: file.encoding, sheet: file.sheet });
  } catch (e) {
    if (e instanceof FileFormatError || e instanceof Error) throw new ApiError(400, 'IMPORT_INVALID_FILE', `${file.fileName}: ${e.message}`);
    throw e;
  }
  if (table.rows.length > limits.maxRows) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `${file.fileName} has ${table.rows.length.toLocaleString('en')} rows; the limit is ${limits.maxRows.toLocaleString('en')} rows per import: split it.`);
  }
  if (table.rows.length === 0) throw new ApiError(400, 'IMPORT_INVALID_FILE', `${file.fileName} has a header but no data row.`);
  return table;
}

export function previewImport(file: ImportFile, table: ParsedTable) {
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
    suggestedMapping: suggestMapping(table.columns),
  };
}

export interface ImportRequest extends ImportFile {
  mapping: ColumnMapping;
  layer: Omit<LayerInput, 'measures' | 'provenance'>;
  user?: string;
}

/**
 * Streaming import: the file is read batch by batch (CSV parsed as it goes), each batch validated and located
 * (pure) and inserted, all inside ONE transaction that replaces the layer's rows; memory holds one batch of rows,
 * the keys seen (duplicate report) and the rejects. Any failure — a row over the cap included — rolls it all back.
 */
export async function importLayer(
  database: Database,
  request: ImportRequest,
  afterBatch?: (n: number) => void | Promise<void>,
  limits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS },
) {
  if (request.bytes.length > limits.maxBytes) await readImportFile(request, limits); // throws the 413
  let source: RowSource;
  try {
    source = await openRows(request.fileName, request.bytes, { encoding: request.encoding, sheet: request.sheet });
  } catch (e) {
    if (e instanceof Error) throw new ApiError(400, 'IMPORT_INVALID_FILE', `${request.fileName}: ${e.message}`);
    throw e;
  }
  const problems = checkMapping(request.mapping, source.columns);
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', `Column mapping: ${problems.join('; ')}`, problems);
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
        if (provenance.rowsRead > limits.maxRows) {
          throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `${request.fileName} has more than ${limits.maxRows.toLocaleString('en')} rows; the limit is ${limits.maxRows.toLocaleString('en')} rows per import: split it.`);
        }
        const accepted: AcceptedRow[] = [];
        for (const rec of rows) {
          const r = validator.validate(rec);
          if ('errors' in r) rejected.push(r);
          else accepted.push(r);
        }
        yield accepted;
      }
    } catch (e) {
      if (e instanceof FileFormatError) throw new ApiError(400, 'IMPORT_INVALID_FILE', `${request.fileName}: ${e.message}`);
      throw e;
    }
    if (provenance.rowsRead === 0) throw new ApiError(400, 'IMPORT_INVALID_FILE', `${request.fileName} has a header but no data row.`);
  }
  const { layerId, imported, outside } = await replaceLayer(
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
  );
  const rejects = [...rejected, ...outside].sort((a, b) => a.row - b.row);
  return {
    layerId,
    report: {
      rowsRead: provenance.rowsRead,
      imported,
      rejected: rejects.length,
      byPrecision,
      byLocatedVia,
      duplicateKeys: validator.duplicateKeys(),
      rejects: rejects.slice(0, 500),
    },
  };
}
