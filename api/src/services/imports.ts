import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import { parseTable, FileFormatError, type ParsedTable } from '../domain/imports/parse.js';
import { checkMapping, runPipeline, suggestMapping, type ColumnMapping } from '../domain/imports/pipeline.js';
import type { GeocodeReference } from '../domain/imports/geocode.js';
import type { TextEncoding } from '../domain/imports/decode.js';
import { loadGeocodeReference, replaceLayer, type LayerInput } from '../repositories/layers.js';

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

/** Parse → validate and locate (pure) → one transaction replacing the layer's rows → report. */
export async function importLayer(database: Database, request: ImportRequest, afterBatch?: (n: number) => void | Promise<void>) {
  const table = await readImportFile(request);
  const problems = checkMapping(request.mapping, table.columns);
  if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', `Column mapping: ${problems.join('; ')}`, problems);
  const ref = await geocodeReference(database);
  const result = runPipeline(table.rows, request.mapping, ref);
  const measures = request.mapping.measures.map((m) => ({ name: m.name ?? m.column, unit: m.unit, type: m.type }));
  const provenance = {
    fileName: request.fileName,
    sha256: createHash('sha256').update(request.bytes).digest('hex'),
    sizeBytes: request.bytes.length,
    format: table.format,
    encoding: table.encoding ?? null,
    delimiter: table.delimiter ?? null,
    sheet: table.sheet ?? null,
    mapping: request.mapping,
    user: request.user ?? 'utilisateur local',
    importedAt: new Date().toISOString(),
    rowsRead: table.rows.length,
  };
  const { layerId, imported, outside } = await replaceLayer(database.db, { ...request.layer, measures, provenance }, result.accepted, result.rejected, afterBatch);
  const kept = result.accepted.filter((r) => !outside.some((o) => o.row === r.row));
  const countBy = (f: (r: (typeof kept)[number]) => string) => kept.reduce<Record<string, number>>((acc, r) => ((acc[f(r)] = (acc[f(r)] ?? 0) + 1), acc), {});
  const rejects = [...result.rejected, ...outside].sort((a, b) => a.row - b.row);
  return {
    layerId,
    report: {
      rowsRead: table.rows.length,
      imported,
      rejected: rejects.length,
      byPrecision: countBy((r) => r.precision),
      byLocatedVia: countBy((r) => r.via),
      duplicateKeys: result.duplicateKeys,
      rejects: rejects.slice(0, 500),
    },
  };
}
