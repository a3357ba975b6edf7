import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { zoneMessages, zoneNotes } from '../messages/zones.js';
import { classifyInput, nameKeysOf, resolveZoneInputs, type Resolution } from '../domain/zones/resolve.js';
import {
  editMembers, membersDiffer, normalizeMembers, polygonMembers, versionNote, POLYGON_RULE, LOCAL_USER,
  type ZoneDetail, type ZoneKind, type ZoneMember, type ZoneSummary,
} from '../domain/zones/zone.js';
import {
  addZoneVersion, communesOfAdmin, findZone, insertZones, listZones, polygonCuts, resolveCandidates, setZoneDeleted,
  updateZoneMeta, zoneGeometry, zoneMembers, zoneVersions, type NewZone, type ZoneRow,
} from '../repositories/zones.js';

export interface CreateZoneInput {
  name: string;
  description?: string;
  kind?: ZoneKind;
  method?: Record<string, unknown>;
  codes?: string[];
  members?: { communeCode: string; weight?: number }[];
  polygon?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  admin?: { level: 'departement' | 'region' | 'epci'; code: string };
}

export interface ZoneResolution {
  formerCodes: { from: string; to: string[] }[];
  repaired: boolean;
  notes: string[];
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toSummary(z: ZoneRow): ZoneSummary {
  return {
    id: z.id, name: z.name, description: z.description, kind: z.kind as ZoneKind, method: z.method as ZoneSummary['method'],
    version: z.version, communeCount: z.communeCount, populationCount: Math.round(Number(z.populationCount)),
    createdAt: iso(z.createdAt), updatedAt: iso(z.updatedAt),
  };
}

/** Resolves typed inputs against the database; unknown or ambiguous inputs → 400 ZONE_UNKNOWN_CODES naming each. */
export async function resolveInputs(db: Kysely<DB>, inputs: readonly string[]): Promise<Resolution> {
  const codes = [...new Set(inputs.map(classifyInput).filter((q) => q.kind !== 'name').map((q) => q.value))];
  const reference = await resolveCandidates(db, { codes, names: nameKeysOf(inputs) });
  return resolveZoneInputs(inputs, reference);
}

function failUnresolved(r: Resolution) {
  if (r.unknown.length) throw new ApiError(400, 'ZONE_UNKNOWN_CODES', zoneMessages.unknownCodes(r.unknown), { unknown: r.unknown, ambiguous: r.ambiguous });
  if (r.ambiguous.length) throw new ApiError(400, 'ZONE_UNKNOWN_CODES', zoneMessages.ambiguousNames(r.ambiguous), { unknown: r.ambiguous.map((a) => a.input), ambiguous: r.ambiguous });
}

function resolutionNotes(r: Resolution): string[] {
  return [...r.formerCodes.map((f) => zoneNotes.formerCode(f.from, f.to)), ...r.postcodes.map((p) => zoneNotes.postcode(p.from, p.to))];
}

/** Members from a polygon: repaired with ST_MakeValid when it crosses itself (said), 400 when nothing polygonal is left. */
async function membersOfPolygon(db: Kysely<DB>, polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon) {
  let cut;
  try {
    cut = await polygonCuts(db, polygon);
  } catch (e) {
    throw new ApiError(400, 'ZONE_INVALID_POLYGON', zoneMessages.invalidPolygon((e as Error).message.slice(0, 200)));
  }
  if (!cut.valid && !cut.repaired) throw new ApiError(400, 'ZONE_INVALID_POLYGON', zoneMessages.invalidPolygon(cut.reason ?? 'surface nulle'), { reason: cut.reason });
  return { members: polygonMembers(cut.cuts), repaired: cut.repaired, reason: cut.reason };
}

/** Builds the members of a new zone from exactly one source (codes, members, polygon, admin territory). */
async function membersFromInput(db: Kysely<DB>, input: CreateZoneInput) {
  const sources = [input.codes, input.members, input.polygon, input.admin].filter((s) => s !== undefined);
  if (sources.length > 1) throw new ApiError(400, 'VALIDATION_FAILED', zoneMessages.oneSource);
  const resolution: ZoneResolution = { formerCodes: [], repaired: false, notes: [] };
  if (input.codes) {
    const r = await resolveInputs(db, input.codes);
    failUnresolved(r);
    Object.assign(resolution, { formerCodes: r.formerCodes, notes: resolutionNotes(r) });
    return { members: normalizeMembers(r.codes.map((c) => ({ communeCode: c, weight: 1 }))), kind: 'list' as ZoneKind, method: { type: 'list', inputCount: input.codes.length }, resolution };
  }
  if (input.members) {
    const r = await resolveInputs(db, input.members.map((m) => m.communeCode));
    failUnresolved(r);
    const to = new Map<string, string[]>([...r.formerCodes.map((f) => [f.from, f.to] as [string, string[]])]);
    const members = input.members.flatMap((m) => (to.get(m.communeCode.trim().toUpperCase()) ?? [m.communeCode.trim().toUpperCase()]).map((c) => ({ communeCode: c, weight: m.weight ?? 1 })));
    Object.assign(resolution, { formerCodes: r.formerCodes, notes: resolutionNotes(r) });
    return { members: normalizeMembers(members), kind: 'list' as ZoneKind, method: { type: 'members' }, resolution };
  }
  if (input.polygon) {
    const p = await membersOfPolygon(db, input.polygon);
    resolution.repaired = p.repaired;
    resolution.notes = [...(p.repaired ? [zoneNotes.repaired] : []), zoneNotes.polygonRule];
    const method = { type: 'polygon', repaired: p.repaired, minShareRatio: POLYGON_RULE.minShareRatio, rule: zoneNotes.polygonRule, polygon: input.polygon };
    return { members: p.members, kind: 'drawn' as ZoneKind, method, resolution };
  }
  if (input.admin) {
    const code = input.admin.code.trim().toUpperCase();
    const area = await communesOfAdmin(db, input.admin.level, code);
    if (!area) throw new ApiError(400, 'ZONE_UNKNOWN_CODES', zoneMessages.unknownAdmin(input.admin.level, code), { unknown: [input.admin.code] });
    return { members: area.codes.map((c) => ({ communeCode: c, weight: 1 })), kind: 'admin' as ZoneKind, method: { type: 'admin', level: input.admin.level, code, name: area.name }, resolution };
  }
  return { members: [] as ZoneMember[], kind: 'list' as ZoneKind, method: { type: 'list' }, resolution };
}

export async function createZone(db: Kysely<DB>, workspaceId: string, input: CreateZoneInput) {
  const built = await membersFromInput(db, input);
  if (!built.members.length) throw new ApiError(400, 'ZONE_EMPTY', built.method.type === 'polygon' ? zoneMessages.polygonOutside : zoneMessages.empty);
  const zone: NewZone = {
    workspaceId, name: input.name, description: input.description ?? '', kind: input.kind ?? built.kind,
    method: { ...built.method, ...(input.method ?? {}) }, createdBy: LOCAL_USER,
  };
  const [id] = await insertZones(db, [{ zone, members: built.members, note: zoneNotes.createdNote }]);
  return { zone: await zoneDetail(db, workspaceId, id), resolution: built.resolution };
}

export async function zoneSummaries(db: Kysely<DB>, workspaceId: string): Promise<ZoneSummary[]> {
  return (await listZones(db, workspaceId)).map(toSummary);
}

/** The zone (404 when absent or deleted, unless `allowDeleted`) and the version asked (404 when absent). */
export async function zoneOr404(db: Kysely<DB>, workspaceId: string, id: string, version?: number, allowDeleted = false) {
  const z = await findZone(db, workspaceId, id);
  if (!z || (z.deletedAt && !allowDeleted)) throw new ApiError(404, 'ZONE_NOT_FOUND', zoneMessages.notFound(id));
  const v = version ?? z.version;
  if (v < 1 || v > z.version) throw new ApiError(404, 'ZONE_VERSION_NOT_FOUND', zoneMessages.versionNotFound(id, v, z.version));
  return { zone: z, version: v };
}

export async function zoneDetail(db: Kysely<DB>, workspaceId: string, id: string, version?: number): Promise<ZoneDetail> {
  const { zone, version: v } = await zoneOr404(db, workspaceId, id, version);
  const versions = await zoneVersions(db, workspaceId, id);
  const mine = versions.find((x) => x.version === v)!;
  const [members, geo] = await Promise.all([zoneMembers(db, workspaceId, id, v), zoneGeometry(db, workspaceId, id, v)]);
  return {
    ...toSummary(zone),
    version: v,
    method: (mine.method ?? zone.method) as ZoneDetail['method'],
    communeCount: mine.communeCount,
    populationCount: Math.round(Number(mine.populationCount)),
    versions: versions.map((x) => ({ version: x.version, createdAt: iso(x.createdAt), communeCount: x.communeCount, note: x.note })),
    members,
    geometry: geo.geometry,
    bbox: geo.bbox,
  };
}

export interface PatchZoneInput {
  name?: string;
  description?: string;
  add?: string[];
  remove?: string[];
  codes?: string[];
}

/** Renames/describes in place; a membership change makes version + 1 (older versions stay readable). */
export async function patchZone(db: Kysely<DB>, workspaceId: string, id: string, patch: PatchZoneInput) {
  const { zone } = await zoneOr404(db, workspaceId, id);
  if (patch.name !== undefined || patch.description !== undefined) await updateZoneMeta(db, workspaceId, id, { name: patch.name, description: patch.description });
  if (patch.add || patch.remove || patch.codes) {
    const current = (await zoneMembers(db, workspaceId, id, zone.version)).map((m) => ({ communeCode: m.communeCode, weight: m.weight }));
    let next: ZoneMember[];
    if (patch.codes) {
      const r = await resolveInputs(db, patch.codes);
      failUnresolved(r);
      next = normalizeMembers(r.codes.map((c) => ({ communeCode: c, weight: current.find((m) => m.communeCode === c)?.weight ?? 1 })));
    } else {
      const add = await resolveInputs(db, patch.add ?? []);
      const remove = await resolveInputs(db, patch.remove ?? []);
      failUnresolved({ ...add, unknown: [...add.unknown, ...remove.unknown], ambiguous: [...add.ambiguous, ...remove.ambiguous] });
      next = editMembers(current, add.codes, remove.codes);
    }
    if (!next.length) throw new ApiError(400, 'ZONE_EMPTY', zoneMessages.empty);
    if (membersDiffer(current, next)) await addZoneVersion(db, workspaceId, id, next, versionNote(current, next));
  }
  return zoneDetail(db, workspaceId, id);
}

export async function deleteZone(db: Kysely<DB>, workspaceId: string, id: string) {
  await zoneOr404(db, workspaceId, id);
  await setZoneDeleted(db, workspaceId, id, true);
  return { deleted: true, restorable: true };
}

export async function restoreZone(db: Kysely<DB>, workspaceId: string, id: string) {
  await zoneOr404(db, workspaceId, id, undefined, true);
  await setZoneDeleted(db, workspaceId, id, false);
  return zoneDetail(db, workspaceId, id);
}

export async function duplicateZone(db: Kysely<DB>, workspaceId: string, id: string, version?: number) {
  const { zone, version: v } = await zoneOr404(db, workspaceId, id, version);
  const members = (await zoneMembers(db, workspaceId, id, v)).map((m) => ({ communeCode: m.communeCode, weight: m.weight }));
  const copy: NewZone = { workspaceId, name: zoneNotes.duplicateName(zone.name), description: zone.description, kind: zone.kind, method: { ...zone.method, copiedFrom: { id, version: v } }, createdBy: LOCAL_USER };
  const [newId] = await insertZones(db, [{ zone: copy, members, note: zoneNotes.duplicateNote(zone.name, v) }]);
  return zoneDetail(db, workspaceId, newId);
}

export { membersOfPolygon, failUnresolved, resolutionNotes };
