import { describe, expect, it } from 'vitest';
import { customerAreas, type ObservedFlows, type StoreTimes } from '../../../api/src/domain/areas/index.js';

function flows(rows: [store: number, commune: number, count: number][]): ObservedFlows {
  return { store: Int32Array.from(rows.map((r) => r[0])), commune: Int32Array.from(rows.map((r) => r[1])), count: Float64Array.from(rows.map((r) => r[2])) };
}

describe('customerAreas', () => {
  it('ranks a store’s communes until 50 / 70 / 80 / 90 % of its customers, by hand', () => {
    // store 0: c3 50, c1 30 (given as 20 + 10: rows are summed), c7 10, c2 6, c5 4 → total 100
    const obs = flows([[0, 3, 50], [0, 1, 20], [0, 7, 10], [0, 2, 6], [0, 5, 4], [0, 1, 10]]);
    const r = customerAreas(obs, 2, [0.5, 0.7, 0.8, 0.9]);
    const [t50, t70, t80, t90] = r.perStore[0].tiers;
    expect(t50).toEqual({ thresholdRatio: 0.5, communeIdx: [3], valueShareRatio: 0.5 }); // 50 ≥ 50
    expect(t70.communeIdx).toEqual([3, 1]); // 50 < 70 (0.7·100 = 70.00000000000001 in floats), 80 ≥ 70
    expect(t80).toEqual({ thresholdRatio: 0.8, communeIdx: [3, 1], valueShareRatio: 0.8 }); // 80 ≥ 80
    expect(t90.communeIdx).toEqual([3, 1, 7]); // 90 ≥ 90
    expect(r.perStore[0].totalValue).toBe(100);
    expect(r.perStore[1]).toEqual({ tiers: [0.5, 0.7, 0.8, 0.9].map((th) => ({ thresholdRatio: th, communeIdx: [], valueShareRatio: 0 })), beyondCutoffRatio: 0, outlierCount: 0, outlierValueRatio: 0, totalValue: 0 });
  });

  it('leaves out communes beyond the cut-off and says their share', () => {
    // one store, communes 0..2: 10 min (60 customers), 100 min (20), unreachable (20); cut-off 90 min
    const times: StoreTimes = { storeCount: 1, communeCount: 3, sec: new Float32Array([600, 6000, NaN]) };
    const r = customerAreas(flows([[0, 0, 60], [0, 1, 20], [0, 2, 20]]), 1, [0.8], { times, cutoffSec: 5400 });
    expect(r.perStore[0].beyondCutoffRatio).toBeCloseTo(40 / 100, 12);
    expect(r.perStore[0].tiers[0]).toEqual({ thresholdRatio: 0.8, communeIdx: [0], valueShareRatio: 1 });
  });

  it('excludes outliers by Tukey’s fence on drive time', () => {
    // 10 customers in each of communes 0..4 at 5, 6, 7, 8, 60 min. Weighted quartiles: Q1 = 6 (cum 20 ≥ 12.5),
    // Q3 = 8 (cum 40 ≥ 37.5) → fence 8 + 1.5·2 = 11 min → commune 4 is an outlier (10 of 50 customers).
    const times: StoreTimes = { storeCount: 1, communeCount: 5, sec: new Float32Array([5, 6, 7, 8, 60].map((m) => m * 60)) };
    const r = customerAreas(flows([0, 1, 2, 3, 4].map((c) => [0, c, 10])), 1, [0.5], { times, excludeOutliers: true });
    expect(r.perStore[0].outlierCount).toBe(1);
    expect(r.perStore[0].outlierValueRatio).toBeCloseTo(0.2, 12);
    // 40 kept, 50 % = 20: two communes, ties by commune index
    expect(r.perStore[0].tiers[0].communeIdx).toEqual([0, 1]);
  });

  it('refuses a threshold outside ]0, 1] and a cut-off without times', () => {
    expect(() => customerAreas(flows([[0, 0, 1]]), 1, [80])).toThrow(/Seuil 80 invalide/);
    expect(() => customerAreas(flows([[0, 0, 1]]), 1, [0.8], { cutoffSec: 600 })).toThrow(/temps de trajet/);
    expect(() => customerAreas(flows([[2, 0, 1]]), 1, [0.8])).toThrow(/obs.store : indice 2/);
  });
});
