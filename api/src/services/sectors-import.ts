/**
 * A sector plan from a CSV `commune ; secteur` (optional `commercial`): every row is checked first — commune
 * unknown, commune given twice, empty cell — and any row in error → 422 IMPORT_INVALID_ROWS with the row report
 * (French reasons, 1-based file lines) and nothing stored. Sectors are the distinct values of `secteur`, in order.
 */
import { ApiError } from '../errors.js';
import type { Database } from '../db/database.js';
import { communeFacts } from '../repositories/sectors.js';
import { sectorsApiText as t } from '../messages/sectors-api.js';
import type { PlanState } from './sectors-kpis.js';

export interface RowError { row: number; field: string; value: string; reason: string }

const norm = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const COMMUNE = ['commune', 'code_commune', 'code commune', 'code_insee', 'insee', 'codgeo'];
const SECTOR = ['secteur', 'sector', 'nom_secteur'];
const OWNER = ['commercial', 'owner', 'responsable'];

function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) { if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch; } else if (ch === '"') quoted = true; else if (ch === sep) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim());
}

/** Parses and checks the file; returns the plan state or throws the row report. */
export async function planStateFromCsv(database: Database, text: string): Promise<PlanState> {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() && !l.startsWith('#'));
  if (first < 0) throw new ApiError(400, 'IMPORT_INVALID_FILE', t.csvEmpty);
  const sep = lines[first].includes(';') ? ';' : lines[first].includes('\t') ? '\t' : ',';
  const header = splitLine(lines[first], sep).map(norm);
  const ci = header.findIndex((h) => COMMUNE.includes(h));
  const si = header.findIndex((h) => SECTOR.includes(h));
  const oi = header.findIndex((h) => OWNER.includes(h));
  if (ci < 0 || si < 0) throw new ApiError(400, 'IMPORT_INVALID_FILE', t.csvHeader, { header });
  const rows: { row: number; code: string; sector: string; owner: string }[] = [];
  const errors: RowError[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    if (!lines[i].trim() || lines[i].startsWith('#')) continue;
    const cells = splitLine(lines[i], sep);
    const row = i + 1;
    const code = (cells[ci] ?? '').toUpperCase();
    const sector = cells[si] ?? '';
    if (!code) { errors.push({ row, field: 'commune', value: '', reason: t.rowMissing('commune') }); continue; }
    if (!sector) { errors.push({ row, field: 'secteur', value: '', reason: t.rowMissing('secteur') }); continue; }
    rows.push({ row, code: /^\d{4}$/.test(code) ? `0${code}` : code, sector, owner: oi >= 0 ? cells[oi] ?? '' : '' });
  }
  if (!rows.length && !errors.length) throw new ApiError(400, 'IMPORT_INVALID_FILE', t.csvEmpty);
  const known = new Set((await communeFacts(database.db, [...new Set(rows.map((r) => r.code))])).map((f) => f.code));
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    if (!known.has(r.code)) errors.push({ row: r.row, field: 'commune', value: r.code, reason: t.rowUnknownCommune(r.code) });
    else if (firstRow.has(r.code)) errors.push({ row: r.row, field: 'commune', value: r.code, reason: t.rowDuplicateCommune(r.code, firstRow.get(r.code)!) });
    else firstRow.set(r.code, r.row);
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new ApiError(422, 'IMPORT_INVALID_ROWS', t.csvRowsInvalid(new Set(errors.map((e) => e.row)).size), { rows: errors, rowCount: rows.length + errors.filter((e) => e.field !== 'commune' || !e.value).length });
  }
  const sectors = new Map<string, PlanState['sectors'][number]>();
  for (const r of rows) {
    if (!sectors.has(r.sector)) sectors.set(r.sector, { key: r.sector, name: r.sector, owner: r.owner || null, colour: null, baseLon: null, baseLat: null, baseCommuneCode: null, locked: false });
  }
  return { sectors: [...sectors.values()], assignments: rows.map((r) => ({ communeCode: r.code, sectorKey: r.sector, locked: false })) };
}
