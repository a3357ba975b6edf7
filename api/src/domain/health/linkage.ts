import { departementOfFiness } from './finess.js';
import { distinctiveTokens, nameSimilarity, nameTokens } from './names.js';

/**
 * Transparent EJ → ET record linkage. ScanSanté gives public/ESPIC activity per legal entity
 * (FINESS EJ); the FINESS site file lists geographic establishments (ET) with no EJ. Candidates
 * are sites of the same département (from the FINESS prefix) whose category can carry MCO activity;
 * the score adds up named, explainable parts so every link can be read back.
 */

export interface LinkEntity {
  finess: string;
  name: string;
  /** ScanSanté category: CH, CHR/U, CLCC, PSPH/EBNL, PRIVÉ. */
  category: string | null;
}

export interface LinkSite {
  finess: string;
  name: string;
  city: string;
  /** FINESS category label (GISCO facility_type). */
  category: string;
  status: string;
}

export interface EntitySiteLink {
  ej: string;
  et: string;
  score: number;
  confidence: 'exact' | 'high' | 'medium';
  /** Score parts, for the report and the UI. */
  reasons: string[];
}

export interface LinkageResult {
  links: EntitySiteLink[];
  unmatched: { ej: string; name: string; category: string | null; departement: string; bestCandidate: { et: string; name: string; score: number } | null }[];
}

/** FINESS categories of sites that can hold MCO activity (no long-stay, psychiatry-only or SSR-only sites). */
const MCO_SITE_CATEGORIES = new Set([
  'Centre Hospitalier (C.H.)', 'Centre Hospitalier Régional (C.H.R.)', 'Centre hospitalier, ex Hôpital local', 'Centre de Lutte Contre Cancer',
  'Etablissement de Soins Pluridisciplinaire', 'Etablissement de Soins Chirurgicaux', 'Etablissement de Soins Médicaux',
  'Etablissement Soins Obstétriques Chirurgico-Gynécologiques',
]);

const COMPATIBLE: Record<string, string[]> = {
  CH: ['Centre Hospitalier (C.H.)', 'Centre hospitalier, ex Hôpital local'],
  'CHR/U': ['Centre Hospitalier Régional (C.H.R.)'],
  CLCC: ['Centre de Lutte Contre Cancer'],
  'PSPH/EBNL': ['Etablissement de Soins Pluridisciplinaire', 'Etablissement de Soins Chirurgicaux', 'Etablissement de Soins Médicaux', 'Etablissement Soins Obstétriques Chirurgico-Gynécologiques'],
  PRIVÉ: ['Etablissement de Soins Pluridisciplinaire', 'Etablissement de Soins Chirurgicaux', 'Etablissement de Soins Médicaux', 'Etablissement Soins Obstétriques Chirurgico-Gynécologiques'],
};

/** Multi-site groups whose sites lie outside the EJ's département: EJ → extra départements and a name marker. */
const GROUPS: Record<string, { departements: string[]; marker: string }> = {
  '750712184': { departements: ['75', '92', '93', '94', '95', '60', '91', '77', '78', '64', '83'], marker: 'APHP' },
};

export const LINK_THRESHOLD = 0.5;
const BEST_MARGIN = 0.15;

export function scorePair(ej: LinkEntity, site: LinkSite): { score: number; reasons: string[] } {
  const a = nameTokens(ej.name);
  const b = nameTokens(site.name);
  const reasons: string[] = [];
  const sim = nameSimilarity(a, b);
  let score = 0.6 * sim;
  reasons.push(`name ${sim.toFixed(2)}`);
  const cityTokens = distinctiveTokens(nameTokens(site.city));
  const ejDistinct = new Set(distinctiveTokens(a));
  if (cityTokens.length && cityTokens.every((t) => ejDistinct.has(t))) {
    score += 0.2;
    reasons.push(`city ${site.city} in EJ name`);
  }
  const compatible = ej.category ? COMPATIBLE[ej.category]?.includes(site.category) : false;
  if (compatible) {
    score += 0.2;
    reasons.push('category compatible');
  }
  const group = GROUPS[ej.finess];
  const isChu = ej.category === 'CHR/U' && site.category === 'Centre Hospitalier Régional (C.H.R.)';
  if ((group && b.includes(group.marker)) || (isChu && !group)) {
    score = Math.max(score, 0.75);
    reasons.push(group ? `site of group ${group.marker}` : 'C.H.R. site in the CHU\'s département');
  }
  return { score: Math.round(Math.min(score, 1) * 1000) / 1000, reasons };
}

