import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FlowRow } from '../domain/health/flows.js';
import type { FlowImportRow } from '../domain/health/flow-import.js';
import { applyLinkOverrides, type EntitySiteLink } from '../domain/health/linkage.js';

import type { Bbox } from '../domain/territory/bbox.js';

/** Links after the user's overrides (the seed rewrites health_links; overrides live apart). */
export async function effectiveLinks(db: Kysely<DB>, filter: { ej?: string; et?: string } = {}): Promise<EntitySiteLink[]> {
  let q = db.selectFrom('healthLinks').selectAll();
  let o = db.selectFrom('healthLinkOverrides').select(['ej', 'et', 'linked']);
  if (filter.ej) { q = q.where('ej', '=', filter.ej); o = o.where('ej', '=', filter.ej); }
  if (filter.et) { q = q.where('et', '=', filter.et); o = o.where('et', '=', filter.et); }
  const [links, overrides] = await Promise.all([q.execute(), o.execute()]);
  return applyLinkOverrides(
    links.map((l) => ({ ej: l.ej, et: l.et, score: Number(l.score), confidence: l.confidence as EntitySiteLink['confidence'], reasons: l.reasons.split('; ') })),
    overrides,
  );
}

const pointJson = sql<[number, number]>`json_build_array(ST_X(s.geom), ST_Y(s.geom))`;

/** Sites in a bbox with the latest activity of their establishment (for the map layer). */
export async function listActors(db: Kysely<DB>, bbox: Bbox | null, year: number) {
  const rows = await sql<{ finess: string; name: string; category: string; status: string; city: string | null; point: [number, number]; ej: string | null; ejName: string | null; sector: string | null; staysMin: number | null; staysMax: number | null; siteCount: number | null }>`
    WITH eff AS (
      SELECT l.ej, l.et FROM health_links l
      WHERE NOT EXISTS (SELECT 1 FROM health_link_overrides o WHERE o.ej = l.ej AND o.et = l.et AND NOT o.linked)
      UNION SELECT o.ej, o.et FROM health_link_overrides o WHERE o.linked
    ), counts AS (SELECT ej, count(*)::int AS site_count FROM eff GROUP BY ej)
    SELECT s.finess, s.name, s.category, s.status, s.city, ${pointJson} AS point,
           e.finess AS ej, e.name AS ej_name, e.sector, a.stays_min, a.stays_max, c.site_count
    FROM health_sites s
    LEFT JOIN LATERAL (SELECT ej FROM eff WHERE eff.et = s.finess ORDER BY ej DESC LIMIT 1) l ON true
    LEFT JOIN health_establishments e ON e.finess = l.ej
    LEFT JOIN health_activity a ON a.finess = l.ej AND a.year = ${year}
    LEFT JOIN counts c ON c.ej = l.ej
    WHERE ${bbox ? sql`s.geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)` : sql`true`}
    ORDER BY s.finess`.execute(db);
  return rows.rows.map((r) => ({
    finess: r.finess, name: r.name, category: r.category, status: r.status, city: r.city, point: r.point,
    establishment: r.ej ? { finess: r.ej, name: r.ejName, sector: r.sector, siteCount: r.siteCount } : null,
    stays: r.staysMin === null ? null : { year, min: Number(r.staysMin), max: Number(r.staysMax) },
  }));
}

export async function findSite(db: Kysely<DB>, finess: string) {
  const r = await sql<{ finess: string; name: string; category: string; status: string; address: string | null; postcode: string | null; city: string | null; communeCode: string | null; zoneCode: string | null; departementCode: string; point: [number, number] }>`
    SELECT s.finess, s.name, s.category, s.status, s.address, s.postcode, s.city, s.commune_code, s.zone_code, s.departement_code, ${pointJson} AS point
    FROM health_sites s WHERE s.finess = ${finess}`.execute(db);
  return r.rows[0] ?? null;
}

export async function findEstablishment(db: Kysely<DB>, finess: string) {
  return (await db.selectFrom('healthEstablishments').selectAll().where('finess', '=', finess).executeTakeFirst()) ?? null;
}

