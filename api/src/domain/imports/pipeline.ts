import { z } from 'zod';
import { geocodeRow, type GeocodeReference, type LocatedVia, type Precision } from './geocode.js';
import { normalizeCommuneCode, normalizePostcode, parseDate, parseNumber } from './values.js';
import { mapping as mappingText, reasons } from '../../messages/imports.js';

export const MeasureSchema = z.object({
  column: z.string().min(1),
  name: z.string().min(1).optional(),
  unit: z.string().optional(),
  type: z.enum(['number', 'category']).default('number'),
});

/** Which column holds what. Only `key` is required; location needs coordinates, X/Y, a commune code or a postcode. */
export const ColumnMappingSchema = z.object({
  key: z.string().min(1, mappingText.chooseKey),
  name: z.string().optional(),
  category: z.string().optional(),
  communeCode: z.string().optional(),
  postcode: z.string().optional(),
  city: z.string().optional(),
  lon: z.string().optional(),
  lat: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  date: z.string().optional(),
  measures: z.array(MeasureSchema).default([]),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export interface AcceptedRow {
  row: number;
  key: string;
  name: string | null;
  category: string | null;
  communeCode: string | null;
  lon: number;
  lat: number;
  precision: Precision;
  via: LocatedVia;
  measures: Record<string, number | string | null>;
  date: string | null;
  /** Kept, but flagged: the report shows these to the user (e.g. a commune code whose postcode says another commune). */
  warnings?: { field: string; reason: string }[];
}

export interface RejectedRow {
  row: number;
  key: string | null;
  errors: { field: string; reason: string }[];
}

export interface PipelineResult {
  accepted: AcceptedRow[];
  rejected: RejectedRow[];
  duplicateKeys: { key: string; rows: number[] }[];
}

/** Checks that every mapped column exists; returns messages (French) naming the missing ones. */
export function checkMapping(mapping: ColumnMapping, columns: string[]): string[] {
  const problems: string[] = [];
  const mapped: [string, string | undefined][] = [
    ['key', mapping.key], ['name', mapping.name], ['category', mapping.category], ['communeCode', mapping.communeCode],
    ['postcode', mapping.postcode], ['city', mapping.city], ['lon', mapping.lon], ['lat', mapping.lat], ['x', mapping.x], ['y', mapping.y], ['date', mapping.date],
    ...mapping.measures.map((m) => [mappingText.measureColumn(m.name ?? m.column), m.column] as [string, string]),
  ];
  for (const [what, col] of mapped) if (col && !columns.includes(col)) problems.push(mappingText.missingColumn(what, col, columns));
  if ((mapping.lon && !mapping.lat) || (!mapping.lon && mapping.lat)) problems.push(mappingText.lonLatPair);
  if ((mapping.x && !mapping.y) || (!mapping.x && mapping.y)) problems.push(mappingText.xyPair);
  if (!mapping.lon && !mapping.x && !mapping.communeCode && !mapping.postcode) problems.push(mappingText.noLocation);
  return problems;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  return s === '' ? null : s;
};

/** Validates and locates every row; pure. Duplicate keys: the first row wins, later ones are rejected. */
export function runPipeline(rows: Record<string, unknown>[], mapping: ColumnMapping, ref: GeocodeReference): PipelineResult {
  const validator = createRowValidator(mapping, ref);
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const rec of rows) {
    const r = validator.validate(rec);
    if ('errors' in r) rejected.push(r);
    else accepted.push(r);
  }
  return { accepted, rejected, duplicateKeys: validator.duplicateKeys() };
}

/**
 * The same validation one row at a time, for streaming imports: it keeps only the keys seen so far
 * (for the duplicate report), never the rows.
 */
export function createRowValidator(mapping: ColumnMapping, ref: GeocodeReference) {
  const firstRowOfKey = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  const duplicateKeys = () => [...duplicates.entries()].map(([key, rowsOfKey]) => ({ key, rows: rowsOfKey }));
  const validate = (rec: Record<string, unknown>): AcceptedRow | RejectedRow => {
    const row = Number(rec.__row);
    const errors: { field: string; reason: string }[] = [];
    const key = text(rec[mapping.key]);
    if (!key) errors.push({ field: mapping.key, reason: reasons.emptyKey });
    else if (firstRowOfKey.has(key)) {
      const first = firstRowOfKey.get(key)!;
      duplicates.set(key, [...(duplicates.get(key) ?? [first]), row]);
      errors.push({ field: mapping.key, reason: reasons.duplicateKey(key, first) });
    }
    if (rec.__geometryError) errors.push({ field: 'géométrie', reason: String(rec.__geometryError) });

    const measures: Record<string, number | string | null> = {};
    for (const m of mapping.measures) {
      const name = m.name ?? m.column;
      if (m.type === 'category') measures[name] = text(rec[m.column]);
      else {
        const n = parseNumber(rec[m.column]);
        if (Number.isNaN(n)) errors.push({ field: m.column, reason: reasons.notANumber(String(rec[m.column])) });
        else measures[name] = n;
      }
    }
    let date: string | null = null;
    if (mapping.date) {
      const d = parseDate(rec[mapping.date]);
      if (d === undefined) errors.push({ field: mapping.date, reason: reasons.notADate(String(rec[mapping.date])) });
      else date = d;
    }
    const num = (col?: string) => (col ? parseNumber(rec[col]) : null);
    const location = geocodeRow(
      {
        lon: num(mapping.lon), lat: num(mapping.lat), x: num(mapping.x), y: num(mapping.y),
        communeCode: mapping.communeCode ? normalizeCommuneCode(rec[mapping.communeCode]) : null,
        postcode: mapping.postcode ? normalizePostcode(rec[mapping.postcode]) : null,
        city: mapping.city ? text(rec[mapping.city]) : null,
        fields: { lon: mapping.lon, lat: mapping.lat, x: mapping.x, y: mapping.y, communeCode: mapping.communeCode, postcode: mapping.postcode, city: mapping.city },
      },
      ref,
    );
    if ('reason' in location) errors.push(location);
    if (errors.length || 'reason' in location) return { row, key, errors };
    firstRowOfKey.set(key!, row);
    return {
      row, key: key!, name: mapping.name ? text(rec[mapping.name]) : null, category: mapping.category ? text(rec[mapping.category]) : null,
      communeCode: location.communeCode, lon: location.lon, lat: location.lat, precision: location.precision, via: location.via, measures, date,
      ...(location.warnings ? { warnings: location.warnings } : {}),
    };
  };
  return { validate, duplicateKeys };
}

/** Best-guess mapping from header names (French and English CRM exports). */
export function suggestMapping(columns: string[]): Partial<ColumnMapping> {
  const find = (...patterns: RegExp[]) => columns.find((c) => patterns.some((p) => p.test(c.trim())));
  return {
    key: find(/^(id|identifiant|code[_ ]?client|client[_ ]?id|account[_ ]?id|finess|siret|key|cle)$/i, /\bid\b/i),
    name: find(/^(nom|name|raison[_ ]?sociale|libell[eé]|enseigne)$/i),
    category: find(/^(cat[eé]gorie|category|type|segment)$/i),
    communeCode: find(/^(code[_ ]?insee|insee|code[_ ]?commune|depcom|codgeo|com)$/i),
    postcode: find(/^(code[_ ]?postal|cp|postcode|zip)$/i),
    city: find(/^(ville|commune|city|localit[eé])$/i),
    lon: find(/^(lon|lng|long|longitude|x_wgs84)$/i),
    lat: find(/^(lat|latitude|y_wgs84)$/i),
    x: find(/^(x|x_l93|x_lambert93|coord_x)$/i),
    y: find(/^(y|y_l93|y_lambert93|coord_y)$/i),
    date: find(/^(date|date_.*|created_at)$/i),
  };
}
