import type { CommuneFacts, IndicatorDef } from '../registry.js';

const BPE = 'INSEE BPE (c. 2017) via vlarmet/cppRouting';
const PMSI = 'PMSI MCO, séjours par code géographique de résidence : flux 2024 modélisés (modèle gravitaire sur les temps de trajet, totaux ScanSanté)';
const PMSI_NOTE = 'Séjours modélisés, non observés : flux par code géographique PMSI, répartis entre ses communes au prorata de leur population.';

/** Health supply (ids match the `indicators` table rows the health seed writes). Metropolitan France only: DROM have no value. */
export const HEALTH_DEFS: IndicatorDef[] = [
  {
    id: 'health_gp_count', label: 'Médecins généralistes', unit: 'médecins', source: `${BPE}, équipement D201`, year: '2017', provider: 'health',
    definition: 'Médecins généralistes libéraux (BPE D201) ; somme sur la zone. Métropole seulement.', aggregation: { kind: 'sum' }, field: 'gpCount',
  },
  {
    id: 'health_gp_per_10k', label: 'Médecins généralistes pour 10 000 habitants', unit: 'pour 10 000 hab.', source: `${BPE} ; populations légales 2023`, year: '2017', provider: 'health',
    definition: 'Σ médecins généralistes / Σ population × 10 000 (communes renseignées).',
    aggregation: { kind: 'ratio', numerator: 'gpCount', denominator: 'populationWithGp', scale: 10000 },
  },
  {
    id: 'health_maternity_count', label: 'Maternités', unit: 'maternités', source: `${BPE}, équipement D107`, year: '2017', provider: 'health',
    definition: 'Maternités (BPE D107) situées dans la zone. Métropole seulement.', aggregation: { kind: 'sum' }, field: 'maternityCount',
  },
  {
    id: 'health_site_count', label: 'Sites hospitaliers (FINESS)', unit: 'sites', source: 'FINESS, établissements géolocalisés (extraction du 6 mars 2020)', year: '2020', provider: 'health',
    definition: 'Établissements de santé géolocalisés (FINESS ET) situés dans la zone ; somme sur la zone (0 dans une commune sans site).',
    aggregation: { kind: 'sum' }, field: 'healthSiteCount',
  },
  {
    id: 'health_pmsi_stays', label: 'Séjours hospitaliers des habitants (PMSI)', unit: 'séjours', source: PMSI, year: '2024', provider: 'health', quality: 'modelled',
    definition: 'Séjours des habitants de la zone, tous établissements confondus : séjours de chaque code géographique PMSI répartis entre ses communes au prorata de leur population (2017) ; somme sur la zone.',
    aggregation: { kind: 'sum' }, field: 'pmsiStays', note: PMSI_NOTE,
  },
  {
    id: 'health_pmsi_stays_per_1000', label: 'Séjours hospitaliers pour 1 000 habitants (PMSI)', unit: 'pour 1 000 hab.', source: `${PMSI} ; populations légales 2023`, year: '2024', provider: 'health', quality: 'modelled',
    definition: 'Σ séjours des habitants / Σ population × 1 000 (communes dont le code géographique a des séjours).',
    aggregation: { kind: 'ratio', numerator: 'pmsiStays', denominator: 'populationWithPmsi', scale: 1000 }, note: PMSI_NOTE,
  },
];

/** Ids of the PMSI indicators (their facts cost a read of the flows: loaded only when asked). */
export const PMSI_IDS = ['health_pmsi_stays', 'health_pmsi_stays_per_1000'] as const;

export const HEALTH_TABLE_IDS = ['health_gp_count', 'health_maternity_count'] as const;

/** Health facts from the per-commune indicator values (gp count, maternity count); the ratio's denominator is the population of communes with a GP value. */
export function healthFacts(values: Map<string, Record<string, number | null>>, population: Map<string, number>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const [code, v] of values) {
    const f = into.get(code) ?? {};
    const gp = v.health_gp_count ?? null;
    f.gpCount = gp;
    f.maternityCount = v.health_maternity_count ?? null;
    f.populationWithGp = gp === null ? null : (population.get(code) ?? null);
    into.set(code, f);
  }
  return into;
}

/** Hospital sites per commune: every commune of `codes` has a count (0 without a site: a count is never missing). */
export function healthSiteFacts(codes: Iterable<string>, sitesByCommune: Map<string, number>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const code of codes) {
    const f = into.get(code) ?? {};
    f.healthSiteCount = sitesByCommune.get(code) ?? 0;
    into.set(code, f);
  }
  return into;
}

/** One hospital site as a member of a point membership (an isochrone band): it counts 1 site. */
export function healthSitePointFacts(keys: Iterable<string>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const key of keys) into.set(key, { ...into.get(key), healthSiteCount: 1 });
  return into;
}

/**
 * PMSI stays of each commune's residents (already shared out of its code géo by population); null where the
 * code géo has no stays in the data (no value, never 0). The per-1,000 ratio's denominator is the population
 * of communes with a value.
 */
export function pmsiFacts(staysByCommune: Map<string, number | null>, population: Map<string, number>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const [code, stays] of staysByCommune) {
    const f = into.get(code) ?? {};
    f.pmsiStays = stays;
    f.populationWithPmsi = stays === null ? null : (population.get(code) ?? null);
    into.set(code, f);
  }
  return into;
}
