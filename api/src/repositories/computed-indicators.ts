/**
 * Computed indicators (issue 15; issue 18 reuses them): a per-commune figure the app computed (accessibility,
 * time to the nearest actor…) stored with its method, listed by the indicator registry (provider 'computed').
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { col, columnar } from './columnar.js';
import type { ComputedIndicatorInfo } from '../domain/indicators/providers/computed.js';

const BATCH = 20_000;

export interface NewComputedIndicator {
  workspaceId: string;
  label: string;
  unit: string;
  definition: string;
  source: string;
  method: unknown;
  createdBy: string;
}

/** Creates the indicator and its values (null = not computable) in one transaction; returns its id. */
export async function insertComputedIndicator(db: Kysely<DB>, ind: NewComputedIndicator, codes: readonly string[], values: ArrayLike<number | null>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('computedIndicators')
      .values({ workspaceId: ind.workspaceId, label: ind.label, unit: ind.unit, definition: ind.definition, source: ind.source, method: JSON.stringify(ind.method), createdBy: ind.createdBy })
      .returning('id').executeTakeFirstOrThrow();
    for (let from = 0; from < codes.length; from += BATCH) {
      const c: string[] = [], v: (number | null)[] = [];
      for (let i = from; i < Math.min(codes.length, from + BATCH); i++) {
        const x = values[i];
        c.push(codes[i]);
        v.push(x === null || !Number.isFinite(x) ? null : x);
      }
      await sql`
        INSERT INTO computed_indicator_values (indicator_id, commune_code, value)
        SELECT ${id}::uuid, r.c, r.v FROM unnest(${c}::text[], ${v}::float8[]) AS r(c, v)`.execute(trx);
    }
    return id;
  });
}

/** Every computed indicator of the workspace, oldest first (the registry's order). */
export async function listComputedIndicators(db: Kysely<DB>, workspaceId: string): Promise<ComputedIndicatorInfo[]> {
  const rows = await db.selectFrom('computedIndicators')
    .select(['id', 'label', 'unit', 'definition', 'source', 'method', 'createdAt'])
    .where('workspaceId', '=', workspaceId).orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => ({ ...r, method: r.method as Record<string, unknown> }));
}

/** Deletes one (its values go with it); false when there is none of that id. */
export async function deleteComputedIndicator(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const r = await db.deleteFrom('computedIndicators').where('id', '=', id).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Values of the given indicators per commune (`codes` null = every commune), read columnar. */
export async function computedIndicatorValues(db: Kysely<DB>, ids: readonly string[], codes: string[] | null) {
  if (!ids.length) return [];
  const filter = codes === null ? sql`true` : sql`commune_code = ANY(${codes}::text[])`;
  return columnar<{ indicatorId: string; communeCode: string; value: number | null }>(
    db,
    { indicatorId: col('indicator_id'), communeCode: col('commune_code'), value: col('value') },
    sql`FROM (SELECT indicator_id::text AS indicator_id, commune_code, value FROM computed_indicator_values WHERE indicator_id = ANY(${[...ids]}::uuid[]) AND ${filter}) v`,
  );
}

/** Changes whenever a computed indicator is saved or deleted (part of the indicator data version). */
export async function computedIndicatorsVersion(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ v: string }>`SELECT count(*)::text || '@' || coalesce(max(created_at)::text, '') || '@' || coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '') AS v FROM computed_indicators`.execute(db);
  return r.rows[0].v;
}
