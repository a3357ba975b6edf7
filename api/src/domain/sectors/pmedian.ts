/**
 * "Choose k bases": p-median on drive time. Minimises Σ_c weight[c] × min over chosen bases of time(base → c),
 * candidates × communes given dense (`timeSec[j * communeCount + c]`, NaN = unreachable, counted as `unreachableSec`).
 * Greedy start (add the candidate that lowers the cost most), then Teitz–Bart interchange: swap a chosen base for a
 * candidate while some swap lowers the cost, evaluated in O(communes) per candidate with each commune's nearest and
 * second-nearest chosen base (Whitaker's fast interchange). A heuristic: the result is swap-optimal, not proven optimal.
 */
import { SectorInputError } from './types.js';
import { sectorsText } from '../../messages/sectors.js';

export interface PMedianInput {
  candidateCount: number;
  communeCount: number;
  timeSec: Float32Array;
  weight: Float64Array;
  k: number;
  /** cost of a commune no chosen base reaches (default 4 h) */
  unreachableSec?: number;
}

export interface PMedianResult {
  /** chosen candidate indices, sorted */
  bases: number[];
  /** Σ weight × time to the nearest chosen base */
  cost: number;
  /** nearest chosen base of each commune (index into `bases`) */
  baseOf: Int32Array;
  swaps: number;
}

export function chooseBases(input: PMedianInput): PMedianResult {
  const { candidateCount: m, communeCount: n, weight, k } = input;
  if (!Number.isInteger(k) || k < 1) throw new SectorInputError('BAD_INPUT', 'k', sectorsText.badBaseCount(k));
  if (k > m || k > n) throw new SectorInputError('TOO_MANY_BASES', 'k', sectorsText.tooManyBases(k, Math.min(m, n)), { maxK: Math.min(m, n) });
  if (input.timeSec.length !== m * n) throw new SectorInputError('BAD_INPUT', 'timeSec', sectorsText.sizeMismatch('timeSec', m * n, input.timeSec.length));
  const far = input.unreachableSec ?? 4 * 3600;
  const t = (j: number, c: number) => { const v = input.timeSec[j * n + c]; return Number.isFinite(v) ? v : far; };
  const chosen: number[] = [];
  const isChosen = new Uint8Array(m);
  const d1 = new Float64Array(n).fill(far * 10);
  const d2 = new Float64Array(n).fill(far * 10);
  const near1 = new Int32Array(n).fill(-1);
  const recompute = () => {
    d1.fill(far * 10); d2.fill(far * 10); near1.fill(-1);
    for (const j of chosen) {
      for (let c = 0; c < n; c++) {
        const v = t(j, c);
        if (v < d1[c]) { d2[c] = d1[c]; d1[c] = v; near1[c] = j; } else if (v < d2[c]) d2[c] = v;
      }
    }
  };
  // greedy
  while (chosen.length < k) {
    let best = -1;
    let bestGain = -Infinity;
    for (let j = 0; j < m; j++) {
      if (isChosen[j]) continue;
      let gain = 0;
      for (let c = 0; c < n; c++) { const v = t(j, c); if (v < d1[c]) gain += weight[c] * (d1[c] - v); }
      if (gain > bestGain) { bestGain = gain; best = j; }
    }
    chosen.push(best); isChosen[best] = 1;
    recompute();
  }
  // Teitz–Bart / Whitaker interchange
  let swaps = 0;
  const loss = new Float64Array(m);
  const extra = new Float64Array(m);
  for (let improved = true; improved;) {
    improved = false;
    // removing r alone: communes served by r fall back to their second-nearest
    loss.fill(0);
    for (let c = 0; c < n; c++) loss[near1[c]] += weight[c] * (d2[c] - d1[c]);
    let bestDelta = -1e-9;
    let bestIn = -1;
    let bestOut = -1;
    for (let j = 0; j < m; j++) {
      if (isChosen[j]) continue;
      let gain = 0;
      for (const r of chosen) extra[r] = 0;
      for (let c = 0; c < n; c++) {
        const v = t(j, c);
        if (v < d1[c]) gain += weight[c] * (d1[c] - v);
        // if c's nearest r is removed, c goes to min(d2, v) instead of d2: removing r costs less by this much
        if (v < d2[c]) extra[near1[c]] += weight[c] * (d2[c] - Math.max(v, d1[c]));
      }
      for (const r of chosen) {
        const delta = -gain + loss[r] - extra[r];
        if (delta < bestDelta) { bestDelta = delta; bestIn = j; bestOut = r; }
      }
    }
    if (bestIn >= 0) {
      chosen[chosen.indexOf(bestOut)] = bestIn;
      isChosen[bestOut] = 0; isChosen[bestIn] = 1;
      recompute();
      swaps++;
      improved = true;
    }
  }
  const bases = [...chosen].sort((a, b) => a - b);
  const baseOf = new Int32Array(n);
  let cost = 0;
  for (let c = 0; c < n; c++) { cost += weight[c] * d1[c]; baseOf[c] = bases.indexOf(near1[c]); }
  return { bases, cost, baseOf, swaps };
}
