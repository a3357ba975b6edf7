import type { CommuneFacts, IndicatorDef } from '../registry.js';
import type { ComparateurCounts } from '../../territory/insee-parse.js';

const COMPARATEUR = 'INSEE, base du comparateur de territoires (juin 2024), communes ramenées au COG 2026';

/** INSEE comparateur de territoires: population 2021/2015, households, births/deaths, employment. */
export const INSEE_DEFS: IndicatorDef[] = [
  {
    id: 'insee_population_2021', label: 'Population 2021 (recensement)', unit: 'habitants', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: 'Population municipale au recensement 2021 ; somme sur la zone.', aggregation: { kind: 'sum' }, field: 'inseePopulation2021',
  },
  {
    id: 'insee_population_change_2015_2021', label: 'Évolution de la population 2015–2021', unit: '%', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: '(Σ pop. 2021 − Σ pop. 2015) / Σ pop. 2015, communes renseignées aux deux dates.',
    aggregation: { kind: 'ratio', numerator: 'inseePopulationDelta20152021', denominator: 'inseePopulation2015', scale: 100 },
  },
  {
    id: 'insee_households_2021', label: 'Ménages', unit: 'ménages', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: 'Nombre de ménages (résidences principales) au recensement 2021 ; somme sur la zone.', aggregation: { kind: 'sum' }, field: 'inseeHouseholds2021',
  },
  {
    id: 'insee_persons_per_household', label: 'Personnes par ménage', unit: 'personnes', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: 'Σ population 2021 / Σ ménages 2021 (population des ménages approchée par la population municipale).',
    aggregation: { kind: 'ratio', numerator: 'inseePopulationWithHouseholds2021', denominator: 'inseeHouseholds2021', scale: 1 },
  },
  {
    id: 'insee_births_per_1000', label: 'Naissances pour 1 000 habitants', unit: '‰', source: COMPARATEUR, year: '2022', provider: 'insee',
    definition: 'Naissances domiciliées 2022 pour 1 000 habitants (population 2021) : Σ naissances / Σ population × 1 000.',
    aggregation: { kind: 'ratio', numerator: 'inseeBirths2022', denominator: 'inseePopulation2021', scale: 1000 },
  },
  {
    id: 'insee_deaths_per_1000', label: 'Décès pour 1 000 habitants', unit: '‰', source: COMPARATEUR, year: '2022', provider: 'insee',
    definition: 'Décès domiciliés 2022 pour 1 000 habitants (population 2021) : Σ décès / Σ population × 1 000.',
    aggregation: { kind: 'ratio', numerator: 'inseeDeaths2022', denominator: 'inseePopulation2021', scale: 1000 },
  },
  {
    id: 'insee_unemployment_rate', label: 'Taux de chômage des 15–64 ans', unit: '%', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: 'Chômeurs de 15–64 ans / actifs de 15–64 ans (au sens du recensement) : rapport des sommes sur la zone.',
    aggregation: { kind: 'ratio', numerator: 'inseeUnemployed15642021', denominator: 'inseeActive15642021', scale: 100 },
  },
  {
    id: 'insee_activity_rate', label: "Taux d'activité des 15–64 ans", unit: '%', source: COMPARATEUR, year: '2021', provider: 'insee',
    definition: 'Actifs de 15–64 ans / population de 15–64 ans : rapport des sommes sur la zone.',
    aggregation: { kind: 'ratio', numerator: 'inseeActive15642021', denominator: 'inseePop15642021', scale: 100 },
  },
];

/** One commune's comparateur counts as the facts read them (the parser's field list). */
export type InseeFactsRow = { communeCode: string } & ComparateurCounts;

export function inseeFacts(rows: Iterable<InseeFactsRow>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const r of rows) {
    const f = into.get(r.communeCode) ?? {};
    f.inseePopulation2021 = r.population2021;
    f.inseePopulation2015 = r.population2015;
    f.inseePopulationDelta20152021 = r.population2021 !== null && r.population2015 !== null ? r.population2021 - r.population2015 : null;
    f.inseeHouseholds2021 = r.households2021;
    f.inseePopulationWithHouseholds2021 = r.households2021 !== null ? r.population2021 : null;
    f.inseeBirths2022 = r.births2022;
    f.inseeDeaths2022 = r.deaths2022;
    f.inseePop15642021 = r.pop15642021;
    f.inseeActive15642021 = r.active15642021;
    f.inseeUnemployed15642021 = r.unemployed15642021;
    into.set(r.communeCode, f);
  }
  return into;
}
