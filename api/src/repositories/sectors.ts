/**
 * All the SQL of sales sectors (issue 16): plans, immutable versions with their sectors and assignments, and the
 * commune facts, layer workloads and zone members a plan is built from. Workspace always a parameter.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface SectorRow {
  key: string; name: string; owner: string | null; colour: string | null;
  baseLon: number | null; baseLat: number | null; baseCommuneCode: string | null; locked: boolean;
}
export interface AssignmentRow { communeCode: string; sectorKey: string; locked: boolean }
export interface NewVersion {
  parentVersion: number | null; note: string; options: Record<string, unknown>; kpis: unknown;
  sectors: readonly SectorRow[]; assignments: readonly AssignmentRow[];
}
export interface PlanRow { id: string; name: string; currentVersion: number; createdAt: Date; updatedAt: Date }
export interface VersionRow { version: number; parentVersion: number | null; note: string; options: Record<string, unknown>; kpis: unknown; createdAt: Date }
export interface CommuneFact { code: string; name: string; populationCount: number; areaKm2: number | null; lon: number | null; lat: number | null }

const BATCH = 2000;

/** Creates a plan with its version 1, in one transaction. */
export async function insertPlan(db: Kysely<DB>, workspaceId: string, name: string, v: NewVersion): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('sectorPlans').values({ workspaceId, name }).returning('id').executeTakeFirstOrThrow();
    await writeVersion(trx, workspaceId, id, 1, v);
    return id;
  });
}

/** Appends version n + 1 (the plan's current version becomes it); returns its number. */
export async function appendVersion(db: Kysely<DB>, workspaceId: string, planId: string, v: NewVersion): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { currentVersion } = await trx.selectFrom('sectorPlans').select('currentVersion').where('id', '=', planId).where('workspaceId', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
    const { max } = await trx.selectFrom('sectorPlanVersions').select((e) => e.fn.max('version').as('max')).where('planId', '=', planId).executeTakeFirstOrThrow();
    const version = Math.max(Number(max ?? 0), currentVersion) + 1;
    await writeVersion(trx, workspaceId, planId, version, v);
    await trx.updateTable('sectorPlans').set({ currentVersion: version, updatedAt: new Date() }).where('id', '=', planId).execute();
    return version;
  });
}

async function writeVersion(trx: Kysely<DB>, workspaceId: string, planId: string, version: number, v: NewVersion): Promise<void> {
  await trx.insertInto('sectorPlanVersions').values({
    planId, version, workspaceId, parentVersion: v.parentVersion, note: v.note, options: JSON.stringify(v.options), kpis: JSON.stringify(v.kpis ?? {}),
  }).execute();
  if (v.sectors.length) {
    await trx.insertInto('sectorPlanSectors').values(v.sectors.map((s, position) => ({ planId, version, position, ...s }))).execute();
  }
  for (let i = 0; i < v.assignments.length; i += BATCH) {
    await trx.insertInto('sectorPlanAssignments').values(v.assignments.slice(i, i + BATCH).map((a) => ({ planId, version, ...a }))).execute();
  }
}

export async function listPlans(db: Kysely<DB>, workspaceId: string): Promise<PlanRow[]> {
  return db.selectFrom('sectorPlans').select(['id', 'name', 'currentVersion', 'createdAt', 'updatedAt'])
    .where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).orderBy('updatedAt', 'desc').execute();
}

export async function findPlan(db: Kysely<DB>, workspaceId: string, id: string): Promise<PlanRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('sectorPlans').select(['id', 'name', 'currentVersion', 'createdAt', 'updatedAt'])
    .where('workspaceId', '=', workspaceId).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function listVersions(db: Kysely<DB>, workspaceId: string, planId: string): Promise<Omit<VersionRow, 'kpis'>[]> {
  const rows = await db.selectFrom('sectorPlanVersions').select(['version', 'parentVersion', 'note', 'options', 'createdAt'])
    .where('workspaceId', '=', workspaceId).where('planId', '=', planId).orderBy('version').execute();
  return rows.map((r) => ({ ...r, options: (r.options ?? {}) as Record<string, unknown> }));
}

