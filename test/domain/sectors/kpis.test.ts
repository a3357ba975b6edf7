import { describe, expect, it } from 'vitest';
import { checkBalanceOptions, planKpis, SectorKpiTracker, SectorInputError } from '../../../api/src/domain/sectors/index.js';
import { gridInstance } from './fixtures.js';

describe('sector KPIs', () => {
  it('computes each sector’s workload, drive times, area, pieces and the plan’s balance (hand-checked on the grid)', () => {
    const inst = gridInstance();
    // grid:  0 1 2 3 4      sectors: 0 0 1 1 1
    //        5 6 7 8 9               0 2 2 2 0   → commune 9 cut off from base 0: sector 0 in 2 pieces
    const kpis = planKpis(inst, Int32Array.from([0, 0, 1, 1, 1, 0, 2, 2, 2, 0]));
    const [s0, s1, s2] = kpis.sectors;
    expect(s0.workload).toBe(5 + 4 + 4 + 5);
    expect(s1.workload).toBe(6 + 5 + 6);
    expect(s2.workload).toBe(6 + 5 + 4);
    expect(s0.communeCount).toBe(4);
    expect(s0.areaKm2).toBe(10 + 12 + 11 + 14);
    expect(s0.pieceCount).toBe(2);
    expect(s0.contiguous).toBe(false);
    expect(s1.contiguous && s2.contiguous).toBe(true);
    expect(s0.maxTimeSec).toBe(600); // 9 is 300 s away (motorway), 1 and 5 are 600 s
    expect(s0.meanTimeSec).toBeCloseTo((300 * 600 + 60 * 600 + 500 * 300) / (100 + 300 + 60 + 500), 6);
    expect(kpis.workloadBalance.mean).toBeCloseTo(50 / 3, 9);
    expect(kpis.workloadBalance.maxMinRatio).toBeCloseTo(18 / 15, 9);
    expect(s0.workloadDeviationRatio).toBeCloseTo(18 / (50 / 3) - 1, 9);
    expect(kpis.contiguousSectorCount).toBe(2);
    expect(kpis.unassignedCount).toBe(0);
  });

  it('the tracker after single-commune moves matches KPIs computed from scratch', () => {
    const inst = gridInstance();
    const tracker = new SectorKpiTracker(inst, Int32Array.from([0, 0, 1, 1, 1, 0, 2, 2, 2, 1]));
    let seed = 7;
    for (let step = 0; step < 200; step++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const c = seed % 10;
      const s = (seed >> 8) % 4 - 1; // -1 = unassign
      tracker.move(c, s);
      const fresh = planKpis(inst, tracker.sectorOf);
      const got = tracker.plan();
      for (let q = 0; q < 3; q++) {
        expect(got.sectors[q].workload).toBeCloseTo(fresh.sectors[q].workload, 9);
        expect(got.sectors[q].pieceCount).toBe(fresh.sectors[q].pieceCount);
        expect(got.sectors[q].maxTimeSec).toBe(fresh.sectors[q].maxTimeSec);
        expect(got.sectors[q].meanTimeSec ?? 0).toBeCloseTo(fresh.sectors[q].meanTimeSec ?? 0, 6);
      }
      expect(got.unassignedCount).toBe(fresh.unassignedCount);
    }
  });

  it('refuses a plan of the wrong size, in French', () => {
    expect(() => planKpis(gridInstance(), new Int32Array(3))).toThrow(SectorInputError);
    expect(() => planKpis(gridInstance(), new Int32Array(3))).toThrow(/valeur\(s\) attendue\(s\)/);
  });

  it('refuses bases in one commune, a commune no base reaches and locks without a current plan', () => {
    const shared = { ...gridInstance(), baseCommune: Int32Array.from([0, 4, 0]) };
    expect(() => checkBalanceOptions(shared, { toleranceRatio: 0.1 })).toThrow(/même commune/);
    const cut = gridInstance();
    for (let s = 0; s < 3; s++) cut.timeSec[s * 10 + 8] = NaN;
    expect(() => checkBalanceOptions(cut, { toleranceRatio: 0.1 })).toThrow(/atteintes depuis aucune base/);
    expect(() => checkBalanceOptions(gridInstance(), { toleranceRatio: 0.1, lockedCommunes: [3] })).toThrow(/plan actuel/);
  });
});
