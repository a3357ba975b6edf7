import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ResolveReference } from '../domain/zones/resolve.js';
import type { ZoneMember } from '../domain/zones/zone.js';
import { col, columnar } from './columnar.js';

const BATCH = 5000;

/**
 * Candidate communes and history rows for what a user typed: current codes and names first, then former codes
 * among the rest, then postcodes among what is still unmatched (an array overlap against 35,000 inputs would
 * compare every pair).
 */
export async function resolveCandidates(db: Kysely<DB>, q: { codes: string[]; names: string[] }): Promise<ResolveReference> {
  type Candidate = ResolveReference['communes'][number];
  const select = (where: RawBuilder<unknown>) =>
    columnar<Candidate>(db, { code: col('code'), name: col('name'), departementCode: col('departement_code'), postcodes: sql`to_json(postcodes)` }, sql`FROM communes WHERE ${where}`);
  const communes = await select(sql`code = ANY(${q.codes}::text[]) OR search_name = ANY(${q.names}::text[])`);
  const found = new Set(communes.map((c) => c.code));
  const rest = q.codes.filter((c) => !found.has(c));
  if (!rest.length) return { communes, history: [] };
  const history = await sql<{ oldCode: string; newCode: string }>`
    SELECT old_code AS "oldCode", new_code AS "newCode" FROM commune_history WHERE old_code = ANY(${rest}::text[])`.execute(db);
  const former = new Set(history.rows.map((h) => h.oldCode));
  const postcodes = rest.filter((c) => !former.has(c) && /^[0-9]{5}$/.test(c));
  const byPostcode = postcodes.length ? await select(sql`postcodes && ${postcodes}::text[]`) : [];
  return { communes: [...communes, ...byPostcode.filter((c) => !found.has(c.code))], history: history.rows };
}

/** Communes of a département, région or EPCI; null when no such territory. */
export async function communesOfAdmin(db: Kysely<DB>, level: 'departement' | 'region' | 'epci', code: string): Promise<{ name: string; codes: string[] } | null> {
  const table = level === 'departement' ? 'departements' : level === 'region' ? 'regions' : 'epcis';
  const area = await sql<{ name: string }>`SELECT name FROM ${sql.table(table)} WHERE code = ${code}`.execute(db);
  if (!area.rows.length) return null;
  const column = level === 'departement' ? 'departement_code' : level === 'region' ? 'region_code' : 'epci_code';
  const r = await sql<{ code: string }>`SELECT code FROM communes WHERE ${sql.ref(column)} = ${code} ORDER BY code`.execute(db);
  return { name: area.rows[0].name, codes: r.rows.map((x) => x.code) };
}

export interface PolygonCut {
  valid: boolean;
  repaired: boolean;
  reason: string | null;
  cuts: { communeCode: string; shareRatio: number; pointInside: boolean }[];
}

/**
 * Communes a polygon touches, with the share of each commune's area inside (geodesic) and whether its
 * point lies inside. A self-intersecting polygon is repaired with ST_MakeValid (polygonal part kept).
 */
export async function polygonCuts(db: Kysely<DB>, polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon): Promise<PolygonCut> {
  const check = await sql<{ valid: boolean; reason: string; empty: boolean }>`
    WITH raw AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326) AS g)
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
           ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(g), 3)) OR ST_Area(ST_CollectionExtract(ST_MakeValid(g), 3)) = 0 AS empty FROM raw`.execute(db);
  const { valid, reason, empty } = check.rows[0];
  if (empty) return { valid: false, repaired: false, reason, cuts: [] };
  const r = await sql<{ communeCode: string; shareRatio: number; pointInside: boolean }>`
    WITH p AS (SELECT ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326)), 3) AS g)
    SELECT c.code AS "communeCode",
           CASE WHEN ST_Within(c.geom, p.g) THEN 1.0
                ELSE least(1.0, ST_Area(ST_Intersection(c.geom, p.g)::geography) / nullif(ST_Area(c.geom::geography), 0)) END::float8 AS "shareRatio",
           coalesce(ST_Intersects(c.point, p.g), false) AS "pointInside"
    FROM communes c, p WHERE c.geom && p.g AND ST_Intersects(c.geom, p.g) ORDER BY c.code`.execute(db);
  return { valid, repaired: !valid, reason: valid ? null : reason, cuts: r.rows.map((c) => ({ ...c, shareRatio: Number(c.shareRatio ?? 0) })) };
}

