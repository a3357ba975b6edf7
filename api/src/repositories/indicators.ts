import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function listIndicators(db: Kysely<DB>) {
  return db.selectFrom('indicators').select(['id', 'label', 'unit', 'source', 'description', 'year', 'scope']).orderBy('id').execute();
}

export async function findIndicator(db: Kysely<DB>, id: string) {
  return db.selectFrom('indicators').select(['id', 'label', 'unit', 'source', 'description', 'year', 'scope']).where('id', '=', id).executeTakeFirst();
}

/** Values for every commune (nulls where not computable), ordered by commune code. */
export async function indicatorValues(db: Kysely<DB>, id: string) {
  const rows = await db
    .selectFrom('communes as c')
    .leftJoin('communeIndicatorValues as v', (j) => j.onRef('v.communeCode', '=', 'c.code').on('v.indicatorId', '=', id))
    .select(['c.code', 'v.value'])
    .orderBy('c.code')
    .execute();
  return { codes: rows.map((r) => r.code), values: rows.map((r) => (r.value === null || r.value === undefined ? null : Number(r.value))) };
}
