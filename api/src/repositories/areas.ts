/** Trade areas (issue 14): points of sale and customers read from layers, commune demand, saved what-if scenarios. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface AreaLayer { id: string; name: string; synthetic: boolean; featureCount: number; measures: { name: string; unit?: string; type: string }[] }

/** A live (not deleted) layer, or undefined. */
export async function areaLayer(db: Kysely<DB>, id: string): Promise<AreaLayer | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { rows } = await sql<AreaLayer>`
    SELECT id, name, synthetic, feature_count AS "featureCount", measures FROM layers WHERE id = ${id}::uuid AND deleted_at IS NULL`.execute(db);
  return rows[0];
}

/** A point of a layer that may be a store, with the value of the role field and of the attractiveness measure as text. */
export interface StoreRow { key: string; sourceRow: number; name: string | null; communeCode: string | null; lon: number; lat: number; roleValue: string | null; attractivenessText: string | null }

/** A feature's field: 'category' (the mapped category column) or a measure name. */
function fieldOf(field: string | undefined) {
  if (!field) return sql`NULL::text`;
  return field === 'category' ? sql`f.category` : sql`(f.measures ->> ${field})`;
}

export async function storeRows(db: Kysely<DB>, layerId: string, roleField?: string, attractivenessMeasure?: string): Promise<StoreRow[]> {
  const { rows } = await sql<StoreRow>`
    SELECT f.key, f.source_row AS "sourceRow", f.name, f.commune_code AS "communeCode", ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
           ${fieldOf(roleField)} AS "roleValue", ${fieldOf(attractivenessMeasure)} AS "attractivenessText"
    FROM layer_features f WHERE f.layer_id = ${layerId}::uuid ORDER BY f.source_row, f.key`.execute(db);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), sourceRow: Number(r.sourceRow) }));
}

/** FINESS geographic sites (hospitals, clinics…) as points of sale: filtered by category and département. */
export async function healthSiteRows(db: Kysely<DB>, filter: { categories?: string[]; departements?: string[] }, roleField?: 'category' | 'status'): Promise<StoreRow[]> {
  const role = roleField === 'status' ? sql`s.status` : roleField === 'category' ? sql`s.category` : sql`NULL::text`;
  const { rows } = await sql<StoreRow>`
    SELECT s.finess AS key, (row_number() OVER (ORDER BY s.finess))::int AS "sourceRow", s.name, s.commune_code AS "communeCode",
           ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat, ${role} AS "roleValue", NULL::text AS "attractivenessText"
    FROM health_sites s
    WHERE s.geom IS NOT NULL
      ${filter.categories?.length ? sql`AND s.category = ANY(${filter.categories}::text[])` : sql``}
      ${filter.departements?.length ? sql`AND s.departement_code = ANY(${filter.departements}::text[])` : sql``}
    ORDER BY s.finess`.execute(db);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), sourceRow: Number(r.sourceRow) }));
}

/**
 * Customers grouped by (store key, commune): count, sum of a measure, and the first source rows (to list them in
 * errors); with a measure, rows whose value is blank, not a number or negative are counted apart (badRows).
 */
export interface FlowRow {
  storeKey: string | null; communeCode: string | null; customerCount: number; valueSum: number | null;
  firstRows: number[]; badValueCount: number; badRows: number[];
}

const NUMBER_RE = '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$';

export async function customerFlows(db: Kysely<DB>, layerId: string, storeKeyField: string | undefined, valueMeasure: string | undefined): Promise<FlowRow[]> {
  const value = valueMeasure ? sql`(f.measures ->> ${valueMeasure})` : sql`'1'`;
  const ok = sql`(CASE WHEN ${value} ~ ${NUMBER_RE} THEN (${value})::float8 >= 0 ELSE false END)`;
  const { rows } = await sql<FlowRow>`
    SELECT ${fieldOf(storeKeyField)} AS "storeKey", f.commune_code AS "communeCode", count(*)::int AS "customerCount",
           sum(CASE WHEN ${ok} THEN (${value})::float8 END)::float8 AS "valueSum",
           (array_agg(f.source_row ORDER BY f.source_row))[1:5] AS "firstRows",
           count(*) FILTER (WHERE NOT ${ok})::int AS "badValueCount",
           (array_agg(f.source_row ORDER BY f.source_row) FILTER (WHERE NOT ${ok}))[1:5] AS "badRows"
    FROM layer_features f WHERE f.layer_id = ${layerId}::uuid
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.map((r) => ({
    ...r, valueSum: r.valueSum === null ? null : Number(r.valueSum),
    firstRows: (r.firstRows ?? []).map(Number), badRows: (r.badRows ?? []).map(Number),
  }));
}

/** Median disposable income per consumption unit (Filosofi 2021) per commune; communes under statistical secret are absent. */
export async function communeMedianIncome(db: Kysely<DB>): Promise<Map<string, number>> {
  const { rows } = await sql<{ code: string; eur: number }>`
    SELECT commune_code AS code, median_income_eur_2021::float8 AS eur FROM commune_insee WHERE median_income_eur_2021 IS NOT NULL`.execute(db);
  return new Map(rows.map((r) => [r.code, Number(r.eur)]));
}

export interface ScenarioRow { id: string; name: string; request: unknown; summary: unknown; createdBy: string; createdAt: Date }

export async function insertScenario(db: Kysely<DB>, workspaceId: string, name: string, request: unknown, summary: unknown, createdBy: string): Promise<ScenarioRow> {
  const { rows } = await sql<ScenarioRow>`
    INSERT INTO area_scenarios (workspace_id, name, request, summary, created_by)
    VALUES (${workspaceId}, ${name}, ${JSON.stringify(request)}::jsonb, ${JSON.stringify(summary)}::jsonb, ${createdBy})
    RETURNING id, name, request, summary, created_by AS "createdBy", created_at AS "createdAt"`.execute(db);
  return rows[0];
}

export async function listScenarios(db: Kysely<DB>, workspaceId: string): Promise<ScenarioRow[]> {
  const { rows } = await sql<ScenarioRow>`
    SELECT id, name, request, summary, created_by AS "createdBy", created_at AS "createdAt"
    FROM area_scenarios WHERE workspace_id = ${workspaceId} ORDER BY created_at DESC, id`.execute(db);
  return rows;
}
