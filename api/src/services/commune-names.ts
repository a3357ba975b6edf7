/** Communes given by name or code (matrix tool, resolve endpoint): one resolution per input, French message when not one commune. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { communesByCode, communesBySearchName } from '../repositories/commune-resolve.js';
import { parseCommuneName, resolveCommuneNames, type CommuneNameResolution, type NamedCommune } from '../domain/territory/commune-names.js';
import { territory } from '../messages/territory.js';
import { COMMUNE_CODE_ANY_CASE_RE as CODE_RE } from '../domain/territory/codes.js';

export type CommuneResolution = CommuneNameResolution & { message?: string };

/** Resolves each input: an INSEE code as itself, a name (with optional "(93)") among the communes of that name. */
export async function resolveCommunes(db: Kysely<DB>, inputs: readonly string[]): Promise<CommuneResolution[]> {
  const codes = inputs.filter((t) => CODE_RE.test(t.trim()));
  const queries = inputs.filter((t) => !CODE_RE.test(t.trim())).map(parseCommuneName);
  const [byCode, candidates] = await Promise.all([communesByCode(db, codes.map((c) => c.trim())), communesBySearchName(db, queries.map((q) => q.searchName))]);
  const codeMap = new Map(byCode.map((c) => [c.code, c]));
  const named = resolveCommuneNames(queries, candidates);
  let k = 0;
  return inputs.map((input): CommuneResolution => {
    if (CODE_RE.test(input.trim())) {
      const commune = codeMap.get(input.trim().toUpperCase());
      return commune ? { input, status: 'found', commune } : { input, status: 'unknown', elsewhere: [], message: territory.communeNotFound(input.trim().toUpperCase()) };
    }
    const r = named[k++];
    if (r.status === 'ambiguous') return { ...r, message: territory.ambiguousName(r.input, r.candidates) };
    if (r.status === 'unknown') return { ...r, message: territory.unknownName(r.input, r.elsewhere) };
    return r;
  });
}

/** The JSON shape of a commune in a resolution. */
export const communeJson = (c: NamedCommune) => ({ code: c.code, name: c.name, departement: { code: c.departementCode, name: c.departementName }, populationCount: c.populationCount });

export function resolutionJson(r: CommuneResolution) {
  if (r.status === 'found') return { input: r.input, status: r.status, commune: communeJson(r.commune) };
  if (r.status === 'ambiguous') return { input: r.input, status: r.status, message: r.message, candidates: r.candidates.map(communeJson) };
  return { input: r.input, status: r.status, message: r.message, candidates: r.elsewhere.map(communeJson) };
}
