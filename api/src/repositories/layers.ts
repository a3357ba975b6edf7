import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AcceptedRow, RejectedRow } from '../domain/imports/pipeline.js';
import { buildReference, type GeocodeReference } from '../domain/imports/geocode.js';
import { reasons } from '../messages/imports.js';
import type { Bbox } from '../domain/territory/bbox.js';

export const BATCH = 5000;

export interface LayerInput {
  name: string;
  kind: 'internal' | 'external' | 'computed' | 'reference';
  description: string;
  sourceNote: string;
  synthetic: boolean;
  measures: { name: string; unit?: string; type: string }[];
  provenance: Record<string, unknown>;
}

/** Loads the geocoding reference (communes with points, former codes) from the database. */
export async function loadGeocodeReference(db: Kysely<DB>): Promise<GeocodeReference> {
  const communes = await sql<{ code: string; name: string; postcodes: string[]; lon: number | null; lat: number | null }>`
    SELECT code, name, postcodes, ST_X(point) AS lon, ST_Y(point) AS lat FROM communes`.execute(db);
  const history = await db.selectFrom('communeHistory').select(['oldCode', 'newCode']).execute();
  return buildReference(communes.rows.map((c) => ({ ...c, lon: c.lon === null ? null : Number(c.lon), lat: c.lat === null ? null : Number(c.lat) })), history);
}

/**
 * Creates the layer (or finds it by name) and REPLACES all its rows in one transaction: a re-import of the
 * same file gives the same layer, never duplicates; any failure leaves the database as it was.
 * Coordinate rows get their commune by a point-in-polygon lookup before they are inserted (no second pass
 * rewriting rows); those in no commune (sea, abroad) become rejects.
 * `accepted` comes in batches, possibly produced while the file is still being read (streaming import); `rejected`
 * and `layer.provenance` are read once the batches are exhausted, so a streaming caller may fill them meanwhile.
 * `afterBatch` lets a caller observe progress (and tests inject a failure mid-file).
 */
export async function replaceLayer(
  db: Kysely<DB>,
  layer: LayerInput,
  accepted: Iterable<AcceptedRow[]> | AsyncIterable<AcceptedRow[]>,
  rejected: RejectedRow[],
  afterBatch: (inserted: number) => void | Promise<void> = () => {},
  onInserted: (rows: AcceptedRow[]) => void = () => {},
  beforeCommit: (done: { imported: number; outside: RejectedRow[]; warned: RejectedRow[] }) => void | Promise<void> = () => {},
): Promise<{ layerId: string; imported: number; outside: RejectedRow[]; warned: RejectedRow[] }> {
  return db.transaction().execute(async (trx) => {
    // A deleted layer of the same name (kept for "Annuler") is replaced for good by this import.
    await trx.deleteFrom('layers').where('name', '=', layer.name).where('deletedAt', 'is not', null).execute();
    const existing = await trx.selectFrom('layers').select('id').where('name', '=', layer.name).executeTakeFirst();
    const values = {
      name: layer.name,
      kind: layer.kind,
      description: layer.description,
      sourceNote: layer.sourceNote,
      synthetic: layer.synthetic,
      measures: JSON.stringify(layer.measures),
      provenance: JSON.stringify(layer.provenance),
    };
    const layerId = existing
      ? (await trx.updateTable('layers').set({ ...values, updatedAt: sql`now()` as never }).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await trx.insertInto('layers').values(values).returning('id').executeTakeFirstOrThrow()).id;
    await trx.deleteFrom('layerFeatures').where('layerId', '=', layerId).execute();
    await trx.deleteFrom('layerRejects').where('layerId', '=', layerId).execute();

    const outside: RejectedRow[] = [];
    const warned: RejectedRow[] = [];
    let imported = 0;
    let seen = 0;
    for await (const slice of accepted) {
      const communeOf = await communesAtPoints(trx, slice.filter((r) => r.communeCode === null && r.precision === 'coordinates'));
      const batch = [];
      const kept: AcceptedRow[] = [];
      for (const r of slice) {
        const commune = r.communeCode ?? communeOf.get(r.row) ?? null;
        if (commune === null && r.precision === 'coordinates') {
          outside.push({ row: r.row, key: r.key, errors: [{ field: 'localisation', reason: reasons.pointInNoCommune }] });
          continue;
        }
        kept.push(r);
        if (r.warnings?.length) warned.push({ row: r.row, key: r.key, errors: r.warnings });
        batch.push({ key: r.key, row: r.row, name: r.name, category: r.category, commune, precision: r.precision, via: r.via, measures: r.measures, date: r.date, lon: r.lon, lat: r.lat });
      }
      if (batch.length) {
        await sql`
          INSERT INTO layer_features (layer_id, key, source_row, name, category, commune_code, precision, located_via, measures, date, geom)
          SELECT ${layerId}::uuid, r.key, r.row, r.name, r.category, r.commune, r.precision, r.via, coalesce(r.measures, '{}'::jsonb), r.date::date,
                 ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
          FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(key text, row int, name text, category text, commune text, precision text,
               via text, measures jsonb, date text, lon float8, lat float8)`.execute(trx);
      }
      imported += batch.length;
      onInserted(kept);
      seen += slice.length;
      await afterBatch(seen);
    }
    await beforeCommit({ imported, outside, warned });
    const lines = (rows: RejectedRow[], severity: 'error' | 'warning') => rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, key: r.key, field: e.field, reason: e.reason, severity })));
    const rejects = [...lines([...rejected, ...outside], 'error'), ...lines(warned, 'warning')].sort((a, b) => a.row - b.row);
    for (let i = 0; i < rejects.length; i += BATCH) {
      await sql`
        INSERT INTO layer_rejects (layer_id, source_row, key, field, reason, severity)
        SELECT ${layerId}::uuid, r.row, r.key, r.field, r.reason, r.severity FROM jsonb_to_recordset(${JSON.stringify(rejects.slice(i, i + BATCH))}::jsonb)
          AS r(row int, key text, field text, reason text, severity text)`.execute(trx);
    }
    await trx.updateTable('layers').set({ featureCount: imported, provenance: JSON.stringify(layer.provenance) }).where('id', '=', layerId).execute();
    return { layerId, imported, outside, warned };
  });
}

