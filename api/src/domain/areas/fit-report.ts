/**
 * What both calibrations report once γ, λ are known: observed vs predicted share per store (communes weighted by
 * their observed totals) and a residual per commune (observed − predicted share of the own network when `own` is
 * given, else of the commune's nearest choice store).
 */
import type { CalibrationOptions } from './types.js';
import type { ChoiceData } from './choice-sets.js';

/** Softmax of γ·lnA − λ·x over pairs [from, to) into out[from..to). */
export function pairProbabilities(d: ChoiceData, from: number, to: number, gamma: number, lambda: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = from; k < to; k++) { const u = gamma * d.logA[k] - lambda * d.x[k]; out[k] = u; if (u > max) max = u; }
  let sum = 0;
  for (let k = from; k < to; k++) { const w = Math.exp(out[k] - max); out[k] = w; sum += w; }
  for (let k = from; k < to; k++) out[k] /= sum;
}

export function fitReport(d: ChoiceData, storeCount: number, communeCount: number, gamma: number, lambda: number, opts: CalibrationOptions) {
  const observedShare = new Float64Array(storeCount);
  const predictedShare = new Float64Array(storeCount);
  const residual = new Float64Array(communeCount).fill(NaN);
  const p = new Float64Array(d.store.length);
  const own = opts.own;
  for (let i = 0; i < d.commune.length; i++) {
    const from = d.offset[i]; const to = d.offset[i + 1]; const total = d.total[i];
    pairProbabilities(d, from, to, gamma, lambda, p);
    let obsPart = 0; let predPart = 0; let nearest = from;
    for (let k = from; k < to; k++) {
      observedShare[d.store[k]] += d.n[k];
      predictedShare[d.store[k]] += total * p[k];
      if (own) { if (own[d.store[k]]) { obsPart += d.n[k] / total; predPart += p[k]; } } else if (d.x[k] < d.x[nearest]) nearest = k;
    }
    residual[d.commune[i]] = own ? obsPart - predPart : d.n[nearest] / total - p[nearest];
  }
  const all = d.includedCount;
  if (all > 0) for (let s = 0; s < storeCount; s++) { observedShare[s] /= all; predictedShare[s] /= all; }
  return { observedShare, predictedShare, residual, residualKind: own ? 'ownShare' as const : 'nearestStoreShare' as const };
}
