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
 * so an exponential decay at 90 min (e^−180) does not underflow. Three store-major passes over the flat table,
 * typed arrays only, no per-cell allocation: ≈ 10⁷ cells (300 stores × 34,727 communes) in a few hundred ms.
 */
import { AreaInputError, type Decay, type HuffParams, type HuffResult, type StoreTimes } from './types.js';
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

export function huff(times: StoreTimes, attractiveness: Float64Array, demand: Float64Array, own: Uint8Array, p: HuffParams): HuffResult {
  checkTimes(times);
  const { storeCount: S, communeCount: C, sec } = times;
  checkAttractiveness(attractiveness, S);
  checkLength('demand', demand.length, C);
  checkLength('own', own.length, S);
  for (let c = 0; c < C; c++) if (!(demand[c] >= 0 && demand[c] < Infinity)) throw new AreaInputError('BAD_INPUT', 'demand', areasText.badDemand(c));
  checkHuffParams(p);

  const prob = new Float32Array(S * C);
  const maxU = new Float64Array(C).fill(-Infinity);
  const lambda = p.decay.lambda;
  const power = p.decay.kind === 'power';
  const floorMin = p.minTimeMin ?? DEFAULT_MIN_TIME_MIN;

  // Pass 1: log-weights (−∞ where unreachable) and their maximum per commune.
  for (let s = 0; s < S; s++) {
    const logA = p.gamma * Math.log(attractiveness[s]);
    const off = s * C;
    for (let c = 0; c < C; c++) {
      const t = sec[off + c];
      let u = -Infinity;
      if (t === t) {
        const tMin = t / 60;
        u = logA - lambda * (power ? Math.log(tMin > floorMin ? tMin : floorMin) : tMin);
        if (u > maxU[c]) maxU[c] = u;
      }
      prob[off + c] = u;
    }
  }
  // Pass 2: shifted weights and their sum per commune.
  const denom = new Float64Array(C);
  for (let s = 0; s < S; s++) {
    const off = s * C;
    for (let c = 0; c < C; c++) {
      const u = prob[off + c];
      const w = u === -Infinity ? 0 : Math.exp(u - maxU[c]);
      prob[off + c] = w;
      denom[c] += w;
    }
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
    const off = s * C;
    const isOwn = own[s] !== 0;
    let captured = 0;
    for (let c = 0; c < C; c++) {
      const pr = prob[off + c] * inv[c];
      prob[off + c] = pr;
      captured += pr * demand[c];
      if (isOwn) ownShare[c] += pr;
    }
    expectedDemand[s] = captured;
  }
  for (let c = 0; c < C; c++) if (!(denom[c] > 0)) ownShare[c] = NaN;
  const marketShareRatio = new Float64Array(S);
  if (reachedDemand > 0) for (let s = 0; s < S; s++) marketShareRatio[s] = expectedDemand[s] / reachedDemand;
  return { prob, expectedDemand, marketShareRatio, ownShareRatio: ownShare, unreachedDemand };
}
