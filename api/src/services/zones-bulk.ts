/**
 * Saving many computed zones at once (flow basins, nearest-actor basins): one transaction, set-based inserts
 * (repositories/zones.ts insertZones), empty zones skipped and said, 400 ZONES_TOO_MANY beyond a cap.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { zoneMessages, zoneNotes } from '../messages/zones.js';
import { DEFAULT_WORKSPACE, LOCAL_USER, normalizeMembers, type ZoneKind, type ZoneMember } from '../domain/zones/zone.js';
import { insertZones, listZoneFigures } from '../repositories/zones.js';

/** Default cap: ~1,000 zones cover France's ~1,100 PMSI codes géo as basins; a save of that size takes a few seconds. */
export const MAX_BULK_ZONES = 1000;

export interface BulkZone {
  name: string; description: string; members: readonly ZoneMember[]; method: Record<string, unknown>;
  /** draw the outline from these PMSI codes géo's shapes (far fewer than the communes: flow basins) */
  outlineCodesGeo?: readonly string[];
}

export interface BulkSaveResult {
  zones: { id: string; name: string; communeCount: number; populationCount: number }[];
  /** names of the zones left out because they have no commune */
  skippedEmpty: string[];
}

export async function saveZones(db: Kysely<DB>, kind: ZoneKind, zones: readonly BulkZone[], opts: { max?: number } = {}): Promise<BulkSaveResult> {
  const max = opts.max ?? MAX_BULK_ZONES;
  if (zones.length > max) throw new ApiError(400, 'ZONES_TOO_MANY', zoneMessages.tooManyZones(zones.length, max), { field: 'save', count: zones.length, max });
  const normalized = zones.map((z) => ({ ...z, members: normalizeMembers(z.members) }));
  const kept = normalized.filter((z) => z.members.length > 0);
  const skippedEmpty = normalized.filter((z) => !z.members.length).map((z) => z.name);
  if (!kept.length) return { zones: [], skippedEmpty };
  const ids = await insertZones(db, kept.map((z) => ({
    zone: { workspaceId: DEFAULT_WORKSPACE, name: z.name, description: z.description, kind, method: z.method, createdBy: LOCAL_USER },
    members: z.members, note: zoneNotes.createdNote, outlineCodesGeo: z.outlineCodesGeo,
  })));
  const figures = new Map((await listZoneFigures(db, DEFAULT_WORKSPACE, ids)).map((f) => [f.id, f]));
  return {
    zones: ids.map((id, k) => ({ id, name: kept[k].name, communeCount: kept[k].members.length, populationCount: Math.round(figures.get(id)?.populationCount ?? 0) })),
    skippedEmpty,
  };
}
