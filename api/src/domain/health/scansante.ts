import Papa from 'papaparse';
import { parseCount, parseFrenchNumber, parsePercentRatio, type CountRange } from './numbers.js';

/** public = public and ESPIC (Finess is the FINESS juridique, EJ); private = OQN clinics (Finess is the FINESS ET). */
export type HealthSector = 'public' | 'private';

export interface ScanSanteRow {
  year: number;
  sector: HealthSector;
  finess: string;
  finessKind: 'EJ' | 'ET';
  category: string | null;
  name: string | null;
  staysTotal: CountRange | null;
  staysFull: CountRange | null;
  staysPartial: CountRange | null;
  sessions: CountRange | null;
  maleRatio: number | null;
  meanAgeYears: number | null;
  meanLengthOfStayDays: number | null;
  deathRatio: number | null;
}

export interface ScanSanteParseResult {
  rows: ScanSanteRow[];
  errors: { row: number; field: string; reason: string }[];
  skipped: { row: number; reason: string }[];
}

const HEADER = [
  'Catégorie', 'Finess', 'Raison Sociale', 'Période', 'Nombre de séjoursséances total', 'Nombre de séjours en hospit complète',
  'Nombre de séjours en hospit partielle', 'Nombre de séances', 'Sexe ratio (% homme)', 'Age moyen', 'Durée moyenne de séjour', '% décès',
];

/** Parses one ScanSanté "activité MCO par établissement, tous séjours" CSV (BOM tolerated; row numbers are 1-based file lines). */
export function parseScanSante(text: string, year: number, sector: HealthSector): ScanSanteParseResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...lines] = parsed.data;
  const missing = HEADER.filter((h) => !header?.map((x) => x.trim()).includes(h));
  if (missing.length) throw new Error(`not a ScanSanté "tous séjours" file: missing columns ${missing.join(', ')}`);
  const col = (name: string) => header.map((x) => x.trim()).indexOf(name);
  const idx = HEADER.map(col);
  const out: ScanSanteParseResult = { rows: [], errors: [], skipped: [] };
  lines.forEach((cells, i) => {
    const rowNumber = i + 2;
    const get = (k: number) => (cells[idx[k]] ?? '').trim();
    const finess = get(1);
    if (!finess) {
      out.skipped.push({ row: rowNumber, reason: get(2) === 'Total' ? 'national total line' : 'no FINESS' });
      return;
    }
    if (!/^[0-9][0-9AB][0-9]{7}$/.test(finess)) {
      out.errors.push({ row: rowNumber, field: 'Finess', reason: `"${finess}" is not a 9-character FINESS number` });
      return;
    }
    try {
      out.rows.push({
        year,
        sector,
        finess,
        finessKind: sector === 'public' ? 'EJ' : 'ET',
        category: get(0) || null,
        name: get(2) || null,
        staysTotal: field('Nombre de séjoursséances total', () => parseCount(get(4))),
        staysFull: field('Nombre de séjours en hospit complète', () => parseCount(get(5))),
        staysPartial: field('Nombre de séjours en hospit partielle', () => parseCount(get(6))),
        sessions: field('Nombre de séances', () => parseCount(get(7))),
        maleRatio: field('Sexe ratio (% homme)', () => parsePercentRatio(get(8))),
        meanAgeYears: field('Age moyen', () => parseFrenchNumber(get(9))),
        meanLengthOfStayDays: field('Durée moyenne de séjour', () => parseFrenchNumber(get(10))),
        deathRatio: field('% décès', () => parsePercentRatio(get(11))),
      });
    } catch (e) {
      const err = e as FieldError;
      out.errors.push({ row: rowNumber, field: err.field, reason: err.message });
    }
  });
  return out;
}

class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function field<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new FieldError(name, (e as Error).message);
  }
}

export interface ActivityDuplicate {
  year: number;
  finess: string;
  names: (string | null)[];
  sameFigures: boolean;
}

const figures = (r: ScanSanteRow) => JSON.stringify([r.staysTotal, r.staysFull, r.staysPartial, r.sessions, r.maleRatio, r.meanAgeYears, r.meanLengthOfStayDays, r.deathRatio]);

/**
 * Some years list one FINESS twice under two names (e.g. Paris ESPIC hospitals 2018–2020): keeps the first
 * row of each (year, FINESS) and reports the duplicates, saying whether their figures agree.
 */
export function dedupeActivity(rows: ScanSanteRow[]): { rows: ScanSanteRow[]; duplicates: ActivityDuplicate[] } {
  const first = new Map<string, ScanSanteRow>();
  const duplicates: ActivityDuplicate[] = [];
  for (const r of rows) {
    const key = `${r.year}|${r.finess}`;
    const f = first.get(key);
    if (!f) first.set(key, r);
    else duplicates.push({ year: r.year, finess: r.finess, names: [f.name, r.name], sameFigures: figures(f) === figures(r) });
  }
  return { rows: [...first.values()], duplicates };
}
