import Papa from 'papaparse';
import { stripAccents } from './names.js';
import type { FlowRow } from './flows.js';
import { flowImportText } from '../../messages/health.js';

/**
 * Parser of the ScanSanté / e-PMSI "origine des patients" layout: one row per establishment ×
 * year × patient code géographique with a number of stays. All-or-nothing: any bad row → no rows.
 */

export interface FlowImportRow extends FlowRow {
  year: number;
}

export interface FlowRowError {
  /** 1-based line of the file (the header is line 1). */
  row: number;
  field: string;
  reason: string;
}

/** The codes géo and FINESS numbers the database knows: a row naming another is refused (row report). */
export interface FlowReferences { zoneCodes: ReadonlySet<string>; finess: ReadonlySet<string> }

export type FlowImportResult = { ok: true; rows: FlowImportRow[]; maskedRowCount: number } | { ok: false; errors: FlowRowError[] };

const ALIASES: Record<'finess' | 'year' | 'zoneCode' | 'stays', string[]> = {
  finess: ['finess', 'finess et', 'finess ej', 'no finess', 'numero finess', 'etablissement'],
  year: ['annee', 'year', 'periode'],
  zoneCode: ['code geo', 'code geographique', 'code geographique pmsi', 'code_geo', 'codegeo', 'zone'],
  stays: ['sejours', 'nb sejours', 'nombre de sejours', 'nb_sejours', 'stays', 'effectif'],
};

const COLUMN_LABELS: Record<keyof typeof ALIASES, string> = { finess: 'FINESS', year: 'année', zoneCode: 'code géo', stays: 'séjours' };

const normHeader = (h: string) => stripAccents(h.replace(/^\uFEFF/, '')).toLowerCase().replace(/[_.]/g, ' ').replace(/\s+/g, ' ').trim();

/** Parses rows given as arrays of cells (header first): from papaparse (CSV) or exceljs (XLSX). */
export function parseFlowRows(table: string[][], known?: FlowReferences): FlowImportResult {
  const [header, ...lines] = table;
  if (!header) return { ok: false, errors: [{ row: 1, field: '(header)', reason: flowImportText.emptyFile }] };
  const heads = header.map((h) => normHeader(String(h ?? '')));
  const idx = {} as Record<keyof typeof ALIASES, number>;
  const errors: FlowRowError[] = [];
  for (const key of Object.keys(ALIASES) as (keyof typeof ALIASES)[]) {
    idx[key] = heads.findIndex((h) => ALIASES[key].includes(h));
    if (idx[key] < 0) errors.push({ row: 1, field: key, reason: flowImportText.noColumn(COLUMN_LABELS[key], ALIASES[key]) });
  }
  if (errors.length) return { ok: false, errors };
  const rows: FlowImportRow[] = [];
  let masked = 0;
  lines.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const get = (k: keyof typeof ALIASES) => String(cells[idx[k]] ?? '').trim();
    const finess = get('finess').toUpperCase();
    const year = get('year');
    const zone = get('zoneCode').toUpperCase();
    const staysRaw = get('stays').replace(/[\s\u00a0\u202f]/g, '');
    const before = errors.length;
    if (!/^[0-9][0-9AB][0-9]{7}$/.test(finess)) errors.push({ row, field: 'finess', reason: flowImportText.badFiness(finess) });
    if (!/^20\d\d$/.test(year)) errors.push({ row, field: 'year', reason: flowImportText.badYear(year) });
    if (!/^[0-9][0-9AB][0-9A-Z]{3}$/.test(zone)) errors.push({ row, field: 'zoneCode', reason: flowImportText.badZone(zone) });
    if (known && errors.length === before && !known.finess.has(finess)) errors.push({ row, field: 'finess', reason: flowImportText.unknownFiness(finess) });
    if (known && errors.length === before && !known.zoneCodes.has(zone)) errors.push({ row, field: 'zoneCode', reason: flowImportText.unknownZone(zone) });
    let stays = NaN;
    if (/^1à10$|^1a10$/i.test(staysRaw)) masked++;
    else if (/^\d+$/.test(staysRaw)) stays = Number(staysRaw);
    else errors.push({ row, field: 'stays', reason: flowImportText.badStays(get('stays')) });
    if (errors.length === before && Number.isFinite(stays)) rows.push({ finess, year: Number(year), zoneCode: zone, stays });
  });
  if (errors.length) return { ok: false, errors };
  if (!rows.length) return { ok: false, errors: [{ row: 2, field: '(rows)', reason: flowImportText.noRows }] };
  return { ok: true, rows, maskedRowCount: masked };
}

/** CSV text (comma or semicolon, BOM tolerated) → result. */
export function parseFlowCsv(text: string, known?: FlowReferences): FlowImportResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: '', skipEmptyLines: false });
  const table = parsed.data.filter((r, i) => !(i === parsed.data.length - 1 && r.length === 1 && r[0] === ''));
  return parseFlowRows(table, known);
}

/** XLSX bytes (first sheet) → result; cells are read as text so "1 à 10" and codes like "01000" survive. */
export async function parseFlowXlsx(bytes: Uint8Array, known?: FlowReferences): Promise<FlowImportResult> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, errors: [{ row: 1, field: '(file)', reason: flowImportText.badWorkbook }] };
  }
  const ws = wb.worksheets[0];
  const table: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cell.text ?? '';
    });
    table[n - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return parseFlowRows(table, known);
}
