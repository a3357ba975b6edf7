/**
 * Communes named by their name instead of their INSEE code ("Le Pecq", "Saint-Denis (93)", "Saint-Denis (La Réunion)"):
 * the same name may be several communes, told apart by a département in parentheses. Pure: the candidates
 * (communes whose normalised name matches) are looked up by the caller.
 */
import { normalizeSearchText } from './search-text.js';
import { isDepartementCode } from './codes.js';

export interface NamedCommune {
  code: string;
  name: string;
  searchName: string;
  departementCode: string;
  departementName: string;
  populationCount: number;
}

/** What a user typed, split into the name and the optional département ("93", "2A", "974" or its name). */
export interface CommuneNameQuery {
  text: string;
  /** Normalised name (normalizeSearchText), to match communes.search_name. */
  searchName: string;
  /** Département code or normalised name given in parentheses, or null. */
  departement: string | null;
}

export type CommuneNameResolution =
  | { input: string; status: 'found'; commune: NamedCommune }
  | { input: string; status: 'ambiguous'; candidates: NamedCommune[] }
  | { input: string; status: 'unknown'; elsewhere: NamedCommune[] };

const WITH_DEPARTEMENT = /^(.*?)\s*\(([^()]+)\)\s*$/;

export function parseCommuneName(text: string): CommuneNameQuery {
  const t = text.trim();
  const m = WITH_DEPARTEMENT.exec(t);
  if (!m) return { text: t, searchName: normalizeSearchText(t), departement: null };
  const dep = m[2].trim();
  return { text: t, searchName: normalizeSearchText(m[1]), departement: isDepartementCode(dep.toUpperCase()) ? dep.toUpperCase() : normalizeSearchText(dep) };
}

const inDepartement = (c: NamedCommune, dep: string) => c.departementCode === dep || normalizeSearchText(c.departementName) === dep;

/**
 * One resolution per query, in order: found (one commune), ambiguous (several: the candidates, most populated
 * first) or unknown (none; `elsewhere` lists communes of that name in other départements when one was given).
 */
export function resolveCommuneNames(queries: readonly CommuneNameQuery[], candidates: readonly NamedCommune[]): CommuneNameResolution[] {
  const byName = new Map<string, NamedCommune[]>();
  for (const c of candidates) byName.set(c.searchName, [...(byName.get(c.searchName) ?? []), c]);
  for (const list of byName.values()) list.sort((a, b) => b.populationCount - a.populationCount || a.code.localeCompare(b.code));
  return queries.map((q) => {
    const named = byName.get(q.searchName) ?? [];
    const matching = q.departement === null ? named : named.filter((c) => inDepartement(c, q.departement!));
    if (matching.length === 1) return { input: q.text, status: 'found', commune: matching[0] };
    if (matching.length > 1) return { input: q.text, status: 'ambiguous', candidates: matching };
    return { input: q.text, status: 'unknown', elsewhere: named };
  });
}

/** How a commune is written so that it resolves back to itself: "Saint-Denis (93)". */
export const communeLabel = (c: Pick<NamedCommune, 'name' | 'departementCode'>) => `${c.name} (${c.departementCode})`;
