/** Name normalisation for record linkage: accents, case, punctuation, common hospital abbreviations. */

const ABBREVIATIONS: Record<string, string[]> = {
  CH: ['CENTRE', 'HOSPITALIER'],
  CHS: ['CENTRE', 'HOSPITALIER', 'SPECIALISE'],
  CHI: ['CENTRE', 'HOSPITALIER', 'INTERCOMMUNAL'],
  CHIC: ['CENTRE', 'HOSPITALIER', 'INTERCOMMUNAL'],
  CHG: ['CENTRE', 'HOSPITALIER'],
  CHU: ['CHU'],
  CHRU: ['CHU'],
  CHR: ['CHU'],
  HL: ['HOPITAL', 'LOCAL'],
  HOP: ['HOPITAL'],
  HP: ['HOPITAL', 'PRIVE'],
  GH: ['GROUPE', 'HOSPITALIER'],
  GHI: ['GROUPE', 'HOSPITALIER', 'INTERCOMMUNAL'],
  CLIN: ['CLINIQUE'],
  CTRE: ['CENTRE'],
  CTR: ['CENTRE'],
  ST: ['SAINT'],
  STE: ['SAINTE'],
  APHP: ['APHP'],
  INTERCO: ['INTERCOMMUNAL'],
  UNIVERSITAIRE: ['CHU'],
  REGIONAL: ['CHU'],
};

const STOPWORDS = new Set(['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'D', 'L', 'ET', 'EN', 'SUR', 'SOUS', 'AU', 'AUX', 'A', 'SITE']);

/** Generic words that say what an establishment is, not which one: they weigh less in the similarity. */
export const GENERIC_TOKENS = new Set([
  'CENTRE', 'HOSPITALIER', 'HOPITAL', 'LOCAL', 'CLINIQUE', 'INTERCOMMUNAL', 'SPECIALISE', 'GROUPE', 'PRIVE', 'CHU', 'SAINT', 'SAINTE',
  'POLYCLINIQUE', 'HOSPITALIERE', 'ETABLISSEMENT', 'SANTE', 'MEDICAL', 'MEDICALE', 'SOINS', 'CENTRAL', 'GENERAL',
]);

export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** "CH DE BOURG-EN-BRESSE" → ["CENTRE","HOSPITALIER","BOURG","BRESSE"]. */
export function nameTokens(name: string): string[] {
  const words = stripAccents(name.toUpperCase()).replace(/AP-HP|A\.P\.-H\.P\./g, 'APHP').replace(/C\.H\.U?\.?/g, (m) => m.replace(/\./g, '')).split(/[^A-Z0-9]+/).filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const expanded = ABBREVIATIONS[w] ?? [w];
    for (const t of expanded) if (!STOPWORDS.has(t)) out.push(t);
  }
  return out;
}

/** Weighted Dice similarity of two token lists (generic words count 0.25, distinctive ones 1). */
export function nameSimilarity(a: string[], b: string[]): number {
  const weight = (t: string) => (GENERIC_TOKENS.has(t) ? 0.25 : 1);
  const sa = new Set(a);
  const sb = new Set(b);
  let common = 0;
  let total = 0;
  for (const t of sa) {
    total += weight(t);
    if (sb.has(t)) common += weight(t);
  }
  for (const t of sb) total += weight(t);
  return total === 0 ? 0 : (2 * common) / total;
}

/** Distinctive tokens of a name (not generic). */
export const distinctiveTokens = (tokens: string[]): string[] => tokens.filter((t) => !GENERIC_TOKENS.has(t) && !/^\d+$/.test(t));
