import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Bbox } from '../domain/territory/bbox.js';
import { normalizeSearchText } from '../domain/territory/search-text.js';
import { isCommuneCode } from '../domain/territory/codes.js';

export interface CommuneSheet {
  code: string;
  name: string;
  departement: { code: string; name: string };
  region: { code: string; name: string };
  epci: { code: string; name: string; kind: string | null } | null;
  zone: 'metro' | 'drom' | 'com';
  postcodes: string[];
  populationCount: number;
  areaKm2: number | null;
  densityPerKm2: number | null;
  geometryStatus: string;
  geometryNote: string | null;
  point: [number, number] | null;
  bbox: Bbox | null;
  formerCodes: { code: string; name: string; kind: string }[];
}

const pointOf = (p: { coordinates: [number, number] } | null): [number, number] | null => (p ? [p.coordinates[0], p.coordinates[1]] : null);
const bboxOf = (b: { coordinates: number[][][] } | null): Bbox | null => {
  if (!b) return null;
  const xs = b.coordinates[0].map((c) => c[0]);
  const ys = b.coordinates[0].map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

export async function findCommuneSheet(db: Kysely<DB>, code: string): Promise<CommuneSheet | null> {
  const row = await db
    .selectFrom('communes as c')
    .innerJoin('departements as d', 'd.code', 'c.departementCode')
    .innerJoin('regions as r', 'r.code', 'c.regionCode')
    .leftJoin('epcis as e', 'e.code', 'c.epciCode')
    .select([
      'c.code', 'c.name', 'c.zone', 'c.postcodes', 'c.populationCount', 'c.areaKm2', 'c.geometryStatus', 'c.geometryNote',
      'd.code as depCode', 'd.name as depName', 'r.code as regCode', 'r.name as regName',
      'e.code as epciCode', 'e.name as epciName', 'e.kind as epciKind',
      sql<{ coordinates: [number, number] } | null>`ST_AsGeoJSON(c.point, 6)::json`.as('pointJson'),
      sql<{ coordinates: number[][][] } | null>`ST_AsGeoJSON(ST_Envelope(c.geom), 6)::json`.as('bboxJson'),
    ])
    .where('c.code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const former = await db
    .selectFrom('communeHistory')
    .select(['oldCode as code', 'oldName as name', 'kind'])
    .where('newCode', '=', code)
    .orderBy('oldCode')
    .execute();
  const density = row.areaKm2 && row.geometryStatus !== 'approximate_parent_2018' ? row.populationCount / row.areaKm2 : null;
  return {
    code: row.code,
    name: row.name,
    departement: { code: row.depCode, name: row.depName },
    region: { code: row.regCode, name: row.regName },
    epci: row.epciCode ? { code: row.epciCode, name: row.epciName!, kind: row.epciKind } : null,
    zone: row.zone,
    postcodes: row.postcodes,
    populationCount: row.populationCount,
    areaKm2: row.areaKm2,
    densityPerKm2: density,
    geometryStatus: row.geometryStatus,
    geometryNote: row.geometryNote,
    point: pointOf(row.pointJson),
    bbox: bboxOf(row.bboxJson),
    formerCodes: former,
  };
}

/** Current communes that replaced a former code (merger, delegated or associated commune). */
export async function findReplacements(db: Kysely<DB>, oldCode: string) {
  return db
    .selectFrom('communeHistory as h')
    .innerJoin('communes as c', 'c.code', 'h.newCode')
    .select(['h.oldCode', 'h.oldName', 'h.kind', 'c.code', 'c.name'])
    .where('h.oldCode', '=', oldCode)
    .orderBy('c.code')
    .execute();
}

export async function findCommunesInBbox(db: Kysely<DB>, bbox: Bbox, limit: number) {
  const rows = await db
    .selectFrom('communes')
    .select(['code', 'name', 'populationCount', sql<{ coordinates: [number, number] }>`ST_AsGeoJSON(point, 6)::json`.as('pointJson')])
    .where(sql<boolean>`geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`)
    .where(sql<boolean>`ST_Intersects(geom, ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326))`)
    .orderBy('populationCount', 'desc')
    .orderBy('code')
    .limit(limit + 1)
    .execute();
  return {
    communes: rows.slice(0, limit).map((r) => ({ code: r.code, name: r.name, populationCount: r.populationCount, point: pointOf(r.pointJson) })),
    truncated: rows.length > limit,
  };
}

export interface SearchResult {
  /** 'site': a hospital site (code = FINESS); 'account': a row of a shown data layer (code = `layerId:key`). */
  kind: 'commune' | 'departement' | 'region' | 'site' | 'account';
  code: string;
  name: string;
  detail: string;
  point: [number, number] | null;
  bbox: Bbox | null;
}

/**
 * Communes by INSEE code, postcode or name (accent/case-insensitive prefix, then contains); départements and
 * régions by name or code; hospital sites (FINESS name) and accounts of shown layers by name.
 */
export async function searchPlaces(db: Kysely<DB>, query: string, limit: number): Promise<SearchResult[]> {
  const q = query.trim();
  const norm = normalizeSearchText(q);
  const isCode = /^[0-9][0-9AaBb][0-9]{0,3}$/.test(q);

  const areaRows = await sql<{ kind: 'departement' | 'region'; code: string; name: string; pointJson: { coordinates: [number, number] } | null; bboxJson: { coordinates: number[][][] } | null }>`
    SELECT kind, code, name, ST_AsGeoJSON(ST_PointOnSurface(geom), 6)::json AS "pointJson", ST_AsGeoJSON(ST_Envelope(geom), 6)::json AS "bboxJson"
    FROM (SELECT 'departement' AS kind, code, name, geom FROM departements UNION ALL SELECT 'region', code, name, geom FROM regions) a
    ORDER BY kind DESC, code`.execute(db);
  const areaResults: SearchResult[] = areaRows.rows
    .filter((r) => r.code.toUpperCase() === q.toUpperCase() || (norm.length > 1 && normalizeSearchText(r.name).startsWith(norm)))
    .slice(0, 5)
    .map((r) => ({
      kind: r.kind,
      code: r.code,
      name: r.name,
      detail: r.kind === 'departement' ? `Département ${r.code}` : 'Région',
      point: pointOf(r.pointJson),
      bbox: bboxOf(r.bboxJson),
    }));

  let base = db
    .selectFrom('communes as c')
    .innerJoin('departements as d', 'd.code', 'c.departementCode')
    .select([
      'c.code', 'c.name', 'c.postcodes', 'c.populationCount', 'd.name as depName', 'd.code as depCode',
      sql<{ coordinates: [number, number] } | null>`ST_AsGeoJSON(c.point, 6)::json`.as('pointJson'),
      sql<{ coordinates: number[][][] } | null>`ST_AsGeoJSON(ST_Envelope(c.geom), 6)::json`.as('bboxJson'),
      sql<number>`CASE WHEN c.code = ${q.toUpperCase()} THEN 0 WHEN ${q} = ANY(c.postcodes) THEN 1 WHEN c.search_name = ${norm} THEN 2 WHEN c.search_name LIKE ${`${norm}%`} THEN 3 ELSE 4 END`.as('rank'),
    ]);
  if (isCommuneCode(q.toUpperCase())) { // a whole commune code, or a postcode (5 digits)
    base = base.where((eb) => eb.or([eb('c.code', '=', q.toUpperCase()), eb(sql<string>`${q}`, '=', sql<string>`ANY(c.postcodes)`)]));
  } else if (isCode) {
    base = base.where((eb) => eb.or([eb('c.code', 'like', `${q.toUpperCase()}%`), eb(sql<string>`array_to_string(c.postcodes, ',')`, 'like', `%${q}%`)]));
  } else if (norm.length > 0) {
    base = base.where((eb) => eb.or([eb('c.searchName', 'like', `${norm}%`), eb('c.searchName', 'like', `% ${norm}%`)]));
  } else {
    return [];
  }
  const communes = await base.orderBy('rank').orderBy('c.populationCount', 'desc').orderBy('c.code').limit(limit).execute();
  const communeResults: SearchResult[] = communes.map((r) => ({
    kind: 'commune',
    code: r.code,
    name: r.name,
    detail: `${r.depName} (${r.depCode}) · ${r.postcodes.slice(0, 2).join(', ')}${r.postcodes.length > 2 ? '…' : ''}`,
    point: pointOf(r.pointJson),
    bbox: bboxOf(r.bboxJson),
  }));
  // Exact area matches first (someone typing "Lozère" means the département), then communes, then named
  // objects (hospital sites, accounts: up to 3 of each).
  const exactArea = areaResults.filter((a) => normalizeSearchText(a.name) === norm || a.code.toUpperCase() === q.toUpperCase());
  const named = isCode || norm.length < 3 ? [] : [...(await searchHealthSites(db, norm, 3)), ...(await searchAccounts(db, norm, 3))];
  const nonNamed = [...exactArea, ...communeResults, ...areaResults.filter((a) => !exactArea.includes(a))];
  // a long commune list must not hide them: up to half the list for named objects when both are many
  const namedRoom = Math.min(named.length, Math.max(limit - nonNamed.length, Math.floor(limit / 2)));
  return [...nonNamed.slice(0, limit - namedRoom), ...named.slice(0, namedRoom)];
}

/**
 * SQL twin of normalizeSearchText (lower case, no accents, "st"/"ste" → "saint"/"sainte", punctuation as
 * space), so FINESS names ("CTRE HOSP … ST GERMAIN") and account names match what the user types.
 * translate() maps both cases: lower() of a non-ASCII letter depends on the database locale (PGlite: C).
 */
const normalizedName = (column: string) =>
  sql<string>`trim(regexp_replace(regexp_replace(regexp_replace(replace(lower(translate(${sql.ref(column)},
    'ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'AAAAAACEEEEIIIINOOOOOUUUUYYaaaaaaceeeeiiiinooooouuuuyy')), 'œ', 'oe'),
    '\\mste\\M', 'sainte', 'g'), '\\mst\\M', 'saint', 'g'), '[^a-z0-9]+', ' ', 'g'))`;
/** `norm` at the start of the name or of one of its words. */
const wordStartMatch = (column: string, norm: string) =>
  sql<boolean>`(${normalizedName(column)} LIKE ${`${norm}%`} OR ${normalizedName(column)} LIKE ${`% ${norm}%`})`;

/** Hospital sites (FINESS géographique) by name. */
async function searchHealthSites(db: Kysely<DB>, norm: string, limit: number): Promise<SearchResult[]> {
  const rows = await db
    .selectFrom('healthSites as s')
    .select(['s.finess', 's.name', 's.city', 's.category', sql<{ coordinates: [number, number] } | null>`ST_AsGeoJSON(s.geom, 6)::json`.as('pointJson')])
    .where(wordStartMatch('s.name', norm))
    .where('s.geom', 'is not', null)
    .orderBy(sql`CASE WHEN ${normalizedName('s.name')} LIKE ${`${norm}%`} THEN 0 ELSE 1 END`)
    .orderBy('s.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ kind: 'site', code: r.finess, name: r.name, detail: [r.category, r.city].filter(Boolean).join(' · '), point: pointOf(r.pointJson), bbox: null }));
}

/** Accounts (rows with a name) of the data layers that are shown (not hidden, not deleted). */
async function searchAccounts(db: Kysely<DB>, norm: string, limit: number): Promise<SearchResult[]> {
  const rows = await db
    .selectFrom('layerFeatures as f')
    .innerJoin('layers as l', 'l.id', 'f.layerId')
    .select(['f.layerId', 'f.key', 'f.name', 'f.category', 'l.name as layerName', sql<{ coordinates: [number, number] } | null>`ST_AsGeoJSON(f.geom, 6)::json`.as('pointJson')])
    .where('l.hidden', '=', false)
    .where('l.deletedAt', 'is', null)
    .where('f.name', 'is not', null)
    .where(wordStartMatch('f.name', norm))
    .orderBy(sql`CASE WHEN ${normalizedName('f.name')} LIKE ${`${norm}%`} THEN 0 ELSE 1 END`)
    .orderBy(sql`length(f.name)`)
    .orderBy('f.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: 'account',
    code: `${r.layerId}:${r.key}`,
    name: r.name!,
    detail: [r.layerName, r.category].filter(Boolean).join(' · '),
    point: pointOf(r.pointJson),
    bbox: null,
  }));
}

export async function countCommunes(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('communes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCommuneLabels(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('communes')
    .select(['code', 'name', 'populationCount', sql<number>`round(ST_X(point)::numeric, 5)::float8`.as('lon'), sql<number>`round(ST_Y(point)::numeric, 5)::float8`.as('lat')])
    .where('point', 'is not', null)
    .orderBy('populationCount', 'desc')
    .execute();
  return rows;
}

export async function listAreaLabels(db: Kysely<DB>, table: 'departements' | 'regions') {
  return db
    .selectFrom(table)
    .select(['code', 'name', 'populationCount', sql<number>`round(ST_X(ST_PointOnSurface(geom))::numeric, 5)::float8`.as('lon'), sql<number>`round(ST_Y(ST_PointOnSurface(geom))::numeric, 5)::float8`.as('lat')])
    .where('geom', 'is not', null)
    .orderBy('code')
    .execute();
}

/** Names of the given communes (current COG codes), by code; unknown codes are simply absent. */
export async function findCommuneNames(db: Kysely<DB>, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('communes').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Communes of a département, by code (same shape as findCommunesInBbox). */
export async function findCommunesOfDepartement(db: Kysely<DB>, departementCode: string) {
  const rows = await db
    .selectFrom('communes')
    .select(['code', 'name', 'populationCount', sql<{ coordinates: [number, number] }>`ST_AsGeoJSON(point, 6)::json`.as('pointJson')])
    .where('departementCode', '=', departementCode)
    .orderBy('code')
    .execute();
  return { communes: rows.map((r) => ({ code: r.code, name: r.name, populationCount: r.populationCount, point: pointOf(r.pointJson) })), truncated: false };
}
