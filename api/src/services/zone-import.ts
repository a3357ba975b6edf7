import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { zoneMessages, zoneNotes } from '../messages/zones.js';
import { parseZoneFile, type ZoneFileError } from '../domain/zones/zone-file.js';
import { normalizeMembers, LOCAL_USER, POLYGON_RULE, type ZoneMember } from '../domain/zones/zone.js';
import { insertZones, listZones, type NewZone } from '../repositories/zones.js';
import { membersOfPolygon, resolveInputs, toSummary } from './zones.js';

export const MAX_ZONE_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Imports a zone file (CSV `code_commune;zone` or GeoJSON of polygons): every row is checked first; any row
 * in error → 422 with the row-level report and nothing stored; otherwise all zones are stored in one transaction.
 */
export async function importZoneFile(db: Kysely<DB>, workspaceId: string, file: { fileName: string; text: string }) {
  const parsed = parseZoneFile(file.text, file.fileName);
  const errors: ZoneFileError[] = [...parsed.errors];
  const allInputs = parsed.entries.flatMap((e) => e.inputs ?? []);
  const resolution = await resolveInputs(db, allInputs);
  const unknown = new Set(resolution.unknown);
  const ambiguous = new Map(resolution.ambiguous.map((a) => [a.input, a.candidates]));
  const formerTo = new Map(resolution.formerCodes.map((f) => [f.from, f.to]));
  const postTo = new Map(resolution.postcodes.map((f) => [f.from, f.to]));
  const nameTo = new Map(resolution.names.map((f) => [f.from, [f.to]]));
  const notes = [...resolution.formerCodes.map((f) => zoneNotes.formerCode(f.from, f.to))];
  const ready: { zone: NewZone; members: ZoneMember[]; note: string }[] = [];
  let repairedCount = 0;
  for (const entry of parsed.entries) {
    let members: ZoneMember[] = [];
    let membership: 'codes' | 'polygon' = 'codes';
    let repaired = false;
    if (entry.inputs) {
      entry.inputs.forEach((raw, i) => {
        const input = raw.trim();
        const row = entry.inputRows?.[i] ?? entry.row;
        const field = parsed.format === 'csv' ? 'code_commune' : 'communeCodes';
        if (unknown.has(input)) return errors.push({ row, field, reason: zoneMessages.rowUnknownCode(input) });
        if (ambiguous.has(input)) return errors.push({ row, field, reason: zoneMessages.rowAmbiguous(input, ambiguous.get(input)!) });
        const key = input.toUpperCase();
        const codes = formerTo.get(key) ?? postTo.get(key) ?? nameTo.get(input) ?? [key];
        for (const c of codes) members.push({ communeCode: c, weight: entry.weights?.[i] ?? 1 });
      });
    } else if (entry.polygon) {
      membership = 'polygon';
      try {
        const p = await membersOfPolygon(db, entry.polygon);
        members = p.members;
        repaired = p.repaired;
        if (repaired) repairedCount++;
        if (!members.length) errors.push({ row: entry.row, field: 'geometry', reason: zoneMessages.rowPolygonEmpty });
      } catch (e) {
        errors.push({ row: entry.row, field: 'geometry', reason: zoneMessages.rowPolygon(e instanceof ApiError ? e.message : String(e)) });
      }
    }
    const method = { type: 'import', format: parsed.format, fileName: file.fileName, membership, ...(membership === 'polygon' ? { repaired, minShareRatio: POLYGON_RULE.minShareRatio, rule: zoneNotes.polygonRule } : {}) };
    ready.push({ zone: { workspaceId, name: entry.zone, description: '', kind: 'import', method, createdBy: LOCAL_USER }, members: normalizeMembers(members), note: `Import de ${file.fileName || 'fichier'}` });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
    throw new ApiError(422, 'ZONE_IMPORT_INVALID_ROWS', zoneMessages.importInvalid(new Set(errors.map((e) => e.row)).size), errors);
  }
  const ids = new Set(await insertZones(db, ready));
  const zones = (await listZones(db, workspaceId)).filter((z) => ids.has(z.id)).map(toSummary);
  return {
    zones,
    report: {
      format: parsed.format,
      zoneCount: zones.length,
      communeCount: ready.reduce((s, z) => s + z.members.length, 0),
      formerCodes: resolution.formerCodes,
      repairedPolygonCount: repairedCount,
      notes: [...notes, ...(repairedCount ? [zoneNotes.repaired] : [])],
    },
  };
}
