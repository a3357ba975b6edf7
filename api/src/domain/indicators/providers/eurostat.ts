import type { CommuneFacts, IndicatorDef } from '../registry.js';

export const EUROSTAT_GDP_YEAR = 2020;

export const EUROSTAT_DEFS: IndicatorDef[] = [
  {
    id: 'eurostat_gdp_per_inhabitant', label: 'PIB par habitant du département', unit: '€/hab.', year: String(EUROSTAT_GDP_YEAR), provider: 'eurostat',
    source: 'Eurostat nama_10r_3gdp (PIB aux prix courants) et demo_r_pjanaggr3 (population au 1er janvier), NUTS 2016 niveau 3 = départements',
    definition: 'PIB du département divisé par sa population. Sur une zone : moyenne des PIB par habitant des départements de la zone, pondérée par la population des communes membres.',
    aggregation: { kind: 'weightedMean', weight: 'population' }, field: 'gdpPerInhabitantEur', quality: 'computed',
    note: 'Donnée départementale : chaque commune reçoit la valeur de son département.',
  },
];

/** Each commune gets its département's GDP per inhabitant. */
export function eurostatFacts(communeDepartement: Map<string, string>, gdpPerInhabitant: Map<string, number | null>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const [code, dep] of communeDepartement) {
    const f = into.get(code) ?? {};
    f.gdpPerInhabitantEur = gdpPerInhabitant.get(dep) ?? null;
    into.set(code, f);
  }
  return into;
}
