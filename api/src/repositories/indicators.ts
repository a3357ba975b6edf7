import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function listIndicators(db: Kysely<DB>) {
  return db.selectFrom('indicators').select(['id', 'label', 'unit', 'source', 'description', 'year', 'scope']).orderBy('id').execute();
}

export async function findIndicator(db: Kysely<DB>, id: string) {
  return db.selectFrom('indicators').select(['id', 'label', 'unit', 'source', 'description', 'year', 'scope']).where('id', '=', id).executeTakeFirst();
}

/**
 * Values for every commune (nulls where not computable), ordered by commune code. Read as one JSON row (the
 * codes in index order, the values as an object): PGlite decodes each row in JavaScript, and 35,000 rows
 * took ≈ 550 ms; this ≈ 170 ms (docs/benchmarks.md, "Zones and indicators").
 */
export async function indicatorValues(db: Kysely<DB>, id: string) {
  const r = await sql<{ j: string }>`
    SELECT json_build_array(
      (SELECT array_agg(code) FROM (SELECT code FROM communes ORDER BY code) c),
      (SELECT json_object_agg(commune_code, value) FROM commune_indicator_values WHERE indicator_id = ${id}))::text AS j`.execute(db);
  const [codes, byCode] = JSON.parse(r.rows[0].j) as [string[], Record<string, number | null> | null];
  return { codes, values: codes.map((c) => { const v = byCode?.[c]; return v === null || v === undefined ? null : Number(v); }) };
}

/** Names of the datasets loaded into this database (`dataset_loads`: territory, health, insee…). */
export async function loadedDatasets(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await db.selectFrom('datasetLoads').select('name').execute()).map((r) => r.name));
}
