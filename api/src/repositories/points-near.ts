import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Bbox = [number, number, number, number];

/** A customer point of a visible layer (isochrone counts by the point's own drive time). */
export interface LayerPoint { layerId: string; layerName: string; synthetic: boolean; key: string; name: string | null; category: string | null; lon: number; lat: number }

/** A hospital site (FINESS ET) with a location. */
export interface HealthSitePoint { finess: string; name: string; category: string; status: string; city: string | null; lon: number; lat: number }

const envelope = ([w, s, e, n]: Bbox) => sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;

/** Points of every visible (not hidden) layer inside the box. */
export async function visibleLayerPointsIn(db: Kysely<DB>, bbox: Bbox): Promise<LayerPoint[]> {
  const { rows } = await sql<LayerPoint>`
    SELECT l.id AS "layerId", l.name AS "layerName", l.synthetic, f.key, f.name, f.category, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat
    FROM layer_features f JOIN layers l ON l.id = f.layer_id
    WHERE NOT l.hidden AND l.deleted_at IS NULL AND f.geom && ${envelope(bbox)}
    ORDER BY l.id, f.key`.execute(db);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) }));
}

/** Hospital sites inside the box. */
export async function healthSitesIn(db: Kysely<DB>, bbox: Bbox): Promise<HealthSitePoint[]> {
  const { rows } = await sql<HealthSitePoint>`
    SELECT s.finess, s.name, s.category, s.status, s.city, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat
    FROM health_sites s WHERE s.geom IS NOT NULL AND s.geom && ${envelope(bbox)}
    ORDER BY s.finess`.execute(db);
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) }));
}

/** A commune's point on surface (isochrone membership and commune origins of drive-time requests). */
export interface CommunePoint { code: string; name: string; populationCount: number; lon: number; lat: number; zone: string }

/** Every commune with a point, by code. */
export async function communePoints(db: Kysely<DB>): Promise<CommunePoint[]> {
  const { rows } = await sql<CommunePoint>`
    SELECT code, name, population_count AS "populationCount", zone, ST_X(point) AS lon, ST_Y(point) AS lat
    FROM communes WHERE point IS NOT NULL ORDER BY code`.execute(db);
  return rows.map((c) => ({ ...c, lon: Number(c.lon), lat: Number(c.lat) }));
}
