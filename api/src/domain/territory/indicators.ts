/** Indicator definitions shipped with the territory reference (registry rows in `indicators`). */
export interface IndicatorDefinition {
  id: string;
  label: string;
  unit: string;
  source: string;
  description: string;
  year: number | null;
}

export const TERRITORY_INDICATORS: IndicatorDefinition[] = [
  {
    id: 'population',
    label: 'Population municipale',
    unit: 'habitants',
    source: 'INSEE, populations légales en vigueur en 2026 (millésime 2023), via @etalab/decoupage-administratif',
    description: 'Population municipale de la commune (COG 2026).',
    year: 2023,
  },
  {
    id: 'density',
    label: 'Densité de population',
    unit: 'hab./km²',
    source: 'INSEE populations légales 2023 ; surfaces calculées sur les contours IGN Admin Express 2018',
    description: 'Population municipale divisée par la surface géodésique du contour (non calculée pour les contours approximatifs).',
    year: 2023,
  },
  {
    id: 'population_change_2016_2023',
    label: 'Évolution de la population 2016–2023',
    unit: '%',
    source: 'INSEE populations 2016 (table ATIH codes géographiques 2019) et populations légales 2023',
    description: 'Variation relative de la population municipale entre 2016 et 2023, communes ramenées au COG 2026 (fusions additionnées ; non calculée pour les communes scindées depuis).',
    year: 2023,
  },
];
