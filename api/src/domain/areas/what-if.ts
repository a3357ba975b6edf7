/**
 * What-if comparison of two Huff results on the same communes and demand: base (the current network) and changed
 * (a store added, moved, closed or resized). For each store row, its demand change newDemand − baseDemand is split
 * by where it came from, commune by commune:
 *
 *   in commune c, every store either gains (P rises) or loses; the gains G_c and losses L_c balance (Σ_s P = 1 in
 *   both, when the commune is reached in both). A gainer's gain is attributed to the losers in proportion to their
 *   losses, a loser's loss to the gainers in proportion to their gains. The columns name the COUNTERPART's role,
 *   from the user's side: demand exchanged with competitor stores is in capturedFromCompetitors, with own stores
 *   (never the row itself) in cannibalisedFromOwn — so for an own row, cannibalisedFromOwn < 0 is demand lost to a
 *   new own site; for a competitor row, cannibalisedFromOwn < 0 is demand the user's network took from it. A commune
 *   reached only after (or only before) gives fromUnreached.
 *
 * So per row: newDemand − baseDemand = capturedFromCompetitors + cannibalisedFromOwn + fromUnreached, and for an
 * added store all three are ≥ 0 and sum to its demand.
 *
 * Inputs: base and changed Huff results, sparse (huffSparse: only reachable pairs are visited) or dense (huff(),
 * prob store-major over communeCount, read through its non-zero cells); baseOwn/changedOwn
 * the own flags of each set; mapping[changedStore] = the same store's index in the base set, or −1 if added (a base
 * store no changed store maps to was closed); demand per commune, the one both results were computed with.
 * Rows: one per changed store (store = its index), then one per closed base store (store = −1).
 */
import { AreaInputError, type HuffResult, type SparseHuffResult, type WhatIfDelta } from './types.js';
import { toSparse } from './sparse.js';
import { areasText } from '../../messages/areas.js';
import { checkLength } from './check.js';

