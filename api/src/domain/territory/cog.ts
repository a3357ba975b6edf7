/** INSEE COG entries as the @etalab/decoupage-administratif package lists them. */
export interface CogEntry {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  zone?: string;
  departement?: string;
  region?: string;
  chefLieu?: string;
  commune?: string;
  anciensCodes?: string[];
  codesPostaux?: string[];
  population?: number;
}

const indexes = new WeakMap<CogEntry[], Map<string, string[]>>();

function indexOf(cog: CogEntry[]): Map<string, string[]> {
  let index = indexes.get(cog);
  if (index) return index;
  index = new Map();
  const add = (from: string, to: string) => {
    const list = index!.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    index!.set(from, list);
  };
  const current = new Set(cog.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  for (const c of cog) {
    if (c.type === 'commune-actuelle') add(c.code, c.code);
  }
  for (const c of cog) {
    if (current.has(c.code) && c.type !== 'commune-actuelle') continue; // a current code always means itself
    if (c.type === 'arrondissement-municipal' && c.commune) add(c.code, c.commune);
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) add(c.code, c.chefLieu);
  }
  for (const c of cog) {
    if (c.type !== 'commune-actuelle') continue;
    // A delegated/associated entry states today's membership; `anciensCodes` only fills the gaps.
    for (const old of c.anciensCodes ?? []) if (!current.has(old) && !index.has(old)) add(old, c.code);
  }
  indexes.set(cog, index);
  return index;
}

/**
 * Maps any INSEE commune code (current, former/merged, delegated, municipal arrondissement)
 * to the current COG commune code(s). Empty when unknown; several when a code was split.
 */
export function resolveCommuneCode(cog: CogEntry[], code: string): string[] {
  return indexOf(cog).get(code.trim().toUpperCase()) ?? [];
}
