import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { NamedCommune } from '../domain/territory/commune-names.js';

/** Communes (COG 2026) whose normalised name is one of `searchNames`, with their département. */
export async function communesBySearchName(db: Kysely<DB>, searchNames: readonly string[]): Promise<NamedCommune[]> {
  const names = [...new Set(searchNames.filter(Boolean))];
  if (!names.length) return [];
  return db
    .selectFrom('communes as c')
    .innerJoin('departements as d', 'd.code', 'c.departementCode')
    .select(['c.code', 'c.name', 'c.searchName', 'c.departementCode', 'd.name as departementName', 'c.populationCount'])
    .where('c.searchName', 'in', names)
    .where('c.point', 'is not', null)
    .orderBy('c.code')
    .execute();
}

/** Communes by INSEE code, with their département (for labels of codes typed next to names). */
export async function communesByCode(db: Kysely<DB>, codes: readonly string[]): Promise<NamedCommune[]> {
  const list = [...new Set(codes.map((c) => c.toUpperCase()))];
  if (!list.length) return [];
  return db
    .selectFrom('communes as c')
    .innerJoin('departements as d', 'd.code', 'c.departementCode')
    .select(['c.code', 'c.name', 'c.searchName', 'c.departementCode', 'd.name as departementName', 'c.populationCount'])
    .where('c.code', 'in', list)
    .orderBy('c.code')
    .execute();
}
