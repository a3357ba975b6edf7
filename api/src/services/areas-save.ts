/**
 * Saving trade areas as zones (kind 'trade_area', the method and its parameters stored with them) so that the
 * zone profile, comparison and exports work on them unchanged; and what-if scenarios.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { areasApiText as t } from '../messages/areas-api.js';
import { createZone } from './zones.js';
import { insertScenario, listScenarios } from '../repositories/areas.js';
import { importLayer } from './imports.js';
import type { Database } from '../db/database.js';
import { DEFAULT_WORKSPACE, LOCAL_USER, type ZoneMember } from '../domain/zones/zone.js';

export const MAX_SAVED_ZONES = 60;

export interface SaveInput { name: string; storeKeys?: string[] }

export interface ZoneToSave { name: string; description: string; members: ZoneMember[]; method: Record<string, unknown> }

/** Creates the zones (empty ones skipped and said); 400 beyond MAX_SAVED_ZONES. */
export async function saveTradeAreas(db: Kysely<DB>, zones: readonly ZoneToSave[]) {
  if (zones.length > MAX_SAVED_ZONES) throw new ApiError(400, 'AREAS_TOO_MANY_ZONES', t.tooManyZones(zones.length, MAX_SAVED_ZONES), { count: zones.length, max: MAX_SAVED_ZONES });
  const saved = [];
  const skipped: string[] = [];
  for (const z of zones) {
    if (!z.members.length) {
      skipped.push(z.name);
      continue;
    }
    const { zone } = await createZone(db, DEFAULT_WORKSPACE, { name: z.name, description: z.description, kind: 'trade_area', method: z.method, members: z.members });
    saved.push({ id: zone.id, name: zone.name, communeCount: zone.communeCount, populationCount: zone.populationCount, method: zone.method });
  }
  return { zones: saved, skippedEmpty: skipped };
}

/** The stores whose areas are saved: those named (400 for an unknown key), else the own stores. */
export function storesToSave(keys: readonly string[], own: readonly boolean[], save: SaveInput): number[] {
  if (!save.storeKeys) return keys.flatMap((_, s) => (own[s] ? [s] : []));
  const index = new Map(keys.map((k, s) => [k, s]));
  const unknown = save.storeKeys.filter((k) => !index.has(k));
  if (unknown.length) throw new ApiError(400, 'AREAS_UNKNOWN_STORE_KEYS', t.unknownRoleKeys(unknown), { keys: unknown });
  return save.storeKeys.map((k) => index.get(k)!);
}

export async function saveScenario(db: Kysely<DB>, name: string, request: unknown, summary: unknown) {
  const row = await insertScenario(db, DEFAULT_WORKSPACE, name, request, summary, LOCAL_USER);
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

export async function scenarios(db: Kysely<DB>) {
  return (await listScenarios(db, DEFAULT_WORKSPACE)).map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/**
 * The per-commune result as a computed layer (one point per commune, at its point on surface), with the method in
 * its description and source note: it can be coloured, exported and profiled like any layer. Saving again under
 * the same name replaces its rows (as a re-import does).
 */
export async function saveCommuneLayer(
  database: Database, input: { name: string; description: string; sourceNote: string; synthetic: boolean; measure: string; unit: string },
  codes: readonly string[], values: ArrayLike<number>,
) {
  const rows = [`code_insee;${input.measure}`];
  for (let c = 0; c < codes.length; c++) if (Number.isFinite(values[c])) rows.push(`${codes[c]};${Math.round(values[c] * 1e6) / 1e6}`);
  const result = await importLayer(database, {
    fileName: `${input.measure}.csv`,
    bytes: Buffer.from(rows.join('\n') + '\n'),
    mapping: { key: 'code_insee', communeCode: 'code_insee', measures: [{ column: input.measure, name: input.measure, unit: input.unit, type: 'number' }] },
    layer: { name: input.name, kind: 'computed', description: input.description, sourceNote: input.sourceNote, synthetic: input.synthetic },
    user: LOCAL_USER,
  });
  return { layerId: result.layerId as string, name: input.name, featureCount: result.report.imported as number };
}
