import { parseNumber } from './values.js';

/** A numeric column the preview proposes as a measure, typed. */
export interface SuggestedMeasure {
  column: string;
  name: string;
  type: 'number';
  /** Whole numbers only in the file (counts, visits) or decimals (amounts, rates). */
  numberKind: 'integer' | 'decimal';
  /** A guess from the column's name ('€' for ca_…, chiffre…); '' when none. */
  unit: string;
}

/** Columns that hold numbers but are identifiers or places, never measures. */
const NOT_A_MEASURE = /(^|[_\s-])(id|ident|identifiant|code|cp|insee|siret|siren|finess|t[eé]l|phone|tel[eé]phone|zip|postal|lon|lng|long|longitude|lat|latitude|x|y|x_l93|y_l93|annee|ann[eé]e|year)([_\s-]|$)/i;

const UNIT_GUESSES: [RegExp, string][] = [
  [/(^|[_\s-])(ca|chiffre|ventes?|montant|prix|co[uû]t|budget|revenus?|marge|panier|eur|euros?|€)([_\s-]|$)|(eur|euros|€)$/i, '€'],
  [/(^|[_\s-])(pct|pourcent|pourcentage|taux|part|ratio)([_\s-]|$)|%$/i, '%'],
  [/(^|[_\s-])(surface|m2|m²)([_\s-]|$)/i, 'm²'],
  [/(^|[_\s-])(km|distance_km)([_\s-]|$)/i, 'km'],
  [/(^|[_\s-])(min|minutes|duree_min)([_\s-]|$)/i, 'min'],
];

/**
 * Proposes the numeric columns not mapped elsewhere as measures: a column is numeric when ≥ 80 % of its
 * non-empty values are numbers (a typo in one row must not hide the measure: that row is then rejected with
 * its reason). Values with a leading zero ("01234") are codes, not numbers. Pure.
 */
export function suggestMeasures(columns: string[], rows: Record<string, unknown>[], mapped: (string | undefined)[]): SuggestedMeasure[] {
  const used = new Set(mapped.filter(Boolean));
  const sample = rows.slice(0, 1000);
  const out: SuggestedMeasure[] = [];
  for (const column of columns) {
    if (used.has(column) || NOT_A_MEASURE.test(column)) continue;
    const filled = sample.map((r) => r[column]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
    if (!filled.length) continue;
    const numbers = filled.filter((v) => !/^0\d/.test(String(v).trim())).map(parseNumber).filter((n): n is number => n !== null && !Number.isNaN(n));
    if (numbers.length < 0.8 * filled.length) continue;
    const unit = UNIT_GUESSES.find(([re]) => re.test(column))?.[1] ?? '';
    out.push({ column, name: column, type: 'number', numberKind: numbers.every(Number.isInteger) ? 'integer' : 'decimal', unit });
  }
  return out;
}
