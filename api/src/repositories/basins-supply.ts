/**
 * Supplies and actor sets of the accessibility and drive-time basins (issue 15): BPE counts per commune (GPs,
 * maternity wards) located at the commune's point, FINESS categories, point layers. Layer rows and FINESS sites
 * themselves are read with repositories/areas.ts (storeRows, healthSiteRows), as trade areas do.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A commune with a positive count of a per-commune indicator (e.g. 'health_gp_count'), at its point on surface. */
export interface CommuneSupplyRow { code: string; name: string; value: number; lon: number; lat: number }

export async function communeSupplyRows(db: Kysely<DB>, indicatorId: string): Promise<CommuneSupplyRow[]> {
  const { rows } = await sql<CommuneSupplyRow>`
    SELECT c.code, c.name, v.value::float8 AS value, ST_X(c.point) AS lon, ST_Y(c.point) AS lat
    FROM commune_indicator_values v JOIN communes c ON c.code = v.commune_code
    WHERE v.indicator_id = ${indicatorId} AND v.value > 0 AND c.point IS NOT NULL
    ORDER BY c.code`.execute(db);
  return rows.map((r) => ({ ...r, value: Number(r.value), lon: Number(r.lon), lat: Number(r.lat) }));
}

/** Number of communes and total of a per-commune indicator's positive values. */
export async function communeSupplyTotals(db: Kysely<DB>, indicatorId: string): Promise<{ communeCount: number; total: number }> {
  const { rows } = await sql<{ n: number; total: number | null }>`
    SELECT count(*)::int AS n, sum(value)::float8 AS total FROM commune_indicator_values WHERE indicator_id = ${indicatorId} AND value > 0`.execute(db);
  return { communeCount: Number(rows[0].n), total: Number(rows[0].total ?? 0) };
}

/** FINESS site categories with their located sites. */
export async function finessCategories(db: Kysely<DB>): Promise<{ code: string; label: string; count: number }[]> {
  const { rows } = await sql<{ category: string; n: number }>`
    SELECT category, count(*)::int AS n FROM health_sites WHERE geom IS NOT NULL GROUP BY category ORDER BY n DESC, category`.execute(db);
  return rows.map((r) => ({ code: r.category, label: r.category, count: Number(r.n) }));
}

/** Live layers with located points: candidates for a supply (with a measure) or an actor set. */
export async function pointLayers(db: Kysely<DB>) {
  const { rows } = await sql<{ id: string; name: string; synthetic: boolean; measures: { name: string; unit?: string; type: string }[]; pointCount: number }>`
    SELECT l.id, l.name, l.synthetic, l.measures, count(f.key)::int AS "pointCount"
    FROM layers l JOIN layer_features f ON f.layer_id = l.id AND f.geom IS NOT NULL
    WHERE l.deleted_at IS NULL GROUP BY l.id ORDER BY l.name`.execute(db);
  return rows.map((r) => ({ ...r, pointCount: Number(r.pointCount), measures: r.measures ?? [] }));
}
