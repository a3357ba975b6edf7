/**
 * Age bands per commune. INSEE publishes no commune-level age file we hold, so a commune's bands are
 * ESTIMATED: the age shares of the finest area that contains it (bassin de vie 2022, else arrondissement
 * 2024, else département) × the commune's own 2021 population. Pure.
 */
export const AGE_BANDS = ['0-14', '15-29', '30-44', '45-59', '60-74', '75-89', '90+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type AgeSourceLevel = 'bassin_de_vie' | 'arrondissement' | 'departement';

/** Columns of pop-age-2021-bv2022.csv / pop-age-2021-arr2024.csv, in AGE_BANDS order. */
const AREA_COLUMNS = ['pop_0014', 'pop_1529', 'pop_3044', 'pop_4559', 'pop_6074', 'pop_7589', 'pop_90p'];
/** Quinquennial columns of the département estimates regrouped into AGE_BANDS. */
const QUINQUENNIAL: string[][] = [
  ['age_00_04', 'age_05_09', 'age_10_14'], ['age_15_19', 'age_20_24', 'age_25_29'], ['age_30_34', 'age_35_39', 'age_40_44'],
  ['age_45_49', 'age_50_54', 'age_55_59'], ['age_60_64', 'age_65_69', 'age_70_74'], ['age_75_79', 'age_80_84', 'age_85_89'],
];

const value = (s: string | undefined): number => {
  const n = Number((s ?? '').trim());
  if ((s ?? '').trim() === '' || !Number.isFinite(n)) throw new Error(`valeur d'âge illisible : « ${s} »`);
  return n;
};

/** Band counts of a bassin de vie / arrondissement row. */
export function bandsFromAreaRow(row: Record<string, string>): number[] {
  return AREA_COLUMNS.map((c) => value(row[c]));
}

/** Band counts of a département estimate row (quinquennial ages regrouped; 90+ = 90–94 + 95+, or 90p). */
export function bandsFromQuinquennialRow(row: Record<string, string>): number[] {
  const bands = QUINQUENNIAL.map((cols) => cols.reduce((a, c) => a + value(row[c]), 0));
  const ninety = (row.age_90p ?? '').trim() !== '' ? value(row.age_90p) : value(row.age_90_94) + value(row.age_95p);
  return [...bands, ninety];
}

/** Shares (summing to 1) of band counts; null when the area has no population. */
export function bandShares(counts: number[]): number[] | null {
  const total = counts.reduce((a, v) => a + v, 0);
  return total > 0 ? counts.map((v) => v / total) : null;
}

/** The commune's estimated bands: area shares × its population (sums to the population exactly, up to float rounding). */
export function estimateCommuneBands(shares: number[], population: number): { band: AgeBand; populationCount: number }[] {
  return AGE_BANDS.map((band, i) => ({ band, populationCount: shares[i] * population }));
}

export interface AgeAreas {
  bassinDeVie: Map<string, number[]>;
  arrondissement: Map<string, number[]>;
  departement: Map<string, number[]>;
}

/** Picks the finest area with shares for a commune: BV, else arrondissement, else département. */
export function pickAgeShares(areas: AgeAreas, keys: { bv: string | null; arr: string | null; dep: string }): { shares: number[]; level: AgeSourceLevel } | null {
  const tries: [AgeSourceLevel, Map<string, number[]>, string | null][] = [
    ['bassin_de_vie', areas.bassinDeVie, keys.bv], ['arrondissement', areas.arrondissement, keys.arr], ['departement', areas.departement, keys.dep],
  ];
  for (const [level, map, key] of tries) {
    const counts = key ? map.get(key) : undefined;
    const shares = counts ? bandShares(counts) : null;
    if (shares) return { shares, level };
  }
  return null;
}
