import { describe, expect, it } from 'vitest';
import { chooseBases, SectorInputError } from '../../../api/src/domain/sectors/index.js';

/** 30 communes at pseudo-random points, all of them candidates; times = 60 s per unit of distance. */
function instance() {
  const n = 30;
  const x: number[] = [];
  const y: number[] = [];
  let seed = 11;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  for (let i = 0; i < n; i++) { x.push(rnd() * 100); y.push(rnd() * 100); }
  const timeSec = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let c = 0; c < n; c++) timeSec[j * n + c] = 60 * Math.hypot(x[j] - x[c], y[j] - y[c]);
  const weight = Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 20));
  return { n, timeSec, weight };
}

const costOf = (bases: number[], { n, timeSec, weight }: ReturnType<typeof instance>) => {
  let cost = 0;
  for (let c = 0; c < n; c++) cost += weight[c] * Math.min(...bases.map((j) => timeSec[j * n + c]));
  return cost;
};

describe('choose k bases (p-median, greedy + Teitz–Bart interchange)', () => {
  it('finds the optimum of the enumeration of all 4,060 triples on 30 communes, and no swap improves it', () => {
    const inst = instance();
    const got = chooseBases({ candidateCount: inst.n, communeCount: inst.n, timeSec: inst.timeSec, weight: inst.weight, k: 3 });
    let best = Infinity;
    for (let a = 0; a < inst.n; a++) for (let b = a + 1; b < inst.n; b++) for (let c = b + 1; c < inst.n; c++) best = Math.min(best, costOf([a, b, c], inst));
    expect(got.cost).toBeCloseTo(costOf(got.bases, inst), 0);
    expect(got.cost).toBeCloseTo(best, 0);
    for (const out of got.bases) for (let j = 0; j < inst.n; j++) {
      if (got.bases.includes(j)) continue;
      expect(costOf(got.bases.map((x) => (x === out ? j : x)), inst)).toBeGreaterThanOrEqual(got.cost - 1e-3);
    }
  });

  it('refuses more bases than candidate communes', () => {
    const inst = instance();
    let error: unknown;
    try { chooseBases({ candidateCount: inst.n, communeCount: inst.n, timeSec: inst.timeSec, weight: inst.weight, k: 31 }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SectorInputError);
    expect((error as SectorInputError).code).toBe('TOO_MANY_BASES');
    expect((error as SectorInputError).message).toContain('au plus 30 bases');
  });
});