export async function activitySeries(db: Kysely<DB>, finess: string) {
  const rows = await db.selectFrom('healthActivity').selectAll().where('finess', '=', finess).orderBy('year').execute();
  const range = (a: number | null, b: number | null) => (a === null ? null : { min: Number(a), max: Number(b) });
  return rows.map((r) => ({
    year: r.year, stays: range(r.staysMin, r.staysMax), fullHospitalisation: range(r.fullMin, r.fullMax), partialHospitalisation: range(r.partialMin, r.partialMax),
    sessions: range(r.sessionsMin, r.sessionsMax), maleRatio: r.maleRatio, meanAgeYears: r.meanAgeYears, meanLengthOfStayDays: r.meanLengthOfStayDays, deathRatio: r.deathRatio,
  }));
}

export async function sitesByFiness(db: Kysely<DB>, codes: string[]) {
  if (!codes.length) return [];
  const r = await sql<{ finess: string; name: string; category: string; city: string | null; point: [number, number] }>`
    SELECT s.finess, s.name, s.category, s.city, ${pointJson} AS point FROM health_sites s WHERE s.finess IN (${sql.join(codes)}) ORDER BY s.finess`.execute(db);
  return r.rows;
}

export async function flowDataset(db: Kysely<DB>, id: string) {
  return (await db.selectFrom('healthFlowDatasets').select(['id', 'label', 'synthetic', 'year', 'source', 'params', 'rowCount', 'createdAt']).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listFlowDatasets(db: Kysely<DB>) {
  return db.selectFrom('healthFlowDatasets').select(['id', 'label', 'synthetic', 'year', 'source', 'rowCount', 'createdAt']).orderBy('id').execute();
}

export async function flows(db: Kysely<DB>, datasetId: string, filter: { finess?: string; zoneCodes?: string[] }): Promise<FlowRow[]> {
  let q = db.selectFrom('healthFlows').select(['finess', 'zoneCode', 'stays']).where('datasetId', '=', datasetId);
  if (filter.finess) q = q.where('finess', '=', filter.finess);
  if (filter.zoneCodes) q = filter.zoneCodes.length ? q.where('zoneCode', 'in', filter.zoneCodes) : q.where(sql<boolean>`false`);
  return (await q.orderBy('finess').orderBy('zoneCode').execute()).map((r) => ({ ...r, stays: Number(r.stays) }));
}

/** Flows of residents of the zones or treated by the given establishments (what leakage/autarky needs). */
export async function flowsTouching(db: Kysely<DB>, datasetId: string, zoneCodes: string[], finess: string[]): Promise<FlowRow[]> {
  const rows = await db.selectFrom('healthFlows').select(['finess', 'zoneCode', 'stays']).where('datasetId', '=', datasetId)
    .where((eb) => eb.or([eb('zoneCode', 'in', zoneCodes.length ? zoneCodes : ['']), eb('finess', 'in', finess.length ? finess : [''])]))
    .execute();
  return rows.map((r) => ({ ...r, stays: Number(r.stays) }));
}

/** Establishments whose primary site lies in one of the zones (for autarky: "treated inside"). */
export async function establishmentsInZones(db: Kysely<DB>, zoneCodes: string[]): Promise<string[]> {
  if (!zoneCodes.length) return [];
  const links = await effectiveLinks(db);
  const sites = await db.selectFrom('healthSites').select(['finess', 'zoneCode']).where('zoneCode', 'in', zoneCodes).execute();
  const inside = new Set(sites.map((s) => s.finess));
  const own = await db.selectFrom('healthEstablishments').select('finess').where('finess', 'in', [...inside].length ? [...inside] : ['']).execute();
  return [...new Set([...links.filter((l) => inside.has(l.et)).map((l) => l.ej), ...own.map((o) => o.finess)])].sort();
}

/** Code géo zones of a set of communes (commune ↔ code géo correspondence, latest year). */
export async function zonesOfCommunes(db: Kysely<DB>, communeCodes: string[]): Promise<string[]> {
  if (!communeCodes.length) return [];
  const rows = await db.selectFrom('communePmsiZones').select('zoneCode').distinct().where('communeCode', 'in', communeCodes).execute();
  return rows.map((r) => r.zoneCode).sort();
}

/** Code géo zones whose point on surface lies in a drawn polygon (GeoJSON Polygon/MultiPolygon, WGS84). */
export async function zonesInPolygon(db: Kysely<DB>, polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT code FROM pmsi_zones WHERE ST_Intersects(point, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326)) ORDER BY code`.execute(db);
  return r.rows.map((x) => x.code);
}

export async function zonesOfDepartement(db: Kysely<DB>, dep: string): Promise<string[]> {
  const rows = await sql<{ zoneCode: string }>`SELECT DISTINCT z.zone_code FROM commune_pmsi_zones z JOIN communes c ON c.code = z.commune_code WHERE c.departement_code = ${dep} ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.zoneCode);
}