export interface NewZone {
  workspaceId: string;
  name: string;
  description: string;
  kind: string;
  method: Record<string, unknown>;
  createdBy: string;
}

/**
 * Creates zones, each with its version 1, in ONE transaction (an import stores all its zones or none); returns their
 * ids, in order. Set-based: a few statements for hundreds of zones (ids made here, rows as JSON record sets).
 */
export async function insertZones(db: Kysely<DB>, zones: readonly { zone: NewZone; members: readonly ZoneMember[]; note: string; outlineCodesGeo?: readonly string[] }[]): Promise<string[]> {
  const ids = zones.map(() => randomUUID());
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < zones.length; i += BATCH) {
      const rows = zones.slice(i, i + BATCH).map(({ zone: z }, k) => ({ id: ids[i + k], ws: z.workspaceId, name: z.name, d: z.description, kind: z.kind, method: z.method, cb: z.createdBy }));
      await sql`
        INSERT INTO zones (id, workspace_id, name, description, kind, method, created_by)
        SELECT r.id::uuid, r.ws, r.name, r.d, r.kind, r.method, r.cb FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, ws text, name text, d text, kind text, method jsonb, cb text)`.execute(trx);
    }
    await insertVersions(trx, zones.map(({ zone: z, members, note, outlineCodesGeo }, k) => ({ workspaceId: z.workspaceId, zoneId: ids[k], version: 1, members, note, method: z.method, outlineCodesGeo })));
  });
  return ids;
}

interface NewVersion {
  workspaceId: string; zoneId: string; version: number; members: readonly ZoneMember[]; note: string; method: Record<string, unknown>;
  /** outline drawn from these PMSI codes géo's shapes (flow basins: ~40 shapes to union, not ~250 communes) */
  outlineCodesGeo?: readonly string[];
}

/** Stores one immutable version: members, counts, and the display outline (union of member outlines, simplified). */
async function insertVersion(trx: Kysely<DB>, workspaceId: string, zoneId: string, version: number, members: readonly ZoneMember[], note: string, method: Record<string, unknown>) {
  await insertVersions(trx, [{ workspaceId, zoneId, version, members, note, method }]);
}

/** Stores immutable versions (several zones at once): rows, members, then population and outline per version. */
async function insertVersions(trx: Kysely<DB>, versions: readonly NewVersion[]) {
  for (let i = 0; i < versions.length; i += BATCH) {
    const rows = versions.slice(i, i + BATCH).map((v) => ({ z: v.zoneId, v: v.version, ws: v.workspaceId, n: v.members.length, note: v.note, method: v.method }));
    await sql`
      INSERT INTO zone_versions (zone_id, version, workspace_id, commune_count, population_count, note, method)
      SELECT r.z::uuid, r.v, r.ws, r.n, 0, r.note, r.method FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(z text, v int, ws text, n int, note text, method jsonb)`.execute(trx);
  }
  const members = versions.flatMap((v) => v.members.map((m) => ({ z: v.zoneId, v: v.version, ws: v.workspaceId, c: m.communeCode, w: m.weight })));
  for (let i = 0; i < members.length; i += BATCH) {
    await sql`
      INSERT INTO zone_members (zone_id, version, workspace_id, commune_code, weight)
      SELECT r.z::uuid, r.v, r.ws, r.c, r.w FROM jsonb_to_recordset(${JSON.stringify(members.slice(i, i + BATCH))}::jsonb) AS r(z text, v int, ws text, c text, w float8)`.execute(trx);
  }
  // One statement per version: a set-based union over many zones planned far worse on PGlite (14 s against 1.8 s
  // for ten half-départements).
  for (const v of versions) await versionFigures(trx, v.zoneId, v.version, v.outlineCodesGeo);
}

