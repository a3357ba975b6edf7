/**
 * Drive-time trade areas from a store × commune time table (types.ts layout, seconds, NaN = unreachable).
 *
 * - exclusiveAreas: the network Voronoi — each commune goes to the store with the shortest drive time, if that time
 *   is ≤ cutoffSec; ties go to the lowest store index (deterministic); -1 / NaN where no store is within the cut-off.
 *   Every reachable commune belongs to exactly one store.
 * - overlappingBands: each store its own bands; breaksSec = [600, 1200, 1800] gives bands [0, 600], ]600, 1200],
 *   ]1200, 1800]; communes beyond the last break are in no band. A commune may be in several stores' bands.
 *
 * Store-major passes, typed arrays: exclusiveAreas over the sparse cells (either form accepted), overlappingBands
 * over the dense table: 300 stores × 34,727 communes in tens of ms.
 */
import { AreaInputError, type AnyStoreTimes, type StoreTimes } from './types.js';
import { checkSparseTimes, isSparse, toSparse } from './sparse.js';
import { areasText } from '../../messages/areas.js';
import { checkTimes } from './check.js';

export function exclusiveAreas(times: AnyStoreTimes, cutoffSec: number): { storeOfCommune: Int32Array; timeSec: Float32Array } {
  if (isSparse(times)) checkSparseTimes(times);
  else checkTimes(times);
  if (!(cutoffSec > 0)) throw new AreaInputError('BAD_INPUT', 'cutoffSec', areasText.badBreaks);
  const { storeCount: S, communeCount: C, offsets, commune, sec } = toSparse(times, cutoffSec);
  const storeOfCommune = new Int32Array(C).fill(-1);
  const timeSec = new Float32Array(C).fill(Infinity);
  for (let s = 0; s < S; s++) {
    for (let k = offsets[s], end = offsets[s + 1]; k < end; k++) {
      const t = sec[k], c = commune[k];
      if (t < timeSec[c] && t <= cutoffSec) { timeSec[c] = t; storeOfCommune[c] = s; } // NaN compares false
    }
  }
  for (let c = 0; c < C; c++) if (storeOfCommune[c] < 0) timeSec[c] = NaN;
  return { storeOfCommune, timeSec };
}

export function overlappingBands(times: StoreTimes, breaksSec: number[]): { perStore: number[][][] } {
  checkTimes(times);
  if (breaksSec.length === 0 || breaksSec.some((b, i) => !(b > 0) || (i > 0 && b <= breaksSec[i - 1]))) {
    throw new AreaInputError('BAD_INPUT', 'breaksSec', areasText.badBreaks);
  }
  const { storeCount: S, communeCount: C, sec } = times;
  const last = breaksSec[breaksSec.length - 1];
  const perStore: number[][][] = [];
  for (let s = 0; s < S; s++) {
    const bands: number[][] = breaksSec.map(() => []);
    const off = s * C;
    for (let c = 0; c < C; c++) {
      const t = sec[off + c];
      if (!(t <= last)) continue;
      let k = 0;
      while (t > breaksSec[k]) k++;
      bands[k].push(c);
    }
    perStore.push(bands);
  }
  return { perStore };
}
