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
 * Inputs: base and changed HuffResult (from huff(), prob laid out store-major over communeCount); baseOwn/changedOwn
 * the own flags of each set; mapping[changedStore] = the same store's index in the base set, or −1 if added (a base
 * store no changed store maps to was closed); demand per commune, the one both results were computed with.
 * Rows: one per changed store (store = its index), then one per closed base store (store = −1).
 */
import { AreaInputError, type HuffResult, type WhatIfDelta } from './types.js';
import { areasText } from '../../messages/areas.js';
import { checkLength } from './check.js';

export function whatIfDelta(base: HuffResult, changed: HuffResult, baseOwn: Uint8Array, changedOwn: Uint8Array,
  mapping: Int32Array, demand: Float64Array, communeCount: number): WhatIfDelta {
  const C = communeCount;
  const Sb = baseOwn.length; const Sc = changedOwn.length;
  checkLength('base.prob', base.prob.length, Sb * C);
  checkLength('changed.prob', changed.prob.length, Sc * C);
  checkLength('mapping', mapping.length, Sc);
  checkLength('demand', demand.length, C);
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
  /** this row's demand change per commune: demand · (P after − P before); typed, computed once */
  const rowDelta = (r: number, out: Float64Array) => {
    const a = rowStore[r] * C; const b = rowBase[r] * C;
    const pa = changed.prob; const pb = base.prob;
    if (rowStore[r] >= 0 && rowBase[r] >= 0) for (let c = 0; c < C; c++) out[c] = demand[c] * (pa[a + c] - pb[b + c]);
    else if (rowStore[r] >= 0) for (let c = 0; c < C; c++) out[c] = demand[c] * pa[a + c];
    else for (let c = 0; c < C; c++) out[c] = -demand[c] * pb[b + c];
  };
  const d = new Float64Array(C);
  // Pass 1: per commune, gains and losses of own and competitor rows.
  const gainOwn = new Float64Array(C), gainComp = new Float64Array(C), lossOwn = new Float64Array(C), lossComp = new Float64Array(C);
  for (let r = 0; r < R; r++) {
    rowDelta(r, d);
    const gain = rowOwn[r] ? gainOwn : gainComp;
    const loss = rowOwn[r] ? lossOwn : lossComp;
    for (let c = 0; c < C; c++) { const x = d[c]; if (x > 0) gain[c] += x; else if (x < 0) loss[c] -= x; }
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
    rowDelta(r, d);
    let cap = 0, can = 0, unr = 0;
    for (let c = 0; c < C; c++) {
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