/**
 * Population and display outline of a version. Whole départements use their own outline (a 35,000-commune zone
 * unions ~100 shapes, not 35,000); the others are unioned on a grid a quarter of the simplification tolerance
 * (ST_Union with a grid size: GEOS's fixed-precision overlay, shared borders stay shared, far fewer vertices). Only
 * the members' départements are read (a 10-commune zone: ~10 ms, not ~100 ms). With `codesGeo`, the outline is the
 * union of those PMSI codes géo's shapes instead.
 * The grid size matters for more than speed: a floating-precision union that hits a GEOS topology exception (the
 * 592 codes géo of the AP-HP flow basin, in one row order) makes embedded PGlite's WASM build return no row at all,
 * without an error — the UPDATE then changed nothing and the zone kept population 0 and no outline. The
 * fixed-precision overlay never raises one; and an UPDATE that touches no row now throws.
 */
async function versionFigures(trx: Kysely<DB>, zoneId: string, version: number, codesGeo?: readonly string[]) {
  const parts = codesGeo ? sql`parts AS (SELECT geom FROM pmsi_zones WHERE code = ANY(${[...codesGeo]}::text[]) AND geom IS NOT NULL)` : sql`
    full_deps AS (
      SELECT c.departement_code FROM communes c JOIN departements d ON d.code = c.departement_code AND d.geom IS NOT NULL
      LEFT JOIN m ON m.commune_code = c.code
      WHERE c.departement_code IN (SELECT x.departement_code FROM m JOIN communes x ON x.code = m.commune_code)
      GROUP BY 1 HAVING count(*) = count(m.commune_code)),
    parts AS (
      SELECT d.geom FROM departements d JOIN full_deps f ON f.departement_code = d.code
      UNION ALL
      SELECT c.geom FROM communes c JOIN m ON m.commune_code = c.code
      WHERE c.geom IS NOT NULL AND c.departement_code NOT IN (SELECT departement_code FROM full_deps))`;
  const r = await sql`
    WITH m AS (SELECT commune_code, weight FROM zone_members WHERE zone_id = ${zoneId}::uuid AND version = ${version}),
    ${parts},
    tol AS (SELECT greatest(0.0005, (ST_XMax(e) - ST_XMin(e) + ST_YMax(e) - ST_YMin(e)) / 3000) AS t FROM (SELECT ST_Extent(geom)::geometry AS e FROM parts) x),
    u AS (SELECT ST_CollectionExtract(ST_Union(p.geom, tol.t / 4), 3) AS g, tol.t FROM parts p, tol GROUP BY tol.t)
    UPDATE zone_versions SET
      population_count = (SELECT coalesce(sum(c.population_count * m.weight), 0)::float8 FROM m JOIN communes c ON c.code = m.commune_code),
      geom = (SELECT ST_SimplifyPreserveTopology(g, t) FROM u)
    WHERE zone_id = ${zoneId}::uuid AND version = ${version}
    RETURNING 1 AS updated`.execute(trx);
  if (!r.rows.length) throw new Error(`zone ${zoneId} v${version}: population and outline not computed (the database returned no row)`);
}

/** Adds version current+1 with the given members (older versions are never touched). */
export async function addZoneVersion(db: Kysely<DB>, workspaceId: string, zoneId: string, members: readonly ZoneMember[], note: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const z = await trx.selectFrom('zones').select(['currentVersion', 'method']).where('id', '=', zoneId).where('workspaceId', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
    const version = z.currentVersion + 1;
    await insertVersion(trx, workspaceId, zoneId, version, members, note, z.method as Record<string, unknown>);
    await trx.updateTable('zones').set({ currentVersion: version, updatedAt: sql`now()` as never }).where('id', '=', zoneId).execute();
    return version;
  });
}

const summaryColumns = sql`z.id, z.name, z.description, z.kind, z.method, z.current_version AS version, v.commune_count AS "communeCount",
  v.population_count AS "populationCount", z.created_at AS "createdAt", z.updated_at AS "updatedAt", z.deleted_at AS "deletedAt"`;

