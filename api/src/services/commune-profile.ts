/** The INSEE description of one commune: the zone-profile figures of the unsaved membership { commune, weight 1 }. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { territory } from '../messages/territory.js';
import { communeProfileNotes } from '../messages/zones.js';
import { isCommuneCode } from '../domain/territory/codes.js';
import { communesByCode } from '../repositories/commune-resolve.js';
import { findReplacements } from '../repositories/territory.js';
import { inseeByCommunes } from '../repositories/insee.js';
import { communeFigures, type ReferenceLevel } from './zone-profile.js';

/**
 * A former code (merged or split commune) is resolved to its successor and said in `resolution`; a split
 * commune's profile is its first successor's (the note names the others). Unknown → 404, malformed → 400.
 */
export async function communeProfile(db: Kysely<DB>, rawCode: string, q: { indicators: string[] | null; reference: ReferenceLevel }) {
  const code = rawCode.trim().toUpperCase();
  if (!isCommuneCode(code)) throw new ApiError(400, 'INVALID_COMMUNE_CODE', territory.invalidCommuneCode(rawCode));
  let [commune] = await communesByCode(db, [code]);
  let resolution = null;
  if (!commune) {
    const replacements = await findReplacements(db, code);
    if (!replacements.length) throw new ApiError(404, 'COMMUNE_NOT_FOUND', territory.communeNotFound(code));
    const replacedBy = replacements.map((r) => ({ code: r.code, name: r.name }));
    [commune] = await communesByCode(db, [replacedBy[0].code]);
    resolution = { oldCode: code, oldName: replacements[0].oldName, kind: replacements[0].kind, replacedBy, note: communeProfileNotes.formerCode(code, replacements[0].oldName, replacedBy) };
  }
  const [figures, insee] = await Promise.all([communeFigures(db, commune.code, q), inseeByCommunes(db, [commune.code])]);
  return { commune: { code: commune.code, name: commune.name }, ...(resolution ? { resolution } : {}), ...figures, indicators: mergedFilosofiNote(figures.indicators, insee.get(commune.code)) };
}

/**
 * A median or a decile of one commune is Filosofi's own figure (the aggregation says `exact`); a commune merged
 * since 2021 keeps « approché »: here its former codes are said.
 */
function mergedFilosofiNote<T extends { id: string; quality?: string | null; note?: string; value: number | null }>(
  indicators: T[], row: { medianApproximate: boolean; sourceCodes: string | null } | undefined,
): T[] {
  if (!row?.medianApproximate) return indicators;
  return indicators.map((ind) => (ind.id.startsWith('filosofi_') && ind.quality === 'approximate' && ind.value !== null
    ? { ...ind, note: communeProfileNotes.mergedFilosofi(row.sourceCodes ?? '') } : ind));
}