export async function zoneFeatures(db: Kysely<DB>, codes: string[]) {
  if (!codes.length) return [];
  const r = await sql<{ code: string; name: string; populationCount: number | null; geometry: GeoJSON.Geometry }>`
    SELECT code, name, population_count, ST_AsGeoJSON(geom, 5)::json AS geometry FROM pmsi_zones WHERE code IN (${sql.join(codes)}) ORDER BY code`.execute(db);
  return r.rows;
}

export async function zonesInBbox(db: Kysely<DB>, bbox: Bbox, limit: number) {
  const r = await sql<{ code: string; name: string; populationCount: number | null; geometry: GeoJSON.Geometry }>`
    SELECT code, name, population_count, ST_AsGeoJSON(geom, 4)::json AS geometry FROM pmsi_zones
    WHERE geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326) ORDER BY code LIMIT ${limit + 1}`.execute(db);
  return { zones: r.rows.slice(0, limit), truncated: r.rows.length > limit };
}

export async function listOverrides(db: Kysely<DB>) {
  return db.selectFrom('healthLinkOverrides').selectAll().orderBy('ej').orderBy('et').execute();
}

export async function upsertOverride(db: Kysely<DB>, o: { ej: string; et: string; linked: boolean; note: string | null }) {
  await db.insertInto('healthLinkOverrides').values(o).onConflict((oc) => oc.columns(['ej', 'et']).doUpdateSet({ linked: o.linked, note: o.note, createdAt: new Date() })).execute();
}

export async function deleteOverride(db: Kysely<DB>, ej: string, et: string): Promise<boolean> {
  const r = await db.deleteFrom('healthLinkOverrides').where('ej', '=', ej).where('et', '=', et).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Codes géo (2017 map, 2019 correspondence) and FINESS numbers (establishments, sites) a flow file may name. */
export async function flowReferences(db: Kysely<DB>) {
  const [zones, finess] = await Promise.all([
    sql<{ c: string }>`SELECT code AS c FROM pmsi_zones UNION SELECT zone_code FROM commune_pmsi_zones`.execute(db),
    sql<{ c: string }>`SELECT finess AS c FROM health_establishments UNION SELECT finess FROM health_sites`.execute(db),
  ]);
  return { zoneCodes: new Set(zones.rows.map((r) => r.c)), finess: new Set(finess.rows.map((r) => r.c)) };
}

/** Stores an imported (observed) flow table as one dataset, in one transaction. */
export async function storeImportedFlows(db: Kysely<DB>, id: string, label: string, source: string, rows: FlowImportRow[]) {
  const year = rows[0].year;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('healthFlowDatasets').where('id', '=', id).execute();
    await trx.insertInto('healthFlowDatasets').values({ id, label, synthetic: false, year, source, params: null, rowCount: rows.length }).execute();
    // Same establishment × zone twice in a file: summed.
    const merged = new Map<string, FlowImportRow>();
    for (const r of rows) {
      const k = `${r.finess}|${r.zoneCode}`;
      const m = merged.get(k);
      merged.set(k, m ? { ...m, stays: m.stays + r.stays } : r);
    }
    const all = [...merged.values()];
    for (let i = 0; i < all.length; i += 5000) {
      await trx.insertInto('healthFlows').values(all.slice(i, i + 5000).map((r) => ({ datasetId: id, finess: r.finess, zoneCode: r.zoneCode, stays: r.stays }))).execute();
    }
  });
}
