/**
 * Re-keys COG 2024 commune figures onto COG 2026 communes. Pure.
 * Counts of merged communes are summed (NULL as soon as one part has none: an incomplete sum would be
 * read as a true figure); rates are recomputed from the summed numerators / denominators; medians and
 * deciles cannot be summed and become the fiscal-population-weighted mean of the parts, flagged approximate.
 */
import type { ComparateurCounts, FilosofiCells } from './insee-parse.js';

export interface CogGrouping {
  /** COG 2026 code → the COG 2024 source codes that make it up. */
  groups: Map<string, string[]>;
  /** Source codes that map to no COG 2026 commune. */
  unmatched: string[];
}

/**
 * Groups source codes by their COG 2026 commune. `resolve` maps a code to current code(s); a code that
 * resolves to several communes (a split) or whose commune is in `excluded` is left out of every group.
 */
export function groupOntoCog(codes: Iterable<string>, resolve: (code: string) => string[], excluded: ReadonlySet<string> = new Set()): CogGrouping {
  const groups = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const code of codes) {
    const targets = resolve(code);
    if (targets.length !== 1) { unmatched.push(code); continue; }
    if (excluded.has(targets[0])) continue;
    const list = groups.get(targets[0]) ?? [];
    list.push(code);
    groups.set(targets[0], list);
  }
  for (const list of groups.values()) list.sort();
  return { groups, unmatched: unmatched.sort() };
}

const sumAll = (values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v as number), 0);

/** Sums each count over the parts; a count missing in any part is NULL for the whole. */
export function combineComparateur(parts: ComparateurCounts[]): ComparateurCounts {
  const out = {} as ComparateurCounts;
  for (const key of Object.keys(parts[0]) as (keyof ComparateurCounts)[]) out[key] = sumAll(parts.map((p) => p[key]));
  return out;
}

/** Unemployment rate (%) of the 15–64 from counts: recomputed, never averaged. */
export function unemploymentRatePct(c: Pick<ComparateurCounts, 'active15642021' | 'unemployed15642021'>): number | null {
  if (c.active15642021 === null || c.unemployed15642021 === null || c.active15642021 <= 0) return null;
  return (100 * c.unemployed15642021) / c.active15642021;
}

export interface CombinedFilosofi extends FilosofiCells {
  status: 'ok' | 'secret';
  medianApproximate: boolean;
}

/**
 * Combines the Filosofi cells of the parts of one COG 2026 commune. Household and person counts are
 * summed; the poverty rate is recomputed as Σ(rate × persons) / Σ persons (exact); the median and the
 * deciles are weighted by fiscal persons (approximate when there are several parts). Any secret part
 * makes the combined cell NULL. Status 'secret' when the median is NULL.
 */
export function combineFilosofi(parts: FilosofiCells[]): CombinedFilosofi {
  if (parts.length === 1) {
    const p = parts[0];
    return { ...p, status: p.medianIncomeEur2021 === null ? 'secret' : 'ok', medianApproximate: false };
  }
  const persons = parts.map((p) => p.fiscalPersons2021);
  const totalPersons = sumAll(persons);
  const weighted = (key: keyof FilosofiCells): number | null => {
    if (totalPersons === null || totalPersons <= 0) return null;
    const values = parts.map((p) => p[key]);
    if (values.some((v) => v === null)) return null;
    return values.reduce<number>((a, v, i) => a + (v as number) * (persons[i] as number), 0) / totalPersons;
  };
  const median = weighted('medianIncomeEur2021');
  return {
    fiscalHouseholds2021: sumAll(parts.map((p) => p.fiscalHouseholds2021)),
    fiscalPersons2021: totalPersons,
    medianIncomeEur2021: median,
    povertyRatePct2021: weighted('povertyRatePct2021'),
    d1Eur2021: weighted('d1Eur2021'),
    d9Eur2021: weighted('d9Eur2021'),
    status: median === null ? 'secret' : 'ok',
    medianApproximate: true,
  };
}
