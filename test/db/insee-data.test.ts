import { beforeAll, afterAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { inseeByCommunes, ageBandsByCommunes, departementEconomy } from '../../api/src/repositories/insee.js';

describeEachDatabase('INSEE / Eurostat data (commune_insee, commune_age_bands, departement_economy)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('loads every artifact row and versions the load in dataset_loads', async () => {
    const counts = await sql<{ insee: number; ages: number; eco: number }>`
      SELECT (SELECT count(*)::int FROM commune_insee) AS insee, (SELECT count(*)::int FROM commune_age_bands) AS ages,
             (SELECT count(*)::int FROM departement_economy) AS eco`.execute(t.database.db);
    expect(counts.rows[0]).toEqual({ insee: 34870, ages: 34875 * 7, eco: 606 });
    const load = await t.database.db.selectFrom('datasetLoads').select(['version']).where('name', '=', 'insee').executeTakeFirstOrThrow();
    expect(load.version).toMatch(/^insee-[0-9a-f]{16}$/);
  });

  it('every row is a current COG 2026 commune', async () => {
    const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM commune_insee i LEFT JOIN communes c ON c.code = i.commune_code WHERE c.code IS NULL`.execute(t.database.db);
    expect(orphans.rows[0].n).toBe(0);
  });

  it('no 0 where the source has no value: Mayotte census, Les Trois Lacs, Filosofi secret stay NULL', async () => {
    const rows = await inseeByCommunes(t.database.db, ['97611', '27676', '01187', '35238', '75056', '15141']);
    expect(rows.get('97611')).toMatchObject({ population2021: null, households2021: null, comparateurStatus: 'missing', filosofiStatus: 'missing' });
    expect(rows.get('97611')!.births2022).toBeGreaterThan(0);
    expect(rows.get('27676')).toMatchObject({ population2021: null, comparateurStatus: 'missing', filosofiStatus: 'ok' });
    expect(rows.has('15141')).toBe(false); // split back into 5 communes since COG 2024: figures not divisible
    const zeros = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM commune_insee WHERE median_income_eur_2021 = 0 OR d1_eur_2021 = 0 OR fiscal_households_2021 = 0
         OR (population_2021 = 0 AND left(commune_code, 3) = '976')`.execute(t.database.db);
    expect(zeros.rows[0].n).toBe(0);
    const secret = await sql<{ n: number; nonNull: number }>`
      SELECT count(*)::int AS n, count(median_income_eur_2021)::int AS "nonNull" FROM commune_insee WHERE filosofi_status = 'secret'`.execute(t.database.db);
    expect(secret.rows[0].n).toBeGreaterThan(3500);
    expect(secret.rows[0].nonNull).toBe(0);
  });

  it('reads Rennes, Paris and a merged commune through the repository', async () => {
    const rows = await inseeByCommunes(t.database.db, ['35238', '75056', '01187']);
    expect(rows.get('35238')).toMatchObject({ population2021: 225081, medianIncomeEur2021: 22770, povertyRatePct2021: 21, medianApproximate: false, sourceCodes: null });
    expect(rows.get('75056')).toMatchObject({ population2021: 2133111, medianIncomeEur2021: 29730, fiscalHouseholds2021: 1007247 });
    expect(rows.get('01187')).toMatchObject({ population2021: 786, unemployed15642021: 30, active15642021: 360, medianApproximate: true, sourceCodes: '01330', povertyRatePct2021: null });
    expect(rows.get('01187')!.medianIncomeEur2021).toBeCloseTo(22680, 0);
    const all = await inseeByCommunes(t.database.db, null);
    expect(all.size).toBe(34870);
  });

  it('age bands are estimated, in band order, and sum to the population', async () => {
    const bands = (await ageBandsByCommunes(t.database.db, ['35238'])).get('35238')!;
    expect(bands.map((b) => b.band)).toEqual(['0-14', '15-29', '30-44', '45-59', '60-74', '75-89', '90+']);
    expect(bands.every((b) => b.estimated && b.sourceLevel === 'bassin_de_vie')).toBe(true);
    expect(bands.reduce((a, b) => a + b.populationCount, 0)).toBeCloseTo(225081, 2);
    const mismatch = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT commune_code, sum(population_count) AS s FROM commune_age_bands GROUP BY commune_code) a
      JOIN commune_insee i ON i.commune_code = a.commune_code WHERE abs(a.s - i.population_2021) > 0.01`.execute(t.database.db);
    expect(mismatch.rows[0].n).toBe(0);
  });

  it('Eurostat per département: Paris 2019 GDP 251,623.58 M€, NUTS 2016', async () => {
    const [paris] = await departementEconomy(t.database.db, ['75'], 2019);
    expect(paris).toMatchObject({ departementCode: '75', nutsCode: 'FR101', nutsVersion: 'NUTS 2016', year: 2019, gdpMeur: 251623.58 });
    expect(paris.gdpPerInhabitantEur).toBeCloseTo((251623.58e6 / paris.populationCount!), 2);
    expect((await departementEconomy(t.database.db, ['2A', '976'])).map((r) => `${r.departementCode}:${r.year}`)).toContain('976:2020');
  });
});