/** Source row → code of the commune containing the row's point (GiST probe per point); rows in none are absent. */
async function communesAtPoints(trx: Kysely<DB>, rows: AcceptedRow[]): Promise<Map<number, string>> {
  if (!rows.length) return new Map();
  const points = JSON.stringify(rows.map((r) => ({ row: r.row, lon: r.lon, lat: r.lat })));
  const found = await sql<{ row: number; code: string }>`
    SELECT p.row, c.code
    FROM jsonb_to_recordset(${points}::jsonb) AS p(row int, lon float8, lat float8)
    CROSS JOIN LATERAL (
      SELECT code FROM communes c
      WHERE c.geom && ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AND ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
      ORDER BY code LIMIT 1
    ) c`.execute(trx);
  return new Map(found.rows.map((f) => [f.row, f.code]));
}

const layerColumns = ['id', 'name', 'kind', 'description', 'sourceNote', 'owner', 'synthetic', 'hidden', 'measures', 'provenance', 'featureCount', 'createdAt', 'updatedAt'] as const;

/** Layers of the workspace (deleted ones, kept a while for "Annuler", are not listed). */
export async function listLayers(db: Kysely<DB>) {
  return db.selectFrom('layers').select(layerColumns).where('deletedAt', 'is', null).orderBy('createdAt').execute();
}

export async function findLayer(db: Kysely<DB>, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('layers').select(layerColumns).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function updateLayer(db: Kysely<DB>, id: string, patch: { name?: string; description?: string; hidden?: boolean; kind?: LayerInput['kind'] }) {
  return db.transaction().execute(async (trx) => {
    // A deleted layer keeps its name only until another layer wants it.
    if (patch.name) await trx.deleteFrom('layers').where('name', '=', patch.name).where('deletedAt', 'is not', null).where('id', '!=', id).execute();
    return trx.updateTable('layers').set({ ...patch, updatedAt: sql`now()` as never }).where('id', '=', id).where('deletedAt', 'is', null).returning(layerColumns).executeTakeFirst();
  });
}

/** How long a deleted layer can be restored before a later delete purges it for good. */
export const DELETED_LAYER_KEPT_HOURS = 24;

/**
 * Soft delete: the layer disappears from every list and read at once, and can be restored (`restoreLayer`) until
 * it is purged — by the next delete after DELETED_LAYER_KEPT_HOURS, or when an import or a rename takes its name.
 */
export async function deleteLayer(db: Kysely<DB>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('layers').where(sql<boolean>`deleted_at < now() - make_interval(hours => ${DELETED_LAYER_KEPT_HOURS})`).execute();
    const res = await trx.updateTable('layers').set({ deletedAt: sql`now()` as never }).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  });
}

/** Undoes a delete; undefined when there is no deleted layer of this id (never deleted, restored, or purged). */
export async function restoreLayer(db: Kysely<DB>, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.updateTable('layers').set({ deletedAt: null, updatedAt: sql`now()` as never }).where('id', '=', id).where('deletedAt', 'is not', null).returning(layerColumns).executeTakeFirst();
}

