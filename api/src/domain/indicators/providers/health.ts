import type { CommuneFacts, IndicatorDef } from '../registry.js';

const BPE = 'INSEE BPE (c. 2017) via vlarmet/cppRouting';

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
];

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
