/**
 * The one indicator registry: every figure the map legend, the commune sheet, zone profiles, comparisons
 * and exports show is listed here with its unit, source, year, definition and — what matters for zones —
 * how it aggregates over a set of communes. Providers (./providers/*) contribute definitions and the
 * per-commune fields (facts) the aggregation reads. Pure: no I/O.
 */

export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'ratio'; numerator: string; denominator: string; scale: number }
  | { kind: 'weightedMean'; weight: string }
  /** `weight`: the approximation is computed as a mean weighted by that field (said in `approximation`). */
  | { kind: 'notAdditive'; approximation: string; weight?: string };

export type IndicatorQuality = 'estimated' | 'approximate' | 'synthetic' | 'modelled' | 'computed';
export type IndicatorProvider = 'territory' | 'insee' | 'filosofi' | 'age' | 'eurostat' | 'layers' | 'health' | 'routing' | 'computed';

export interface IndicatorDef {
  id: string;
  label: string;
  unit: string;
  source: string;
  year: string;
  definition: string;
  aggregation: Aggregation;
  quality?: IndicatorQuality;
  provider: IndicatorProvider;
  /** Per-commune fact holding the value (sum, weightedMean, notAdditive); defaults to `id`. Internal. */
  field?: string;
  /** Shown next to the figure of a zone (e.g. how an approximation is made). */
  note?: string;
  /**
   * An approximate figure (a median or a decile: a weighted mean of communes' values) is the source's own, exact,
   * when ONE commune contributes with full weight and its `approximateFlag` fact is 0 (its figure is not itself a
   * mix of former communes): the aggregation says so and `note` replaces the approximation's.
   */
  exactForOneCommune?: { approximateFlag: string; note: string };
}

/** Per-commune facts: field name → value (null = no value: secret, missing or not computable; never 0 for missing). */
export type CommuneFacts = Map<string, Record<string, number | null>>;

export const valueFieldOf = (def: IndicatorDef) => def.field ?? def.id;

/** Fields a definition reads (to know which providers to load). */
export function fieldsOf(def: IndicatorDef): string[] {
  const a = def.aggregation;
  if (a.kind === 'ratio') return [a.numerator, a.denominator];
  if (a.kind === 'weightedMean') return [valueFieldOf(def), a.weight];
  if (a.kind === 'notAdditive' && a.weight) return [valueFieldOf(def), a.weight];
  return [valueFieldOf(def)];
}

/** The public listing of a definition (`GET /api/indicators`): internal fields left out. */
export function publicDef(def: IndicatorDef) {
  const { field: _field, exactForOneCommune: _exact, ...rest } = def;
  const aggregation = def.aggregation.kind === 'notAdditive' ? { kind: 'notAdditive' as const, approximation: def.aggregation.approximation } : def.aggregation;
  return { ...rest, aggregation, quality: def.quality ?? null, description: def.definition };
}

/** Picks definitions by id, in the order asked; unknown ids are returned apart so the caller can name them. */
export function pickIndicators(all: IndicatorDef[], ids: string[] | null): { defs: IndicatorDef[]; unknown: string[] } {
  if (!ids) return { defs: all, unknown: [] };
  const byId = new Map(all.map((d) => [d.id, d]));
  const defs: IndicatorDef[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const d = byId.get(id);
    if (d) defs.push(d);
    else unknown.push(id);
  }
  return { defs, unknown };
}
