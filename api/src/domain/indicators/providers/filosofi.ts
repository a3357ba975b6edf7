import type { CommuneFacts, IndicatorDef } from '../registry.js';
import type { FilosofiCells } from '../../territory/insee-parse.js';

const FILOSOFI = 'INSEE Filosofi 2021 (revenus, pauvreté et niveau de vie), communes ramenées au COG 2026 ; secret statistique des petites communes';
/** One unmerged commune: its median and deciles are Filosofi's own (fact `filosofiMerged` is 1 for a commune merged since 2021). */
const EXACT = { approximateFlag: 'filosofiMerged', note: 'Valeur publiée par l’INSEE pour cette commune (exacte).' };
export const MEDIAN_NOTE = 'Médiane approchée : moyenne des médianes communales pondérée par la population (personnes des ménages fiscaux).';

/** Filosofi 2021: income median, poverty rate, deciles; small communes are hidden by statistical secret (coverage < 1). */
export const FILOSOFI_DEFS: IndicatorDef[] = [
  {
    id: 'filosofi_fiscal_households', label: 'Ménages fiscaux', unit: 'ménages', source: FILOSOFI, year: '2021', provider: 'filosofi',
    definition: 'Nombre de ménages fiscaux ; somme des communes non couvertes par le secret.', aggregation: { kind: 'sum' }, field: 'fiscalHouseholds2021',
  },
  {
    id: 'filosofi_median_income', label: 'Revenu disponible médian par unité de consommation', unit: '€', source: FILOSOFI, year: '2021', provider: 'filosofi',
    definition: 'Médiane du revenu disponible par unité de consommation. Une médiane ne s’additionne pas : sur une zone, moyenne des médianes communales pondérée par la population des ménages fiscaux.',
    aggregation: { kind: 'weightedMean', weight: 'fiscalPersons2021' }, field: 'medianIncomeEur2021', quality: 'approximate', note: MEDIAN_NOTE, exactForOneCommune: EXACT,
  },
  {
    id: 'filosofi_poverty_rate', label: 'Taux de pauvreté (seuil 60 %)', unit: '%', source: FILOSOFI, year: '2021', provider: 'filosofi',
    definition: 'Part des personnes sous le seuil de pauvreté ; sur une zone : Σ (taux × personnes) / Σ personnes des communes où le taux est publié.',
    aggregation: { kind: 'ratio', numerator: 'poorPersons2021', denominator: 'fiscalPersons2021', scale: 100 },
  },
  {
    id: 'filosofi_d1', label: '1er décile du revenu disponible par UC', unit: '€', source: FILOSOFI, year: '2021', provider: 'filosofi', field: 'd1Eur2021', quality: 'approximate', exactForOneCommune: EXACT,
    definition: 'Revenu sous lequel vivent les 10 % les plus modestes.',
    aggregation: { kind: 'notAdditive', approximation: 'Un décile ne s’additionne pas : moyenne des D1 communaux pondérée par la population des ménages fiscaux.', weight: 'fiscalPersons2021' },
  },
  {
    id: 'filosofi_d9', label: '9e décile du revenu disponible par UC', unit: '€', source: FILOSOFI, year: '2021', provider: 'filosofi', field: 'd9Eur2021', quality: 'approximate', exactForOneCommune: EXACT,
    definition: 'Revenu au-dessus duquel vivent les 10 % les plus aisés.',
    aggregation: { kind: 'notAdditive', approximation: 'Un décile ne s’additionne pas : moyenne des D9 communaux pondérée par la population des ménages fiscaux.', weight: 'fiscalPersons2021' },
  },
];

/** A commune's Filosofi cells (the parser's, re-keyed onto COG 2026) as the facts read them. */
export type FilosofiFactsRow = { communeCode: string; medianApproximate: boolean } & FilosofiCells;

export function filosofiFacts(rows: Iterable<FilosofiFactsRow>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const r of rows) {
    const f = into.get(r.communeCode) ?? {};
    f.fiscalHouseholds2021 = r.fiscalHouseholds2021;
    f.fiscalPersons2021 = r.fiscalPersons2021;
    f.medianIncomeEur2021 = r.medianIncomeEur2021;
    f.poorPersons2021 = r.povertyRatePct2021 !== null && r.fiscalPersons2021 !== null ? (r.povertyRatePct2021 / 100) * r.fiscalPersons2021 : null;
    f.d1Eur2021 = r.d1Eur2021;
    f.d9Eur2021 = r.d9Eur2021;
    f.filosofiMerged = r.medianApproximate ? 1 : 0;
    into.set(r.communeCode, f);
  }
  return into;
}
