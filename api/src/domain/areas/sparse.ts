/**
 * The store × commune table in its sparse form (types.ts SparseStoreTimes): per store, only the communes within
 * reach, in ascending commune order, with their times (CSR by store). Within 90 min about 6 % of the 300 × 34,875
 * national cells hold a time, so the models read ≈ 0.6 M cells instead of 10.4 M. The engine produces this form;
 * the dense table stays available for the code that indexes `sec[s * C + c]` directly.
 */
import { AreaInputError, type AnyStoreTimes, type SparseStoreTimes, type StoreTimes } from './types.js';
import { areasText } from '../../messages/areas.js';
import { checkLength } from './check.js';

export function isSparse(times: AnyStoreTimes): times is SparseStoreTimes {
  return 'offsets' in times;
}

/** The sparse table of either form, keeping the cells with t ≤ maxSec (NaN is never kept). */
export function toSparse(times: AnyStoreTimes, maxSec = Infinity): SparseStoreTimes {
  if (isSparse(times)) {
    if (maxSec === Infinity) return times;
    return filterSparse(times, maxSec);
  }
  const { storeCount: S, communeCount: C, sec } = times;
  let n = 0;
  for (let k = 0; k < sec.length; k++) if (sec[k] <= maxSec) n++;
  const offsets = new Int32Array(S + 1);
  const commune = new Int32Array(n);
  const out = new Float32Array(n);
  let p = 0;
  for (let s = 0; s < S; s++) {
    const off = s * C;
    for (let c = 0; c < C; c++) {
      const t = sec[off + c];
      if (t <= maxSec) { commune[p] = c; out[p] = t; p++; }
    }
    offsets[s + 1] = p;
  }
  return { storeCount: S, communeCount: C, offsets, commune, sec: out };
}

function filterSparse(times: SparseStoreTimes, maxSec: number): SparseStoreTimes {
  const { storeCount: S, offsets, commune, sec } = times;
  let n = 0;
  for (let k = 0; k < sec.length; k++) if (sec[k] <= maxSec) n++;
  const o = new Int32Array(S + 1), cc = new Int32Array(n), tt = new Float32Array(n);
  let p = 0;
  for (let s = 0; s < S; s++) {
    for (let k = offsets[s]; k < offsets[s + 1]; k++) if (sec[k] <= maxSec) { cc[p] = commune[k]; tt[p] = sec[k]; p++; }
    o[s + 1] = p;
  }
  return { storeCount: S, communeCount: times.communeCount, offsets: o, commune: cc, sec: tt };
}

/** The dense table (NaN where no time) of either form. */
export function toDense(times: AnyStoreTimes): StoreTimes {
  if (!isSparse(times)) return times;
  const { storeCount: S, communeCount: C, offsets, commune, sec } = times;
  const dense = new Float32Array(S * C).fill(NaN);
  for (let s = 0; s < S; s++) for (let k = offsets[s]; k < offsets[s + 1]; k++) dense[s * C + commune[k]] = sec[k];
  return { storeCount: S, communeCount: C, sec: dense };
}

/** Values laid out as the sparse cells (e.g. probabilities) → the dense store-major table, `fill` elsewhere. */
export function denseValues(times: SparseStoreTimes, values: Float32Array, fill = 0): Float32Array {
  const { storeCount: S, communeCount: C, offsets, commune } = times;
  const dense = new Float32Array(S * C);
  if (fill !== 0) dense.fill(fill);
  for (let s = 0; s < S; s++) for (let k = offsets[s]; k < offsets[s + 1]; k++) dense[s * C + commune[k]] = values[k];
  return dense;
}

/** Sizes and commune indices of a sparse table (the dense form's check is checkTimes). */
export function checkSparseTimes(times: SparseStoreTimes): void {
  const { storeCount: S, communeCount: C, offsets, commune, sec } = times;
  if (!Number.isInteger(S) || !Number.isInteger(C) || S < 0 || C < 0) throw new AreaInputError('BAD_INPUT', 'times', areasText.sizeMismatch('times', 0, -1));
  checkLength('times.offsets', offsets.length, S + 1);
  checkLength('times.sec', sec.length, offsets[S]);
  checkLength('times.commune', commune.length, offsets[S]);
  for (let s = 0; s < S; s++) {
    if (!(offsets[s + 1] >= offsets[s])) throw new AreaInputError('BAD_INPUT', 'times.offsets', areasText.sizeMismatch('times.offsets', offsets[s], offsets[s + 1]));
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      if (!(commune[k] >= 0 && commune[k] < C)) throw new AreaInputError('BAD_INPUT', 'times.commune', areasText.indexOutOfRange('times.commune', commune[k], C));
    }
  }
}
