/**
 * Parsing of the INSEE commune files (comparateur de territoires 2021, Filosofi 2021), both in COG 2024.
 * Pure: takes the CSV records (header → string), returns typed figures. NULL means "no value", never 0.
 */

/** Comparateur de territoires counts of one COG 2024 commune or municipal arrondissement. */
export interface ComparateurCounts {
  population2021: number | null;
  population2015: number | null;
  households2021: number | null;
  births2022: number | null;
  deaths2022: number | null;
  pop15642021: number | null;
  active15642021: number | null;
  unemployed15642021: number | null;
}
export const COMPARATEUR_FIELDS: Record<keyof ComparateurCounts, string> = {
  population2021: 'population_2021', population2015: 'population_2015', households2021: 'menages_2021',
  births2022: 'naissances_2022', deaths2022: 'deces_2022', pop15642021: 'pop_15_64_totale_2021',
  active15642021: 'pop_15_64_active_2021', unemployed15642021: 'pop_15_64_chomage_2021',
};
/** Census (RP) fields: Mayotte's are published as 0 in the comparateur file although they are unknown. */
const CENSUS_FIELDS: (keyof ComparateurCounts)[] = ['population2021', 'population2015', 'households2021', 'pop15642021', 'active15642021', 'unemployed15642021'];

export interface ComparateurEntry { code: string; type: 'COM' | 'ARM'; departementCode: string; counts: ComparateurCounts; censusMissing: boolean }

export interface ComparateurParse {
  entries: Map<string, ComparateurEntry>;
  /** Rows dropped as repeats of the same (insee_com, commune_type): one row per postcode in the source. */
  duplicateRows: number;
  /** Communes déléguées (COMD) rows: they repeat their parent's figures. */
  delegatedRowsSkipped: number;
  /** Codes whose census figures are blanked (Mayotte: 0 in the file means "not available"). */
  censusMissingCodes: string[];
}

const num = (s: string | undefined): number | null => {
  const t = (s ?? '').trim();
  if (t === '' || t === 's') return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

/** Deduplicates on (insee_com, commune_type), skips COMD, blanks Mayotte's census zeros. */
export function parseComparateur(rows: Record<string, string>[]): ComparateurParse {
  const entries = new Map<string, ComparateurEntry>();
  const seen = new Set<string>();
  let duplicateRows = 0;
  let delegatedRowsSkipped = 0;
  const censusMissingCodes: string[] = [];
  for (const r of rows) {
    const type = r.commune_type;
    if (type === 'COMD') { delegatedRowsSkipped++; continue; }
    if (type !== 'COM' && type !== 'ARM') continue;
    const key = `${r.insee_com}|${type}`;
    if (seen.has(key)) { duplicateRows++; continue; }
    seen.add(key);
    const counts = {} as ComparateurCounts;
    for (const [field, column] of Object.entries(COMPARATEUR_FIELDS)) counts[field as keyof ComparateurCounts] = num(r[column]);
    const censusMissing = r.insee_dep === '976';
    if (censusMissing) {
      for (const f of CENSUS_FIELDS) counts[f] = null;
      censusMissingCodes.push(r.insee_com);
    }
    entries.set(r.insee_com, { code: r.insee_com, type, departementCode: r.insee_dep, counts, censusMissing });
  }
  return { entries, duplicateRows, delegatedRowsSkipped, censusMissingCodes };
}

/** Filosofi 2021 cells of one COG 2024 commune; null = statistical secret (`s`). */
export interface FilosofiCells {
  fiscalHouseholds2021: number | null;
  fiscalPersons2021: number | null;
  medianIncomeEur2021: number | null;
  povertyRatePct2021: number | null;
  d1Eur2021: number | null;
  d9Eur2021: number | null;
}

/** Parses Filosofi rows (`;`-separated, decimal comma, `s` = secret); municipal arrondissements are returned apart. */
export function parseFilosofi(rows: Record<string, string>[], isArrondissement: (code: string) => boolean): { communes: Map<string, FilosofiCells>; arrondissements: Map<string, FilosofiCells> } {
  const communes = new Map<string, FilosofiCells>();
  const arrondissements = new Map<string, FilosofiCells>();
  for (const r of rows) {
    const cells: FilosofiCells = {
      fiscalHouseholds2021: num(r.NBMENFISC21), fiscalPersons2021: num(r.NBPERSMENFISC21), medianIncomeEur2021: num(r.MED21),
      povertyRatePct2021: num(r.TP6021), d1Eur2021: num(r.D121), d9Eur2021: num(r.D921),
    };
    (isArrondissement(r.CODGEO) ? arrondissements : communes).set(r.CODGEO, cells);
  }
  return { communes, arrondissements };
}