export interface ZoneRow {
  id: string;
  name: string;
  description: string;
  kind: string;
  method: Record<string, unknown>;
  version: number;
  communeCount: number;
  populationCount: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** Live zones of a workspace (deleted ones left out), newest first. */
export async function listZones(db: Kysely<DB>, workspaceId: string): Promise<ZoneRow[]> {
  const r = await sql<ZoneRow>`
    SELECT ${summaryColumns} FROM zones z JOIN zone_versions v ON v.zone_id = z.id AND v.version = z.current_version
    WHERE z.workspace_id = ${workspaceId} AND z.deleted_at IS NULL ORDER BY z.updated_at DESC, z.name`.execute(db);
  return r.rows;
}

/** Population of the current versions of the given zones (after a bulk insert). */
export async function listZoneFigures(db: Kysely<DB>, workspaceId: string, ids: readonly string[]): Promise<{ id: string; populationCount: number }[]> {
  const r = await sql<{ id: string; populationCount: number }>`
    SELECT z.id, v.population_count AS "populationCount" FROM zones z JOIN zone_versions v ON v.zone_id = z.id AND v.version = z.current_version
    WHERE z.workspace_id = ${workspaceId} AND z.id = ANY(${ids}::uuid[])`.execute(db);
  return r.rows.map((x) => ({ id: x.id, populationCount: Number(x.populationCount) }));
}

/** One zone (deleted ones included: the caller decides), or null. */
export async function findZone(db: Kysely<DB>, workspaceId: string, id: string): Promise<ZoneRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await sql<ZoneRow>`
    SELECT ${summaryColumns} FROM zones z JOIN zone_versions v ON v.zone_id = z.id AND v.version = z.current_version
    WHERE z.workspace_id = ${workspaceId} AND z.id = ${id}::uuid`.execute(db);
  return r.rows[0] ?? null;
}

export async function zoneVersions(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('zoneVersions').select(['version', 'createdAt', 'communeCount', 'populationCount', 'note', 'method'])
    .where('zoneId', '=', id).where('workspaceId', '=', workspaceId).orderBy('version').execute();
}

export async function zoneMembers(db: Kysely<DB>, workspaceId: string, id: string, version: number) {
  return columnar<{ communeCode: string; name: string; weight: number }>(
    db,
    { communeCode: sql`m.commune_code ORDER BY m.commune_code`, name: sql`c.name ORDER BY m.commune_code`, weight: sql`m.weight ORDER BY m.commune_code` },
    sql`FROM zone_members m JOIN communes c ON c.code = m.commune_code WHERE m.zone_id = ${id}::uuid AND m.version = ${version} AND m.workspace_id = ${workspaceId}`,
  );
}

/** The version's outline as GeoJSON (5 decimals) and its bbox. */
export async function zoneGeometry(db: Kysely<DB>, workspaceId: string, id: string, version: number) {
  const r = await sql<{ geometry: GeoJSON.Geometry | null; w: number | null; s: number | null; e: number | null; n: number | null }>`
    SELECT ST_AsGeoJSON(geom, 5)::json AS geometry, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
    FROM zone_versions WHERE zone_id = ${id}::uuid AND version = ${version} AND workspace_id = ${workspaceId}`.execute(db);
  const g = r.rows[0];
  if (!g?.geometry) return { geometry: null, bbox: null };
  return { geometry: g.geometry, bbox: [g.w, g.s, g.e, g.n].map(Number) as [number, number, number, number] };
}

export async function updateZoneMeta(db: Kysely<DB>, workspaceId: string, id: string, patch: { name?: string; description?: string }) {
  await db.updateTable('zones').set({ ...patch, updatedAt: sql`now()` as never }).where('id', '=', id).where('workspaceId', '=', workspaceId).execute();
}

export async function setZoneDeleted(db: Kysely<DB>, workspaceId: string, id: string, deleted: boolean) {
  await db.updateTable('zones').set({ deletedAt: deleted ? sql`now()` as never : null, updatedAt: sql`now()` as never }).where('id', '=', id).where('workspaceId', '=', workspaceId).execute();
}
