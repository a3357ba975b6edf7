import { fieldsOf, valueFieldOf, type CommuneFacts, type IndicatorDef } from './registry.js';

/** A zone member: a commune and its membership weight (0–1; partial when a polygon cuts it, probabilistic for Huff). */
export interface WeightedMember {
  communeCode: string;
  weight: number;
}

export interface AggregateResult {
  value: number | null;
  /** Share (0–1) of the zone's population living in member communes for which the source has a value. */
  coverageRatio: number;
  /** Set for a definition with `exactForOneCommune` when its figure is the one commune's published value. */
  exact?: true;
}

/** The population field every coverage is measured against (territory provider: populations légales). */
export const POPULATION_FIELD = 'population';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Aggregates one indicator over weighted members:
 * - sum: Σ w·x;
 * - ratio: scale · Σ w·num / Σ w·den (ratio of sums, never a mean of ratios);
 * - weightedMean / notAdditive: Σ w·k·x / Σ w·k with k the named weight (the approximation a notAdditive
 *   indicator says it uses).
 * A member contributes only where every field it needs has a value. No contributing member → null with
 * coverage 0 (never 0 for "no data"). An approximation over one unmerged commune is that commune's own figure:
 * `exact` (see IndicatorDef.exactForOneCommune).
 */
export function aggregateIndicator(def: IndicatorDef, members: readonly WeightedMember[], facts: CommuneFacts): AggregateResult {
  const a = def.aggregation;
  const needed = fieldsOf(def);
  const valueField = valueFieldOf(def);
  let num = 0;
  let den = 0;
  let popTotal = 0;
  let popCovered = 0;
  let membersTotal = 0;
  let membersCovered = 0;
  let contributing = 0;
  for (const m of members) {
    const f = facts.get(m.communeCode);
    const pop = f?.[POPULATION_FIELD];
    const popW = isNum(pop) ? pop * m.weight : 0;
    popTotal += popW;
    membersTotal += m.weight;
    if (!f || !needed.every((k) => isNum(f[k]))) continue;
    contributing++;
    popCovered += popW;
    membersCovered += m.weight;
    if (a.kind === 'sum') num += m.weight * f[valueField]!;
    else if (a.kind === 'ratio') {
      num += m.weight * f[a.numerator]!;
      den += m.weight * f[a.denominator]!;
    } else {
      const k = a.kind === 'weightedMean' ? f[a.weight]! : a.weight ? f[a.weight]! : 1;
      num += m.weight * k * f[valueField]!;
      den += m.weight * k;
    }
  }
  // A zone of unpeopled communes (the Meuse "villages morts") measures coverage by members instead.
  const coverageRatio = popTotal > 0 ? popCovered / popTotal : membersTotal > 0 ? membersCovered / membersTotal : 0;
  if (contributing === 0) return { value: null, coverageRatio: 0 };
  if (a.kind === 'sum') return { value: num, coverageRatio };
  if (den === 0) return { value: null, coverageRatio };
  const exactFlag = def.exactForOneCommune?.approximateFlag;
  const exact = exactFlag !== undefined && members.length === 1 && members[0].weight === 1 && facts.get(members[0].communeCode)?.[exactFlag] === 0;
  return { value: a.kind === 'ratio' ? (a.scale * num) / den : num / den, coverageRatio, ...(exact ? { exact: true as const } : {}) };
}

/** Index base 100 against a reference; null when either side is missing, zero or negative (a base-100 index of a signed change means nothing). */
export function indexBase100(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || reference <= 0 || value < 0) return null;
  return (100 * value) / reference;
}

export interface ReferenceComparison {
  /** 100 × value / reference, for intensive figures (ratio, weightedMean, notAdditive); null for additive counts. */
  index: number | null;
  /** value / reference (0–1 when the zone lies inside its reference), for additive counts (`sum`); null otherwise. */
  shareOfReferenceRatio: number | null;
}

/**
 * A zone's figure against its reference area. A base-100 index compares intensities (a rate, a density, a
 * median): 120 means "20 % above the département". For a count (population, households, customers) the
 * département's total is not a level to compare with but a whole the zone is part of: its share is what means
 * something (a 15,000-inhabitant zone in a 76,000-inhabitant département is 20 % of it, not "index 20").
 */
export function compareToReference(def: IndicatorDef, value: number | null, reference: number | null): ReferenceComparison {
  if (def.aggregation.kind !== 'sum') return { index: indexBase100(value, reference), shareOfReferenceRatio: null };
  const share = value === null || reference === null || reference <= 0 || value < 0 ? null : value / reference;
  return { index: null, shareOfReferenceRatio: share };
}