export async function layerFeatures(db: Kysely<DB>, id: string, bbox: Bbox | null, limit: number) {
  let q = db
    .selectFrom('layerFeatures')
    .select(['key', 'name', 'category', 'communeCode', 'precision', 'locatedVia', 'measures', sql<number>`ST_X(geom)`.as('lon'), sql<number>`ST_Y(geom)`.as('lat')])
    .where('layerId', '=', id);
  if (bbox) q = q.where(sql<boolean>`geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`);
  const rows = await q.orderBy('key').limit(limit + 1).execute();
  return { rows: rows.slice(0, limit).map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) })), truncated: rows.length > limit };
}

export async function layerRejects(db: Kysely<DB>, id: string) {
  return db.selectFrom('layerRejects').select(['sourceRow', 'key', 'field', 'reason', 'severity']).where('layerId', '=', id).orderBy('sourceRow').execute();
}

export type AggregateLevel = 'commune' | 'departement' | 'region';

/** Count, and sum/mean of one numeric measure, per commune / département / région. */
export async function aggregateLayer(db: Kysely<DB>, id: string, by: AggregateLevel, measure: string | null) {
  const [group, name, join] =
    by === 'commune'
      ? [sql.raw('c.code'), sql.raw('c.name'), sql.raw('')]
      : by === 'departement'
        ? [sql.raw('c.departement_code'), sql.raw('g.name'), sql.raw('JOIN departements g ON g.code = c.departement_code')]
        : [sql.raw('c.region_code'), sql.raw('g.name'), sql.raw('JOIN regions g ON g.code = c.region_code')];
  const value = measure ? sql`(f.measures ->> ${measure})::float8` : sql`NULL::float8`;
  const res = await sql<{ code: string; name: string; count: number; sum: number | null; mean: number | null }>`
    SELECT ${group} AS code, ${name} AS name, count(*)::int AS count, sum(${value})::float8 AS sum, avg(${value})::float8 AS mean
    FROM layer_features f JOIN communes c ON c.code = f.commune_code ${join}
    WHERE f.layer_id = ${id}::uuid
    GROUP BY 1, 2 ORDER BY 1`.execute(db);
  const unplaced = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layer_features WHERE layer_id = ${id}::uuid AND commune_code IS NULL`.execute(db);
  return { groups: res.rows, withoutCommuneCount: unplaced.rows[0].n };
}

/** A zone as the aggregation takes it: a set of communes (codes, or all communes of départements) or a drawn polygon. */
export interface ZoneInput {
  id: string;
  name: string;
  communeCodes?: string[];
  departementCodes?: string[];
  geometry?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/**
 * Count, sum and mean of one measure per zone. Commune zones count the rows placed in their communes
 * (any precision); a polygon zone counts the rows whose own point lies inside it.
 */
export async function aggregateLayerByZones(db: Kysely<DB>, id: string, zones: ZoneInput[], measure: string | null) {
  const value = measure ? sql`(f.measures ->> ${measure})::float8` : sql`NULL::float8`;
  const out = [];
  for (const zone of zones) {
    const where = zone.geometry
      ? sql`ST_Intersects(f.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(zone.geometry)}), 4326))`
      : zone.departementCodes
        ? sql`f.commune_code IN (SELECT code FROM communes WHERE departement_code = ANY(${zone.departementCodes}::text[]))`
        : sql`f.commune_code = ANY(${zone.communeCodes ?? []}::text[])`;
    const res = await sql<{ count: number; sum: number | null; mean: number | null }>`
      SELECT count(*)::int AS count, sum(${value})::float8 AS sum, avg(${value})::float8 AS mean
      FROM layer_features f WHERE f.layer_id = ${id}::uuid AND ${where}`.execute(db);
    out.push({ id: zone.id, name: zone.name, ...res.rows[0] });
  }
  return out;
}

/**
 * Current commune codes for codes given by a user: current codes kept, former (merged) codes replaced by
 * the commune(s) that absorbed them, unknown codes returned apart so the caller can name them.
 */
export async function resolveCommuneCodes(db: Kysely<DB>, codes: string[]) {
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  if (!wanted.length) return { codes: [], replaced: [], unknown: [] };
  const current = new Set((await db.selectFrom('communes').select('code').where('code', 'in', wanted).execute()).map((r) => r.code));
  const former = wanted.filter((c) => !current.has(c));
  const history = former.length ? await db.selectFrom('communeHistory').select(['oldCode', 'newCode']).where('oldCode', 'in', former).execute() : [];
  const replaced = history.map((h) => ({ from: h.oldCode, to: h.newCode }));
  const unknown = former.filter((c) => !history.some((h) => h.oldCode === c));
  return { codes: [...new Set([...current, ...replaced.map((r) => r.to)])], replaced, unknown };
}
