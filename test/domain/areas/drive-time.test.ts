import { describe, expect, it } from 'vitest';
import { exclusiveAreas, overlappingBands, type StoreTimes } from '../../../api/src/domain/areas/index.js';
import { seededRandom } from '../../../api/src/domain/common/random.js';

const N = NaN;
/** 3 stores × 5 communes, minutes → seconds, row-major by store. */
function fixture(): StoreTimes {
  const minutes = [
    [5, 20, 30, N, 12], // s0
    [25, 10, 30, N, 95], // s1
    [N, 40, 15, N, 12], // s2
  ];
  return { storeCount: 3, communeCount: 5, sec: new Float32Array(minutes.flat().map((m) => m * 60)) };
}

describe('exclusiveAreas (network Voronoi)', () => {
  it('gives each commune its nearest store within the cut-off, by hand', () => {
    const r = exclusiveAreas(fixture(), 90 * 60);
    // c0 → s0 (5 min); c1 → s1 (10); c2 → s2 (15); c3 unreachable; c4 tie s0 = s2 = 12 min → lowest index s0
    expect(Array.from(r.storeOfCommune)).toEqual([0, 1, 2, -1, 0]);
    expect(Array.from(r.timeSec)).toEqual([300, 600, 900, NaN, 720]);
  });

  it('leaves out communes beyond the cut-off', () => {
    const r = exclusiveAreas(fixture(), 11 * 60);
    expect(Array.from(r.storeOfCommune)).toEqual([0, 1, -1, -1, -1]);
  });

  it('covers each reachable commune exactly once on random data', () => {
    const rand = seededRandom(3);
    const S = 30, C = 2000, cutoff = 3600;
    const sec = new Float32Array(S * C).map(() => (rand() < 0.5 ? NaN : rand() * 7200));
    const r = exclusiveAreas({ storeCount: S, communeCount: C, sec }, cutoff);
    for (let c = 0; c < C; c++) {
      let best = Infinity;
      for (let s = 0; s < S; s++) if (sec[s * C + c] <= cutoff) best = Math.min(best, sec[s * C + c]);
      if (best === Infinity) expect(r.storeOfCommune[c]).toBe(-1);
      else { expect(sec[r.storeOfCommune[c] * C + c]).toBe(best); expect(r.timeSec[c]).toBe(best); }
    }
    const counted = new Int32Array(C);
    for (let c = 0; c < C; c++) if (r.storeOfCommune[c] >= 0) counted[c]++;
    expect(counted.every((n, c) => n === (r.storeOfCommune[c] >= 0 ? 1 : 0))).toBe(true);
  });
});

describe('overlappingBands', () => {
  it('puts each store’s communes in bands [0, 10], ]10, 20], ]20, 30] min', () => {
    const r = overlappingBands(fixture(), [600, 1200, 1800]);
    expect(r.perStore[0]).toEqual([[0], [1, 4], [2]]); // 5 | 20, 12 | 30
    expect(r.perStore[1]).toEqual([[1], [], [0, 2]]); // 10 | — | 25, 30 (95 min: no band)
  });
  it('refuses breaks that are not increasing', () => {
    expect(() => overlappingBands(fixture(), [600, 600])).toThrow(/Bornes de temps invalides/);
  });
});