/** Links every entity to its site(s). Entities whose own number is a site (OQN clinics, some ESPIC) link exactly. */
export function linkEntitiesToSites(entities: LinkEntity[], sites: LinkSite[]): LinkageResult {
  const byDep = new Map<string, LinkSite[]>();
  const byCode = new Map(sites.map((s) => [s.finess, s]));
  const siteName = new Map(sites.map((s) => [s.finess, s.name]));
  for (const s of sites) {
    if (!MCO_SITE_CATEGORIES.has(s.category)) continue;
    const d = departementOfFiness(s.finess);
    if (!byDep.has(d)) byDep.set(d, []);
    byDep.get(d)!.push(s);
  }
  const result: LinkageResult = { links: [], unmatched: [] };
  const candidates: EntitySiteLink[] = [];
  for (const ej of entities) {
    const own = byCode.get(ej.finess);
    if (own) {
      result.links.push({ ej: ej.finess, et: own.finess, score: 1, confidence: 'exact', reasons: ['same FINESS number'] });
      continue;
    }
    const deps = GROUPS[ej.finess]?.departements ?? [departementOfFiness(ej.finess)];
    const scored = deps
      .flatMap((d) => byDep.get(d) ?? [])
      .map((s) => ({ s, ...scorePair(ej, s) }))
      .sort((x, y) => y.score - x.score || x.s.finess.localeCompare(y.s.finess));
    // Sites of one entity score alike (same name stem); a clearly weaker candidate is another entity's site.
    const kept = scored.filter((c) => c.score >= LINK_THRESHOLD && c.score >= scored[0].score - BEST_MARGIN);
    if (!kept.length) {
      const best = scored[0];
      result.unmatched.push({
        ej: ej.finess, name: ej.name, category: ej.category, departement: departementOfFiness(ej.finess),
        bestCandidate: best ? { et: best.s.finess, name: best.s.name, score: best.score } : null,
      });
      continue;
    }
    for (const c of kept) {
      candidates.push({ ej: ej.finess, et: c.s.finess, score: c.score, confidence: c.score >= 0.75 ? 'high' : 'medium', reasons: c.reasons });
    }
  }
  // A site belongs to one legal entity: when two entities claim it, the best-scoring claim wins.
  const bestForSite = new Map<string, number>();
  for (const c of candidates) bestForSite.set(c.et, Math.max(bestForSite.get(c.et) ?? 0, c.score));
  const exactSites = new Set(result.links.map((l) => l.et));
  const kept = candidates.filter((c) => c.score === bestForSite.get(c.et) && !exactSites.has(c.et));
  result.links.push(...kept);
  const linked = new Set(result.links.map((l) => l.ej));
  for (const ej of entities) {
    if (linked.has(ej.finess) || result.unmatched.some((u) => u.ej === ej.finess)) continue;
    const lost = candidates.filter((c) => c.ej === ej.finess).sort((a, b) => b.score - a.score)[0];
    result.unmatched.push({
      ej: ej.finess, name: ej.name, category: ej.category, departement: departementOfFiness(ej.finess),
      bestCandidate: lost ? { et: lost.et, name: siteName.get(lost.et) ?? '', score: lost.score } : null,
    });
  }
  return result;
}

/** Applies user overrides (stored apart, so a re-run keeps them): a pair is forced in or out. */
export function applyLinkOverrides(links: EntitySiteLink[], overrides: { ej: string; et: string; linked: boolean }[]): EntitySiteLink[] {
  const key = (ej: string, et: string) => `${ej}|${et}`;
  const off = new Set(overrides.filter((o) => !o.linked).map((o) => key(o.ej, o.et)));
  const kept = links.filter((l) => !off.has(key(l.ej, l.et)));
  const present = new Set(kept.map((l) => key(l.ej, l.et)));
  for (const o of overrides) {
    if (o.linked && !present.has(key(o.ej, o.et))) kept.push({ ej: o.ej, et: o.et, score: 1, confidence: 'exact', reasons: ['user override'] });
  }
  return kept;
}
