/**
 * Spatial accessibility per commune, the two-step floating catchment family (Luo & Wang 2003; Luo & Qi 2009
 * E2SFCA; Dai 2010 Gaussian), on supply × commune drive times (seconds, NaN = unreachable):
 *   step 1, per supply j: R_j = S_j / Σ_{i: t_ij ≤ t0} P_i · W(t_ij)        (supply per inhabitant of its catchment)
 *   step 2, per commune i: A_i = Σ_{j: t_ij ≤ t0} R_j · W(t_ij)              (× 100,000 → per 100,000 inhabitants)
 * Conservation: Σ_i P_i · A_i = Σ_j S_j over the supplies with some weighted demand in reach (the others are
 * reported in `supplyWithoutDemand`, never spread).
 * Decays W(t), t in minutes: binary 1 (2SFCA); steps (default 1, 2/3, 1/3 on ]0,10], ]10,15], ]15,20] min);
 * Gaussian (e^{-½(t/t0)²} − e^{-½}) / (1 − e^{-½}), 1 at 0 and 0 at the catchment t0.
 * Sparse CSR by supply (types.ts SparseTimes) so 30,000 supplies × 34,875 communes within 30 min fit in memory.
 */
import { toSparse, type StoreTimes } from '../areas/index.js';
import { BasinInputError, type SparseTimes } from './types.js';
import { basinsText } from '../../messages/basins.js';

export type AccessDecay =
  | { kind: 'binary' }
  /** upperMin: increasing upper bounds in minutes (a time t is in the first step with t ≤ upperMin[k]); weights in [0, 1] */
  | { kind: 'steps'; upperMin: number[]; weights: number[] }
  | { kind: 'gaussian' };

export const DEFAULT_STEPS: Extract<AccessDecay, { kind: 'steps' }> = { kind: 'steps', upperMin: [10, 15, 20], weights: [1, 2 / 3, 1 / 3] };
export const MAX_CATCHMENT_MIN = 180;
export const PER_INHABITANTS = 100_000;

export interface AccessibilityOptions {
  /** catchment t0, minutes, in ]0, 180] */
  catchmentMin: number;
  decay: AccessDecay;
}

export interface AccessibilityResult {
  /** A_i × 100,000: supply per 100,000 inhabitants reachable from commune i (0 when no supply in reach) */
  accessPer100k: Float64Array;
  /** R_j × 100,000 per supply; NaN where no weighted demand is in reach */
  ratioPer100k: Float64Array;
  /** Σ S_j of supplies that reach no weighted demand (not counted in any commune) */
  supplyWithoutDemand: number;
  /** Σ S_j of the other supplies = Σ_i P_i · A_i */
  supplyInReach: number;
}

export function checkCatchment(catchmentMin: number, field = 'catchmentMin'): void {
  if (!(catchmentMin > 0 && catchmentMin <= MAX_CATCHMENT_MIN)) {
    throw new BasinInputError('CATCHMENT_OUT_OF_RANGE', field, basinsText.catchmentOutOfRange(catchmentMin));
  }
}

export function checkDecay(decay: AccessDecay): void {
  if (decay.kind !== 'steps') return;
  const { upperMin, weights } = decay;
  if (upperMin.length === 0 || upperMin.length !== weights.length
    || upperMin.some((b, k) => !(b > 0) || (k > 0 && b <= upperMin[k - 1]))
    || weights.some((w) => !(w >= 0 && w <= 1))) {
    throw new BasinInputError('BAD_INPUT', 'decay', basinsText.badSteps);
  }
}

/** W(t) for t in minutes within the catchment t0 (the caller has already dropped t > t0). */
export function accessWeight(tMin: number, decay: AccessDecay, catchmentMin: number): number {
  if (decay.kind === 'binary') return 1;
  if (decay.kind === 'gaussian') {
    const e = Math.exp(-0.5);
    const r = tMin / catchmentMin;
    return (Math.exp(-0.5 * r * r) - e) / (1 - e);
  }
  for (let k = 0; k < decay.upperMin.length; k++) if (tMin <= decay.upperMin[k]) return decay.weights[k];
  return 0;
}

/** Dense store × commune table (areas' StoreTimes) → sparse by supply, keeping the pairs with t ≤ maxSec (areas' toSparse). */
export function sparseFromStoreTimes(times: StoreTimes, maxSec: number): SparseTimes {
  const { storeCount, ...csr } = toSparse(times, maxSec);
  return { supplyCount: storeCount, ...csr };
}

function checkInputs(times: SparseTimes, supply: Float64Array, demand: Float64Array): void {
  const { supplyCount: J, communeCount: C, offsets, commune } = times;
  if (offsets.length !== J + 1) throw new BasinInputError('BAD_INPUT', 'times.offsets', basinsText.sizeMismatch('times.offsets', J + 1, offsets.length));
  if (supply.length !== J) throw new BasinInputError('BAD_INPUT', 'supply', basinsText.sizeMismatch('supply', J, supply.length));
  if (demand.length !== C) throw new BasinInputError('BAD_INPUT', 'demand', basinsText.sizeMismatch('demand', C, demand.length));
  for (let j = 0; j < J; j++) if (!(supply[j] >= 0 && supply[j] < Infinity)) throw new BasinInputError('NEGATIVE_SUPPLY', 'supply', basinsText.negativeSupply(j));
  for (let i = 0; i < C; i++) if (!(demand[i] >= 0 && demand[i] < Infinity)) throw new BasinInputError('BAD_INPUT', 'demand', basinsText.badDemand(i));
  for (let k = 0; k < commune.length; k++) {
    if (commune[k] < 0 || commune[k] >= C) throw new BasinInputError('BAD_INPUT', 'times.commune', basinsText.indexOutOfRange('times.commune', commune[k], C));
  }
}

/** 2SFCA / E2SFCA accessibility per commune (see the header). Throws BasinInputError on bad input. */
export function accessibility(times: SparseTimes, supply: Float64Array, demand: Float64Array, opts: AccessibilityOptions): AccessibilityResult {
  checkCatchment(opts.catchmentMin);
  checkDecay(opts.decay);
  checkInputs(times, supply, demand);
  const { supplyCount: J, communeCount: C, offsets, commune, sec } = times;
  const maxSec = opts.catchmentMin * 60;
  // W per pair, computed once (0 beyond the catchment or unreachable) and reused by both steps.
  const w = new Float64Array(sec.length);
  for (let k = 0; k < sec.length; k++) {
    const t = sec[k];
    w[k] = t <= maxSec ? accessWeight(t / 60, opts.decay, opts.catchmentMin) : 0;
  }
  const ratio = new Float64Array(J);
  const ratioPer100k = new Float64Array(J);
  let supplyWithoutDemand = 0;
  let supplyInReach = 0;
  for (let j = 0; j < J; j++) {
    let weighted = 0;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) weighted += demand[commune[k]] * w[k];
    if (weighted > 0) {
      ratio[j] = supply[j] / weighted;
      ratioPer100k[j] = ratio[j] * PER_INHABITANTS;
      supplyInReach += supply[j];
    } else {
      ratioPer100k[j] = NaN;
      supplyWithoutDemand += supply[j];
    }
  }
  const access = new Float64Array(C);
  for (let j = 0; j < J; j++) {
    const r = ratio[j];
    if (r === 0) continue;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) access[commune[k]] += r * w[k];
  }
  for (let i = 0; i < C; i++) access[i] *= PER_INHABITANTS;
  return { accessPer100k: access, ratioPer100k, supplyWithoutDemand, supplyInReach };
}