export function whatIfDelta(base: HuffResult | SparseHuffResult, changed: HuffResult | SparseHuffResult, baseOwn: Uint8Array, changedOwn: Uint8Array,
  mapping: Int32Array, demand: Float64Array, communeCount: number): WhatIfDelta {
  const C = communeCount;
  const Sb = baseOwn.length; const Sc = changedOwn.length;
  if (!('times' in base)) checkLength('base.prob', base.prob.length, Sb * C);
  if (!('times' in changed)) checkLength('changed.prob', changed.prob.length, Sc * C);
  checkLength('mapping', mapping.length, Sc);
  checkLength('demand', demand.length, C);
  const pb = probRows(base, Sb, C), pa = probRows(changed, Sc, C);
  const mapped = new Int32Array(Sb).fill(-1);
  for (let s = 0; s < Sc; s++) {
    const b = mapping[s];
    if (b < -1 || b >= Sb) throw new AreaInputError('BAD_INPUT', 'mapping', areasText.indexOutOfRange('mapping', b, Sb));
    if (b >= 0) mapped[b] = s;
  }
  const rowStore: number[] = []; const rowBase: number[] = []; const rowOwn: boolean[] = [];
  for (let s = 0; s < Sc; s++) { rowStore.push(s); rowBase.push(mapping[s]); rowOwn.push(changedOwn[s] !== 0); }
  for (let b = 0; b < Sb; b++) if (mapped[b] < 0) { rowStore.push(-1); rowBase.push(b); rowOwn.push(baseOwn[b] !== 0); }
  const R = rowStore.length;
  // This row's demand change demand · (P after − P before) on the communes either result gives it (ascending, as a
  // dense pass would visit them): d[touched[i]]; P is 0 where a result has no cell. Scratch cleared after each use.
  const after = new Float64Array(C), before = new Float64Array(C), d = new Float64Array(C);
  const touched = new Int32Array(C);
  const rowDelta = (r: number): number => {
    const s = rowStore[r], b = rowBase[r];
    let n = 0;
    let i = s >= 0 ? pa.offsets[s] : 0, iEnd = s >= 0 ? pa.offsets[s + 1] : 0;
    let j = b >= 0 ? pb.offsets[b] : 0, jEnd = b >= 0 ? pb.offsets[b + 1] : 0;
    while (i < iEnd || j < jEnd) {
      const ci = i < iEnd ? pa.commune[i] : C, cj = j < jEnd ? pb.commune[j] : C;
      const c = ci < cj ? ci : cj;
      if (ci === c) after[c] = pa.prob[i++];
      if (cj === c) before[c] = pb.prob[j++];
      touched[n++] = c;
    }
    for (let k = 0; k < n; k++) {
      const c = touched[k];
      d[c] = s >= 0 && b >= 0 ? demand[c] * (after[c] - before[c]) : s >= 0 ? demand[c] * after[c] : -demand[c] * before[c];
      after[c] = 0; before[c] = 0;
    }
    return n;
  };
  // Pass 1: per commune, gains and losses of own and competitor rows.
  const gainOwn = new Float64Array(C), gainComp = new Float64Array(C), lossOwn = new Float64Array(C), lossComp = new Float64Array(C);
  for (let r = 0; r < R; r++) {
    const n = rowDelta(r);
    const gain = rowOwn[r] ? gainOwn : gainComp;
    const loss = rowOwn[r] ? lossOwn : lossComp;
    for (let k = 0; k < n; k++) { const c = touched[k]; const x = d[c]; if (x > 0) gain[c] += x; else if (x < 0) loss[c] -= x; }
  }
  // Per commune, the fraction of a gain that came from competitors / own stores (the rest: newly reached), and of
  // a loss that went to competitors / own stores (the rest: left unreached).
  const gainFromComp = new Float64Array(C), gainFromOwn = new Float64Array(C), lossToComp = new Float64Array(C), lossToOwn = new Float64Array(C);
  const gainNew = new Uint8Array(C).fill(1), lossOut = new Uint8Array(C).fill(1);
  for (let c = 0; c < C; c++) {
    const losses = lossOwn[c] + lossComp[c];
    const gains = gainOwn[c] + gainComp[c];
    if (!Number.isNaN(base.ownShareRatio[c]) && losses > 0) { gainFromComp[c] = lossComp[c] / losses; gainFromOwn[c] = lossOwn[c] / losses; gainNew[c] = 0; }
    if (!Number.isNaN(changed.ownShareRatio[c]) && gains > 0) { lossToComp[c] = gainComp[c] / gains; lossToOwn[c] = gainOwn[c] / gains; lossOut[c] = 0; }
  }
  // Pass 2: split each row's change by counterpart.
  const captured = new Float64Array(R), cannibalised = new Float64Array(R), unreached = new Float64Array(R);
  const baseDemand = new Float64Array(R), newDemand = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    baseDemand[r] = rowBase[r] >= 0 ? base.expectedDemand[rowBase[r]] : 0;
    newDemand[r] = rowStore[r] >= 0 ? changed.expectedDemand[rowStore[r]] : 0;
    const n = rowDelta(r);
    let cap = 0, can = 0, unr = 0;
    for (let k = 0; k < n; k++) {
      const c = touched[k];
      const x = d[c];
      if (x > 0) { cap += x * gainFromComp[c]; can += x * gainFromOwn[c]; if (gainNew[c]) unr += x; }
      else if (x < 0) { cap += x * lossToComp[c]; can += x * lossToOwn[c]; if (lossOut[c]) unr += x; }
    }
    captured[r] = cap; cannibalised[r] = can; unreached[r] = unr;
  }
  let ownNetworkBase = 0, ownNetworkNew = 0;
  for (let b = 0; b < Sb; b++) if (baseOwn[b]) ownNetworkBase += base.expectedDemand[b];
  for (let s = 0; s < Sc; s++) if (changedOwn[s]) ownNetworkNew += changed.expectedDemand[s];
  return {
    store: Int32Array.from(rowStore), baseStore: Int32Array.from(rowBase), baseDemand, newDemand,
    capturedFromCompetitors: captured, cannibalisedFromOwn: cannibalised, fromUnreached: unreached, ownNetworkBase, ownNetworkNew,
  };
}

/** A result's probabilities as rows of cells: a sparse result's own; a dense one's non-zero cells (a 0 changes nothing). */
function probRows(r: HuffResult | SparseHuffResult, S: number, C: number): { offsets: Int32Array; commune: Int32Array; prob: Float32Array } {
  if ('times' in r) return { offsets: r.times.offsets, commune: r.times.commune, prob: r.prob };
  return (({ offsets, commune, sec }) => ({ offsets, commune, prob: sec }))(toSparse({ storeCount: S, communeCount: C, sec: r.prob.map((p) => (p === 0 ? NaN : p)) }));
}
