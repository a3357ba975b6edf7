import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { InseeTables } from '../db/schema-insee.js';
import type { AgeBand, AgeSourceLevel } from '../domain/territory/insee-age.js';

/** One COG 2026 commune's INSEE figures (the table's columns, see db/schema-insee.ts). null = no value (secret or missing), never 0. */
export type CommuneInseeRow = InseeTables['communeInsee'];

export interface AgeBandRow {
  band: AgeBand;
  populationCount: number;
  estimated: boolean;
  sourceLevel: AgeSourceLevel;
}

export interface DepartementEconomyRow {
  departementCode: string;
  nutsCode: string;
  nutsVersion: string;
  year: number;
  gdpMeur: number | null;
  populationCount: number | null;
  gdpPerInhabitantEur: number | null;
}

const codeFilter = (column: string, codes: string[] | null) =>
  codes === null ? sql`true` : sql`${sql.ref(column)} = ANY(${codes}::text[])`;

/** INSEE figures per commune (all communes when `codes` is null). Communes without a row are absent from the map. */
export async function inseeByCommunes(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, CommuneInseeRow>> {
  if (codes !== null && codes.length === 0) return new Map();
  const r = await sql<CommuneInseeRow>`
    SELECT commune_code AS "communeCode",
           population_2021 AS "population2021", population_2015 AS "population2015", households_2021 AS "households2021",
           births_2022 AS "births2022", deaths_2022 AS "deaths2022", pop_15_64_2021 AS "pop15642021",
           active_15_64_2021 AS "active15642021", unemployed_15_64_2021 AS "unemployed15642021",
           fiscal_households_2021 AS "fiscalHouseholds2021", fiscal_persons_2021 AS "fiscalPersons2021",
           median_income_eur_2021 AS "medianIncomeEur2021", poverty_rate_pct_2021 AS "povertyRatePct2021",
           d1_eur_2021 AS "d1Eur2021", d9_eur_2021 AS "d9Eur2021", median_approximate AS "medianApproximate",
           comparateur_status AS "comparateurStatus", filosofi_status AS "filosofiStatus", source_codes AS "sourceCodes"
    FROM commune_insee WHERE ${codeFilter('commune_code', codes)}`.execute(db);
  return new Map(r.rows.map((row) => [row.communeCode, row]));
}

/** Estimated age bands per commune, in band order (all communes when `codes` is null). */
export async function ageBandsByCommunes(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, AgeBandRow[]>> {
  const out = new Map<string, AgeBandRow[]>();
  if (codes !== null && codes.length === 0) return out;
  const r = await sql<AgeBandRow & { communeCode: string }>`
    SELECT commune_code AS "communeCode", band, population_count AS "populationCount", estimated, source_level AS "sourceLevel"
    FROM commune_age_bands WHERE ${codeFilter('commune_code', codes)}
    ORDER BY commune_code, CASE band WHEN '0-14' THEN 0 WHEN '15-29' THEN 1 WHEN '30-44' THEN 2 WHEN '45-59' THEN 3
                                     WHEN '60-74' THEN 4 WHEN '75-89' THEN 5 ELSE 6 END`.execute(db);
  for (const { communeCode, ...band } of r.rows) {
    const list = out.get(communeCode) ?? [];
    list.push(band);
    out.set(communeCode, list);
  }
  return out;
}

/** Eurostat GDP and population per département; `year` omitted → every year held (2015–2020). */
export async function departementEconomy(db: Kysely<DB>, codes: string[], year?: number): Promise<DepartementEconomyRow[]> {
  if (codes.length === 0) return [];
  const r = await sql<DepartementEconomyRow>`
    SELECT departement_code AS "departementCode", nuts_code AS "nutsCode", nuts_version AS "nutsVersion", year,
           gdp_meur AS "gdpMeur", population_count AS "populationCount", gdp_per_inhabitant_eur AS "gdpPerInhabitantEur"
    FROM departement_economy
    WHERE departement_code = ANY(${codes}::text[]) ${year === undefined ? sql`` : sql`AND year = ${year}`}
    ORDER BY departement_code, year`.execute(db);
  return r.rows;
}
