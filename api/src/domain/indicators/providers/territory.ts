import type { CommuneFacts, IndicatorDef } from '../registry.js';

const POP_SOURCE = 'INSEE, populations légales en vigueur en 2026 (millésime 2023), via @etalab/decoupage-administratif';

/** Population, area, density and change 2016–2023 (territory reference; ids match the `indicators` table). */
export const TERRITORY_DEFS: IndicatorDef[] = [
  {
    id: 'population', label: 'Population municipale', unit: 'habitants', source: POP_SOURCE, year: '2023', provider: 'territory',
    definition: 'Population municipale (COG 2026). Sur une zone : somme des communes membres (pondérées par leur part dans la zone).',
    aggregation: { kind: 'sum' },
  },
  {
    id: 'area', label: 'Surface', unit: 'km²', source: 'Contours IGN Admin Express COG 2018 (surface géodésique)', year: '2018', provider: 'territory', field: 'areaKm2',
    definition: 'Surface géodésique des contours communaux ; non calculée pour les contours approximatifs (communes créées depuis 2018 sans contour propre).',
    aggregation: { kind: 'sum' },
  },
  {
    id: 'density', label: 'Densité de population', unit: 'hab./km²', source: 'INSEE populations légales 2023 ; surfaces IGN Admin Express 2018', year: '2023', provider: 'territory',
    definition: 'Population divisée par la surface ; sur une zone : somme des populations / somme des surfaces (communes dont la surface est connue).',
    aggregation: { kind: 'ratio', numerator: 'population', denominator: 'areaKm2', scale: 1 },
  },
  {
    id: 'population_change_2016_2023', label: 'Évolution de la population 2016–2023', unit: '%', year: '2023', provider: 'territory',
    source: 'INSEE populations 2016 (table ATIH codes géographiques 2019) et populations légales 2023',
    definition: 'Variation relative de la population municipale entre 2016 et 2023 ; sur une zone : (Σ pop. 2023 − Σ pop. 2016) / Σ pop. 2016, communes dont la population 2016 est connue.',
    aggregation: { kind: 'ratio', numerator: 'populationDelta20162023', denominator: 'population2016', scale: 100 },
  },
];

export interface CommuneBaseRow {
  code: string;
  populationCount: number;
  areaKm2: number | null;
  geometryStatus: string;
}

/** Territory facts: population, area (unknown for approximate contours), population 2016 derived back from the stored change. */
export function territoryFacts(rows: readonly CommuneBaseRow[], change2016: Map<string, number | null>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const r of rows) {
    const f = into.get(r.code) ?? {};
    const area = r.areaKm2 && r.geometryStatus !== 'approximate_parent_2018' ? r.areaKm2 : null;
    const pct = change2016.get(r.code);
    const pop2016 = pct === null || pct === undefined ? null : r.populationCount / (1 + pct / 100);
    f.population = r.populationCount;
    f.areaKm2 = area;
    f.population2016 = pop2016;
    f.populationDelta20162023 = pop2016 === null ? null : r.populationCount - pop2016;
    into.set(r.code, f);
  }
  return into;
}
