import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sql, type Kysely } from 'kysely';
import { DATA_DIR } from '../../paths.js';
import type { DB } from '../schema.js';
import type { Seeder } from './types.js';
import { AGE_BANDS } from '../../domain/territory/insee-age.js';

const dataDir = join(DATA_DIR, 'insee') + '/';
const FILES = ['commune-insee-2021.csv.gz', 'commune-age-bands-2021.csv.gz', 'departement-economy-2015-2020.csv.gz'];
const AGE_COLUMNS = ['b0_14', 'b15_29', 'b30_44', 'b45_59', 'b60_74', 'b75_89', 'b90p'];
const BATCH = 5000;

const csv = (file: string) =>
  Papa.parse<Record<string, string>>(gunzipSync(readFileSync(dataDir + file)).toString('utf8'), { header: true, skipEmptyLines: true }).data;

async function insertBatches(trx: Kysely<DB>, rows: unknown[], insert: (json: string) => ReturnType<typeof sql>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(JSON.stringify(rows.slice(i, i + BATCH))).execute(trx);
}

/** Loads data/insee/* (built by `npm run data:insee`): INSEE figures per commune, estimated age bands, Eurostat per département. */
export const inseeSeeder: Seeder = {
  name: 'insee',
  version: () => {
    const h = createHash('sha256');
    for (const f of FILES) h.update(readFileSync(dataDir + f));
    return `insee-${h.digest('hex').slice(0, 16)}`;
  },
  async load(database, progress) {
    const communes = csv(FILES[0]);
    const ages = csv(FILES[1]);
    const economy = csv(FILES[2]);
    // Empty cells are NULL (secret or missing), never 0: nullif before the cast.
    const f = (c: string) => sql.raw(`nullif(r."${c}", '')::float8`);
    await database.db.transaction().execute(async (trx) => {
      for (const t of ['commune_insee', 'commune_age_bands', 'departement_economy']) await sql`DELETE FROM ${sql.table(t)}`.execute(trx);
      progress(`communes (${communes.length}: comparateur 2021 + Filosofi 2021 re-keyed onto COG 2026)`);
      await insertBatches(trx, communes, (json) => sql`
        INSERT INTO commune_insee (commune_code, population_2021, population_2015, households_2021, births_2022, deaths_2022,
          pop_15_64_2021, active_15_64_2021, unemployed_15_64_2021, fiscal_households_2021, fiscal_persons_2021,
          median_income_eur_2021, poverty_rate_pct_2021, d1_eur_2021, d9_eur_2021, median_approximate, comparateur_status, filosofi_status, source_codes)
        SELECT r."communeCode", ${f('population2021')}, ${f('population2015')}, ${f('households2021')}, ${f('births2022')}, ${f('deaths2022')},
          ${f('pop15642021')}, ${f('active15642021')}, ${f('unemployed15642021')}, ${f('fiscalHouseholds2021')}, ${f('fiscalPersons2021')},
          ${f('medianIncomeEur2021')}, ${f('povertyRatePct2021')}, ${f('d1Eur2021')}, ${f('d9Eur2021')}, r."medianApproximate" = 'true',
          r."comparateurStatus", r."filosofiStatus", replace(nullif(r."sourceCodes", ''), ' ', ',')
        FROM jsonb_to_recordset(${json}::jsonb) AS r("communeCode" text, "population2021" text, "population2015" text, "households2021" text,
          "births2022" text, "deaths2022" text, "pop15642021" text, "active15642021" text, "unemployed15642021" text, "fiscalHouseholds2021" text,
          "fiscalPersons2021" text, "medianIncomeEur2021" text, "povertyRatePct2021" text, "d1Eur2021" text, "d9Eur2021" text,
          "medianApproximate" text, "comparateurStatus" text, "filosofiStatus" text, "sourceCodes" text)`);
      progress(`age bands (${ages.length} communes × ${AGE_BANDS.length} bands, estimated)`);
      const long = ages.flatMap((a) => AGE_BANDS.map((band, i) => ({ c: a.communeCode, b: band, n: Number(a[AGE_COLUMNS[i]]), l: a.sourceLevel })));
      await insertBatches(trx, long, (json) => sql`
        INSERT INTO commune_age_bands (commune_code, band, population_count, estimated, source_level)
        SELECT r.c, r.b, r.n, true, r.l FROM jsonb_to_recordset(${json}::jsonb) AS r(c text, b text, n float8, l text)`);
      progress(`Eurostat GDP and population per département (${economy.length} rows)`);
      await insertBatches(trx, economy, (json) => sql`
        INSERT INTO departement_economy (departement_code, nuts_code, nuts_version, year, gdp_meur, population_count, gdp_per_inhabitant_eur)
        SELECT r."departementCode", r."nutsCode", r."nutsVersion", r.year::int, ${f('gdpMeur')}, ${f('populationCount')}, ${f('gdpPerInhabitantEur')}
        FROM jsonb_to_recordset(${json}::jsonb) AS r("departementCode" text, "nutsCode" text, "nutsVersion" text, year text, "gdpMeur" text, "populationCount" text, "gdpPerInhabitantEur" text)`);
    });
    return { communes: communes.length, ageBandCommunes: ages.length, economyRows: economy.length };
  },
};
