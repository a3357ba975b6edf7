/**
 * Huff model (Huff 1963, "A probabilistic analysis of shopping center trade areas", Land Economics 39(1)):
 *
 *   P(c → s) = A_s^γ · f(t_sc) / Σ_k A_k^γ · f(t_kc)      over the stores k reachable from commune c
 *
 * with f(t) = t^−λ (power, t floored at minTimeMin, default 1 min) or f(t) = e^−λt (exponential), t in MINUTES.
 *
 * Inputs (all indexed as in types.ts: stores 0…S−1, communes 0…C−1):
 * - times: drive times in seconds, NaN = unreachable / beyond the cut-off (that store is not in the commune's choice);
 * - attractiveness: A_s > 0 per store (sales area m², sales, beds… or 1);
 * - demand: per commune, ≥ 0 (population, or a spending potential in €); the same unit comes out in expectedDemand;
 * - own: 1 for the user's own stores, 0 for competitors (gives ownShareRatio);
 * - params: γ, decay {kind, λ}; out-of-bounds values throw PARAM_OUT_OF_BOUNDS (bounds in PARAM_BOUNDS).
 *
 * Computed as a softmax of the log-weights u = γ·ln A − λ·x(t) (x = ln t or t), shifted by each commune's maximum,
 * so an exponential decay at 90 min (e^−180) does not underflow. Three passes over the SPARSE table (sparse.ts:
 * only the reachable pairs, ≈ 0.6 M of the 10.4 M cells of 300 stores × 34,875 communes within 90 min), typed
 * arrays only, no per-cell allocation: ≈ 10 ms; the dense form is converted first.
 */
import { AreaInputError, type AnyStoreTimes, type Decay, type HuffParams, type HuffResult, type SparseHuffResult, type SparseStoreTimes } from './types.js';
import { checkSparseTimes, denseValues, isSparse, toSparse } from './sparse.js';
import { areasText } from '../../messages/areas.js';
import { checkAttractiveness, checkLength, checkParam, checkTimes, DEFAULT_MIN_TIME_MIN, lambdaBounds } from './check.js';
import { PARAM_BOUNDS } from './types.js';

/** f(t) for one time in minutes (for tables and tests; huff() itself works on log-weights). */
export function decayWeight(tMin: number, decay: Decay, minTimeMin = DEFAULT_MIN_TIME_MIN): number {
  return decay.kind === 'power' ? Math.max(tMin, minTimeMin) ** -decay.lambda : Math.exp(-decay.lambda * tMin);
}

export function checkHuffParams(p: HuffParams): void {
  checkParam('gamma', p.gamma, PARAM_BOUNDS.gamma);
  checkParam('lambda', p.decay.lambda, lambdaBounds(p.decay.kind));
  if (p.minTimeMin !== undefined) checkParam('minTimeMin', p.minTimeMin, [0.01, 60]);
}

/**
 * Huff on either form of the table, probabilities returned dense (store-major, 0 where unreachable). The model
 * runs over the sparse cells (huffSparse): the same numbers, cell for cell, as a pass over the dense table.
 */
export function huff(times: AnyStoreTimes, attractiveness: Float64Array, demand: Float64Array, own: Uint8Array, p: HuffParams): HuffResult {
  if (!isSparse(times)) checkTimes(times);
  const r = huffSparse(toSparse(times), attractiveness, demand, own, p);
  return { prob: denseValues(r.times, r.prob), expectedDemand: r.expectedDemand, marketShareRatio: r.marketShareRatio, ownShareRatio: r.ownShareRatio, unreachedDemand: r.unreachedDemand };
}

/** Huff over the reachable pairs only (≈ 6 % of the national table within 90 min); prob laid out as times' cells. */
export function huffSparse(times: SparseStoreTimes, attractiveness: Float64Array, demand: Float64Array, own: Uint8Array, p: HuffParams): SparseHuffResult {
  checkSparseTimes(times);
  const { storeCount: S, communeCount: C, offsets, commune, sec } = times;
  checkAttractiveness(attractiveness, S);
  checkLength('demand', demand.length, C);
  checkLength('own', own.length, S);
  for (let c = 0; c < C; c++) if (!(demand[c] >= 0 && demand[c] < Infinity)) throw new AreaInputError('BAD_INPUT', 'demand', areasText.badDemand(c));
  checkHuffParams(p);

  const prob = new Float32Array(sec.length);
  const maxU = new Float64Array(C).fill(-Infinity);
  const lambda = p.decay.lambda;
  const power = p.decay.kind === 'power';
  const floorMin = p.minTimeMin ?? DEFAULT_MIN_TIME_MIN;

  // Pass 1: log-weights (−∞ for a NaN time) and their maximum per commune.
  for (let s = 0; s < S; s++) {
    const logA = p.gamma * Math.log(attractiveness[s]);
    for (let k = offsets[s], end = offsets[s + 1]; k < end; k++) {
      const t = sec[k];
      let u = -Infinity;
      if (t === t) {
        const tMin = t / 60;
        u = logA - lambda * (power ? Math.log(tMin > floorMin ? tMin : floorMin) : tMin);
        const c = commune[k];
        if (u > maxU[c]) maxU[c] = u;
      }
      prob[k] = u;
    }
  }
  // Pass 2: shifted weights and their sum per commune.
  const denom = new Float64Array(C);
  for (let k = 0; k < sec.length; k++) {
    const u = prob[k];
    const c = commune[k];
    const w = u === -Infinity ? 0 : Math.exp(u - maxU[c]);
    prob[k] = w;
    denom[c] += w;
  }
  // Pass 3: normalise; demand captured per store; own network share per commune.
  const inv = new Float64Array(C);
  let reachedDemand = 0;
  let unreachedDemand = 0;
  for (let c = 0; c < C; c++) {
    if (denom[c] > 0) { inv[c] = 1 / denom[c]; reachedDemand += demand[c]; } else unreachedDemand += demand[c];
  }
  const expectedDemand = new Float64Array(S);
  const ownShare = new Float64Array(C);
  for (let s = 0; s < S; s++) {
    const isOwn = own[s] !== 0;
    let captured = 0;
    for (let k = offsets[s], end = offsets[s + 1]; k < end; k++) {
      const c = commune[k];
      const pr = prob[k] * inv[c];
      prob[k] = pr;
      captured += pr * demand[c];
      if (isOwn) ownShare[c] += pr;
    }
    expectedDemand[s] = captured;
  }
  for (let c = 0; c < C; c++) if (!(denom[c] > 0)) ownShare[c] = NaN;
  const marketShareRatio = new Float64Array(S);
  if (reachedDemand > 0) for (let s = 0; s < S; s++) marketShareRatio[s] = expectedDemand[s] / reachedDemand;
  return { times, prob, expectedDemand, marketShareRatio, ownShareRatio: ownShare, unreachedDemand };
}
