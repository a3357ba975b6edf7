import type { IndicatorDefinition } from '../territory/indicators.js';

/** Health indicators per commune, registered in `indicators` so the map can colour communes by them. */
export const HEALTH_INDICATORS: IndicatorDefinition[] = [
  {
    id: 'health_gp_per_10k',
    label: 'Médecins généralistes pour 10 000 habitants',
    unit: 'pour 10 000 hab.',
    source: 'INSEE BPE (c. 2017, équipement D201) via vlarmet/cppRouting ; populations légales 2023',
    description: 'Médecins généralistes libéraux (BPE D201, c. 2017, codes ramenés au COG 2026) pour 10 000 habitants (population 2023). Communes sans généraliste : 0. Métropole seulement (DROM : non renseigné).',
    year: 2017,
  },
  {
    id: 'health_gp_count',
    label: 'Médecins généralistes',
    unit: 'médecins',
    source: 'INSEE BPE (c. 2017, équipement D201) via vlarmet/cppRouting',
    description: 'Nombre de médecins généralistes libéraux de la commune (BPE D201, c. 2017, COG 2026). Métropole seulement.',
    year: 2017,
  },
  {
    id: 'health_maternity_count',
    label: 'Maternités',
    unit: 'maternités',
    source: 'INSEE BPE (c. 2017, équipement D107) via vlarmet/cppRouting',
    description: 'Nombre de maternités de la commune (BPE D107, c. 2017, COG 2026). Métropole seulement.',
    year: 2017,
  },
];
