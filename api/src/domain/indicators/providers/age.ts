import type { WeightedMember } from '../aggregate.js';
import type { CommuneFacts, IndicatorDef } from '../registry.js';

export const AGE_BANDS = ['0-14', '15-29', '30-44', '45-59', '60-74', '75-89', '90+'] as const;
const AGE_SOURCE = 'INSEE RP 2021 par bassin de vie / arrondissement ; estimations départementales par âge (INSEE) ; estimation communale';
const fieldOf = (band: string) => `age:${band}`;
const AGE_TOTAL = 'age:total';

/** Share of each age band (estimated per commune from the finest level INSEE publishes: the age structure is labelled estimated). */
export const AGE_DEFS: IndicatorDef[] = AGE_BANDS.map((band) => ({
  id: `age_share_${band.replace('-', '_').replace('+', 'plus')}`,
  label: `Part des ${band === '90+' ? '90 ans et plus' : `${band.replace('-', '–')} ans`}`,
  unit: '%',
  source: AGE_SOURCE,
  year: '2021',
  provider: 'age' as const,
  quality: 'estimated' as const,
  definition: `Part de la population âgée de ${band} ans ; structure par âge de la commune estimée depuis le bassin de vie, l’arrondissement ou le département (niveau le plus fin publié).`,
  aggregation: { kind: 'ratio' as const, numerator: fieldOf(band), denominator: AGE_TOTAL, scale: 100 },
}));

export interface AgeBandCount {
  band: string;
  populationCount: number;
  estimated: boolean;
  sourceLevel: string;
}

export function ageFacts(byCommune: Map<string, AgeBandCount[]>, into: CommuneFacts = new Map()): CommuneFacts {
  for (const [code, bands] of byCommune) {
    const f = into.get(code) ?? {};
    let total = 0;
    for (const b of bands) {
      f[fieldOf(b.band)] = b.populationCount;
      total += b.populationCount;
    }
    f[AGE_TOTAL] = bands.length ? total : null;
    into.set(code, f);
  }
  return into;
}

export interface AgeStructure {
  bands: { band: string; populationCount: number; shareRatio: number | null }[];
  estimated: boolean;
  sourceLevels: string[];
}

/** Age pyramid of a zone: weighted band counts over members and each band's share. */
export function aggregateAgeBands(members: readonly WeightedMember[], byCommune: Map<string, AgeBandCount[]>): AgeStructure {
  const counts = new Map<string, number>(AGE_BANDS.map((b) => [b, 0]));
  let estimated = false;
  const levels = new Set<string>();
  for (const m of members) {
    for (const b of byCommune.get(m.communeCode) ?? []) {
      counts.set(b.band, (counts.get(b.band) ?? 0) + m.weight * b.populationCount);
      estimated ||= b.estimated;
      levels.add(b.sourceLevel);
    }
  }
  const total = [...counts.values()].reduce((s, v) => s + v, 0);
  return {
    bands: AGE_BANDS.map((band) => ({ band, populationCount: counts.get(band)!, shareRatio: total > 0 ? counts.get(band)! / total : null })),
    estimated,
    sourceLevels: [...levels].sort(),
  };
}

const LEVEL_FR: Record<string, string> = { bassin_de_vie: 'du bassin de vie', arrondissement: "de l'arrondissement", departement: 'du département' };

/** The sentence the profile shows under the pyramid. */
export function ageNote(s: AgeStructure): string {
  if (!s.sourceLevels.length) return 'Structure par âge non disponible pour cette zone.';
  const from = s.sourceLevels.map((l) => LEVEL_FR[l] ?? l).join(', ');
  return s.estimated ? `Structure par âge estimée à partir de celle ${from} de chaque commune (INSEE RP 2021).` : 'Structure par âge communale (INSEE RP 2021).';
}