/** One version with its sectors (in their order) and assignments (by commune code); undefined when absent. */
export async function readVersion(db: Kysely<DB>, workspaceId: string, planId: string, version: number) {
  const v = await db.selectFrom('sectorPlanVersions').select(['version', 'parentVersion', 'note', 'options', 'kpis', 'createdAt'])
    .where('workspaceId', '=', workspaceId).where('planId', '=', planId).where('version', '=', version).executeTakeFirst();
  if (!v) return undefined;
  const sectors = await db.selectFrom('sectorPlanSectors').select(['key', 'name', 'owner', 'colour', 'baseLon', 'baseLat', 'baseCommuneCode', 'locked'])
    .where('planId', '=', planId).where('version', '=', version).orderBy('position').execute();
  const assignments = await db.selectFrom('sectorPlanAssignments').select(['communeCode', 'sectorKey', 'locked'])
    .where('planId', '=', planId).where('version', '=', version).orderBy('communeCode').execute();
  return {
    version: { ...v, options: (v.options ?? {}) as Record<string, unknown> } as VersionRow,
    sectors: sectors.map((s) => ({ ...s, baseLon: s.baseLon === null ? null : Number(s.baseLon), baseLat: s.baseLat === null ? null : Number(s.baseLat) })),
    assignments,
  };
}

/** Population, area and point of the given communes, by code (unknown codes absent). */
export async function communeFacts(db: Kysely<DB>, codes: readonly string[]): Promise<CommuneFact[]> {
  if (!codes.length) return [];
  const { rows } = await sql<CommuneFact>`
    SELECT code, name, population_count AS "populationCount", area_km2 AS "areaKm2", ST_X(point) AS lon, ST_Y(point) AS lat
    FROM communes WHERE code = ANY(${[...codes]}::text[]) ORDER BY code`.execute(db);
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return rows.map((r) => ({ ...r, populationCount: Number(r.populationCount), areaKm2: num(r.areaKm2), lon: num(r.lon), lat: num(r.lat) }));
}

/** The commune whose outline holds a point, or null (at sea, abroad). */
export async function communeAt(db: Kysely<DB>, lon: number, lat: number): Promise<string | null> {
  const { rows } = await sql<{ code: string }>`
    SELECT code FROM communes WHERE geom IS NOT NULL AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)) ORDER BY code LIMIT 1`.execute(db);
  return rows[0]?.code ?? null;
}

export async function layerMeasures(db: Kysely<DB>, layerId: string): Promise<{ id: string; name: string; measures: { name: string; type: string; unit?: string }[] } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(layerId)) return undefined;
  const { rows } = await sql<{ id: string; name: string; measures: { name: string; type: string; unit?: string }[] }>`
    SELECT id, name, measures FROM layers WHERE id = ${layerId}::uuid AND deleted_at IS NULL`.execute(db);
  return rows[0] ? { ...rows[0], measures: rows[0].measures ?? [] } : undefined;
}

/**
 * Workload per commune from a layer: its feature count, or the sum of a numeric measure. Communes with no feature
 * carrying a number for the measure are absent (the service says how many and applies the user's choice).
 */
export async function layerWorkload(db: Kysely<DB>, layerId: string, codes: readonly string[], measure?: string): Promise<Map<string, number>> {
  const value = measure
    ? sql`sum(CASE WHEN jsonb_typeof(f.measures -> ${measure}) = 'number' THEN (f.measures ->> ${measure})::float8 END)`
    : sql`count(*)::float8`;
  const { rows } = await sql<{ code: string; v: number | null }>`
    SELECT f.commune_code AS code, ${value} AS v FROM layer_features f
    WHERE f.layer_id = ${layerId}::uuid AND f.commune_code = ANY(${[...codes]}::text[]) GROUP BY f.commune_code`.execute(db);
  return new Map(rows.filter((r) => r.v !== null).map((r) => [r.code, Number(r.v)]));
}

/** Members (current version) of the given zones of a workspace, with each zone's name. */
export async function zoneMembersOf(db: Kysely<DB>, workspaceId: string, zoneIds: readonly string[]) {
  const ids = zoneIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!ids.length) return { zones: [], members: [] };
  const zones = await sql<{ id: string; name: string }>`
    SELECT id, name FROM zones WHERE workspace_id = ${workspaceId} AND id = ANY(${ids}::uuid[]) AND deleted_at IS NULL`.execute(db);
  const members = await sql<{ zoneId: string; communeCode: string }>`
    SELECT m.zone_id AS "zoneId", m.commune_code AS "communeCode" FROM zone_members m JOIN zones z ON z.id = m.zone_id AND m.version = z.current_version
    WHERE z.workspace_id = ${workspaceId} AND z.id = ANY(${ids}::uuid[]) AND z.deleted_at IS NULL ORDER BY m.commune_code`.execute(db);
  return { zones: zones.rows, members: members.rows };
}
