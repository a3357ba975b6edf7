/**
 * Customer-derived trade areas (the "customer derived trade areas" of business GIS, Esri's options: cut-off and
 * outlier exclusion). Per store, its communes are ranked by observed value (customers, or a measure such as sales)
 * and taken in that order until each threshold share of the store's value is reached.
 *
 * Inputs:
 * - obs: (store, commune, count) rows — count = customers or a measure ≥ 0; rows may repeat (they are summed);
 * - storeCount: stores 0…S−1 (a store with no row gets empty tiers and totalValue 0);
 * - thresholdsRatio: shares in ]0, 1], e.g. [0.5, 0.7, 0.8] → primary / secondary / tertiary. Each tier is the
 *   CUMULATIVE smallest set of communes reaching its share (the 80 % tier contains the 50 % tier); rings are the
 *   differences. Ties in value rank by commune index (deterministic);
 * - opts.times + opts.cutoffSec: communes beyond the cut-off (or unreachable, NaN) are left out of the ranking and
 *   their share of the store's value is said in beyondCutoffRatio; the thresholds then apply to what remains;
 * - opts.excludeOutliers (needs opts.times): Tukey's fence on drive time — communes whose time exceeds
 *   Q3 + 1.5·(Q3 − Q1) of the store's value-weighted drive times (weighted quantile: the smallest time whose
 *   cumulative value reaches q·total) are left out and counted (outlierCount, outlierValueRatio).
 * valueShareRatio is relative to the value kept after those exclusions.
 */
import { AreaInputError, type CustomerAreasResult, type CustomerAreaTier, type ObservedFlows, type StoreTimes } from './types.js';
import { areasText } from '../../messages/areas.js';
import { checkFlows, checkTimes } from './check.js';

/** Relative slack so that 0.7 × 100 = 70.00000000000001 is reached by a cumulative 70. */
const EPS = 1e-12;

export function customerAreas(obs: ObservedFlows, storeCount: number, thresholdsRatio: number[],
  opts: { times?: StoreTimes; cutoffSec?: number; excludeOutliers?: boolean } = {}): CustomerAreasResult {
  const { times } = opts;
  for (const th of thresholdsRatio) if (!(th > 0 && th <= 1)) throw new AreaInputError('BAD_INPUT', 'thresholdsRatio', areasText.badThreshold(th));
  if (times) {
    checkTimes(times);
    if (times.storeCount !== storeCount) throw new AreaInputError('BAD_INPUT', 'times', areasText.sizeMismatch('times.storeCount', storeCount, times.storeCount));
  }
  if ((opts.cutoffSec !== undefined || opts.excludeOutliers) && !times) throw new AreaInputError('BAD_INPUT', 'times', areasText.needTimes);
  checkFlows(obs, storeCount, times ? times.communeCount : 2 ** 31 - 1);

  const byStore: Map<number, number>[] = Array.from({ length: storeCount }, () => new Map());
  for (let i = 0; i < obs.count.length; i++) {
    const m = byStore[obs.store[i]];
    m.set(obs.commune[i], (m.get(obs.commune[i]) ?? 0) + obs.count[i]);
  }
  const perStore = byStore.map((m, s) => {
    let entries = [...m].filter(([, v]) => v > 0);
    const totalValue = entries.reduce((a, [, v]) => a + v, 0);
    let beyond = 0;
    let outlierValue = 0;
    let outlierCount = 0;
    const timeOf = (c: number) => (times ? times.sec[s * times.communeCount + c] : NaN);
    if (times && opts.cutoffSec !== undefined) {
      const cutoff = opts.cutoffSec;
      const kept = entries.filter(([c]) => timeOf(c) <= cutoff);
      beyond = totalValue - kept.reduce((a, [, v]) => a + v, 0);
      entries = kept;
    }
    if (times && opts.excludeOutliers && entries.length > 0) {
      const reachable = entries.filter(([c]) => !Number.isNaN(timeOf(c)));
      const fence = tukeyFence(reachable.map(([c, v]) => [timeOf(c), v]));
      const kept = reachable.filter(([c]) => timeOf(c) <= fence);
      outlierCount = entries.length - kept.length;
      outlierValue = entries.reduce((a, [, v]) => a + v, 0) - kept.reduce((a, [, v]) => a + v, 0);
      entries = kept;
    }
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const keptTotal = entries.reduce((a, [, v]) => a + v, 0);
    const tiers: CustomerAreaTier[] = thresholdsRatio.map((th) => {
      const communeIdx: number[] = [];
      let cum = 0;
      for (const [c, v] of entries) {
        if (cum >= th * keptTotal * (1 - EPS)) break;
        communeIdx.push(c);
        cum += v;
      }
      return { thresholdRatio: th, communeIdx, valueShareRatio: keptTotal > 0 ? cum / keptTotal : 0 };
    });
    return {
      tiers,
      beyondCutoffRatio: totalValue > 0 ? beyond / totalValue : 0,
      outlierCount,
      outlierValueRatio: totalValue > 0 ? outlierValue / totalValue : 0,
      totalValue,
    };
  });
  return { perStore };
}

/** Q3 + 1.5·IQR of value-weighted times; weighted quantile = smallest time whose cumulative value reaches q·total. */
function tukeyFence(timeValue: [number, number][]): number {
  if (timeValue.length === 0) return Infinity;
  const sorted = [...timeValue].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, v]) => a + v, 0);
  const quantile = (q: number) => {
    let cum = 0;
    for (const [t, v] of sorted) { cum += v; if (cum >= q * total * (1 - EPS)) return t; }
    return sorted[sorted.length - 1][0];
  };
  const q1 = quantile(0.25);
  const q3 = quantile(0.75);
  return q3 + 1.5 * (q3 - q1);
}
