import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration after it lands; add a new dated one instead.
// INSEE statistics re-keyed onto COG 2026 communes (comparateur de territoires 2021, Filosofi 2021),
// estimated age bands per commune, and Eurostat NUTS-3 GDP / population per département.
// NULL always means "no value" (secret or missing), never 0.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE commune_insee (
      commune_code text PRIMARY KEY,
      population_2021 double precision,
      population_2015 double precision,
      households_2021 double precision,
      births_2022 double precision,
      deaths_2022 double precision,
      pop_15_64_2021 double precision,
      active_15_64_2021 double precision,
      unemployed_15_64_2021 double precision,
      fiscal_households_2021 double precision,
      fiscal_persons_2021 double precision,
      median_income_eur_2021 double precision,
      poverty_rate_pct_2021 double precision,
      d1_eur_2021 double precision,
      d9_eur_2021 double precision,
      median_approximate boolean NOT NULL DEFAULT false,
      comparateur_status text NOT NULL CHECK (comparateur_status IN ('ok', 'missing')),
      filosofi_status text NOT NULL CHECK (filosofi_status IN ('ok', 'secret', 'missing')),
      source_codes text
    )`.execute(db);
  await sql`
    CREATE TABLE commune_age_bands (
      commune_code text NOT NULL,
      band text NOT NULL CHECK (band IN ('0-14', '15-29', '30-44', '45-59', '60-74', '75-89', '90+')),
      population_count double precision NOT NULL,
      estimated boolean NOT NULL DEFAULT true,
      source_level text NOT NULL CHECK (source_level IN ('bassin_de_vie', 'arrondissement', 'departement')),
      PRIMARY KEY (commune_code, band)
    )`.execute(db);
  await sql`
    CREATE TABLE departement_economy (
      departement_code text NOT NULL,
      nuts_code text NOT NULL,
      nuts_version text NOT NULL,
      year integer NOT NULL,
      gdp_meur double precision,
      population_count double precision,
      gdp_per_inhabitant_eur double precision,
      PRIMARY KEY (departement_code, year)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['departement_economy', 'commune_age_bands', 'commune_insee']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
