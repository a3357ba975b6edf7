/**
 * Accessibility summaries and the sensitivity table: the same supply and demand under several catchments
 * (default 10 / 15 / 20 / 30 min) and decays (binary, steps, Gaussian). The step breaks scale with the catchment:
 * the default 10 / 15 / 20 min for 20 min become ½, ¾ and 1 × t0 (5 / 7.5 / 10 min for t0 = 10).
 */
import type { SparseTimes } from './types.js';
import { accessibility, DEFAULT_STEPS, checkCatchment, type AccessDecay } from './accessibility.js';
import { basinsText } from '../../messages/basins.js';

export interface SensitivityVariant { catchmentMin: number; decay: AccessDecay }

export interface AccessSummary {
  /** Σ P·A / Σ P: supply per 100,000 inhabitants of the whole population */
  meanPer100k: number;
  /** population-weighted median (the value below which half of the population lives) */
  medianPer100k: number;
  communesWithoutAccessCount: number;
  populationWithoutAccessCount: number;
  /** population of communes with 0 < A < threshold plus those without access; null without a threshold */
  populationBelowThresholdCount: number | null;
}

export interface SensitivityRow extends SensitivityVariant, AccessSummary {
  /** French label of the decay, e.g. "paliers (E2SFCA)" */
  decayLabel: string;
  supplyWithoutDemand: number;
}

/** Steps scaled from the default 10 / 15 / 20 min (defined for 20 min) to catchment t0. */
export function scaledSteps(catchmentMin: number, base: Extract<AccessDecay, { kind: 'steps' }> = DEFAULT_STEPS): AccessDecay {
  const last = base.upperMin[base.upperMin.length - 1];
  return { kind: 'steps', upperMin: base.upperMin.map((b) => (b * catchmentMin) / last), weights: [...base.weights] };
}

export function defaultSensitivityVariants(catchmentsMin: number[] = [10, 15, 20, 30]): SensitivityVariant[] {
  return catchmentsMin.flatMap((catchmentMin) => {
    checkCatchment(catchmentMin, 'catchmentsMin');
    return [{ catchmentMin, decay: { kind: 'binary' } }, { catchmentMin, decay: scaledSteps(catchmentMin) }, { catchmentMin, decay: { kind: 'gaussian' } }] as SensitivityVariant[];
  });
}

export function summarizeAccess(accessPer100k: Float64Array, demand: Float64Array, thresholdPer100k?: number): AccessSummary {
  let total = 0;
  let weighted = 0;
  let noneCount = 0;
  let nonePop = 0;
  let belowPop = 0;
  for (let i = 0; i < demand.length; i++) {
    const p = demand[i];
    const a = accessPer100k[i];
    total += p;
    weighted += p * a;
    if (a === 0) { noneCount++; nonePop += p; }
    if (thresholdPer100k !== undefined && a < thresholdPer100k) belowPop += p;
  }
  const order = Array.from(demand.keys()).sort((x, y) => accessPer100k[x] - accessPer100k[y]);
  let cumulative = 0;
  let median = NaN;
  for (const i of order) {
    cumulative += demand[i];
    if (cumulative >= total / 2 && total > 0) { median = accessPer100k[i]; break; }
  }
  return {
    meanPer100k: total > 0 ? weighted / total : NaN,
    medianPer100k: median,
    communesWithoutAccessCount: noneCount,
    populationWithoutAccessCount: nonePop,
    populationBelowThresholdCount: thresholdPer100k === undefined ? null : belowPop,
  };
}

/** One row per variant; `times` must hold every pair up to the largest catchment. */
export function accessibilitySensitivity(
  times: SparseTimes, supply: Float64Array, demand: Float64Array,
  opts: { variants?: SensitivityVariant[]; thresholdPer100k?: number } = {},
): SensitivityRow[] {
  return (opts.variants ?? defaultSensitivityVariants()).map((v) => {
    const r = accessibility(times, supply, demand, v);
    return { ...v, decayLabel: basinsText.decayLabel[v.decay.kind], supplyWithoutDemand: r.supplyWithoutDemand, ...summarizeAccess(r.accessPer100k, demand, opts.thresholdPer100k) };
  });
}
