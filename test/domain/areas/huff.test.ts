import { describe, expect, it } from 'vitest';
import { AreaInputError, decayWeight, exclusiveAreas, huff, huffSparse, toDense, toSparse, type StoreTimes } from '../../../api/src/domain/areas/index.js';
import { seededRandom } from '../../../api/src/domain/common/random.js';

/** 3 stores × 4 communes, times given in MINUTES per commune, stored row-major by store in seconds. */
function fixture(): StoreTimes {
  const N = NaN;
  const minutes = [ // [commune][store]
    [10, 20, N], // c0
    [5, 5, 10], // c1
    [N, N, N], // c2: no store reachable
    [0.5, N, 2], // c3: s0 under the 1-min floor of the power decay
  ];
  const sec = new Float32Array(3 * 4);
  for (let c = 0; c < 4; c++) for (let s = 0; s < 3; s++) sec[s * 4 + c] = minutes[c][s] * 60;
  return { storeCount: 3, communeCount: 4, sec };
}
const attractiveness = new Float64Array([1, 2, 4]);
const demand = new Float64Array([100, 200, 50, 40]);
const own = new Uint8Array([1, 0, 0]);
const P = (r: { prob: Float32Array }, s: number, c: number) => r.prob[s * 4 + c];

describe('huff (Huff 1963) on 3 stores × 4 communes by hand', () => {
  it('power decay γ = 1, λ = 2', () => {
    const r = huff(fixture(), attractiveness, demand, own, { gamma: 1, decay: { kind: 'power', lambda: 2 } });
    // c0: w = 1/10² = 0.01, 2/20² = 0.005 → sum 0.015 → 2/3, 1/3, 0
    expect(P(r, 0, 0)).toBeCloseTo(2 / 3, 6); expect(P(r, 1, 0)).toBeCloseTo(1 / 3, 6); expect(P(r, 2, 0)).toBe(0);
    // c1: w = 1/25 = 0.04, 2/25 = 0.08, 4/100 = 0.04 → sum 0.16 → 0.25, 0.5, 0.25
    expect(P(r, 0, 1)).toBeCloseTo(0.25, 6); expect(P(r, 1, 1)).toBeCloseTo(0.5, 6); expect(P(r, 2, 1)).toBeCloseTo(0.25, 6);
    // c2: unreachable → 0 everywhere, its demand reported apart, own share NaN
    for (let s = 0; s < 3; s++) expect(P(r, s, 2)).toBe(0);
    expect(r.unreachedDemand).toBe(50);
    expect(r.ownShareRatio[2]).toBeNaN();
    // c3: 0.5 min floored to 1 → w = 1/1 = 1; s2: 4/2² = 1 → 0.5, 0, 0.5
    expect(P(r, 0, 3)).toBeCloseTo(0.5, 6); expect(P(r, 2, 3)).toBeCloseTo(0.5, 6);
    // expected demand: s0 = 100·2/3 + 200·0.25 + 40·0.5; s1 = 100/3 + 200·0.5; s2 = 200·0.25 + 40·0.5
    const e = [100 * 2 / 3 + 50 + 20, 100 / 3 + 100, 50 + 20];
    e.forEach((x, s) => expect(r.expectedDemand[s]).toBeCloseTo(x, 4));
    // market share over the reachable demand 100 + 200 + 40 = 340
    e.forEach((x, s) => expect(r.marketShareRatio[s]).toBeCloseTo(x / 340, 6));
    // own network = store 0 only
    expect(Array.from(r.ownShareRatio).slice(0, 2).map((x) => +x.toFixed(6))).toEqual([+(2 / 3).toFixed(6), 0.25]);
    expect(r.ownShareRatio[3]).toBeCloseTo(0.5, 6);
  });

  it('exponential decay γ = 0.5, λ = 0.1 per minute (no floor)', () => {
    const r = huff(fixture(), attractiveness, demand, own, { gamma: 0.5, decay: { kind: 'exponential', lambda: 0.1 } });
    // c0: w0 = 1·e^−1, w1 = √2·e^−2
    const c0 = [Math.exp(-1), Math.SQRT2 * Math.exp(-2)];
    expect(P(r, 0, 0)).toBeCloseTo(c0[0] / (c0[0] + c0[1]), 6); // = 1 / (1 + √2/e) ≈ 0.657782
    expect(P(r, 0, 0)).toBeCloseTo(0.657782, 5);
    // c1: e^−0.5, √2·e^−0.5, 2·e^−1
    const c1 = [Math.exp(-0.5), Math.SQRT2 * Math.exp(-0.5), 2 * Math.exp(-1)];
    const s1 = c1[0] + c1[1] + c1[2];
    c1.forEach((w, s) => expect(P(r, s, 1)).toBeCloseTo(w / s1, 6));
    // c3: 0.5 min is kept as is: e^−0.05 and 2·e^−0.2
    const c3 = [Math.exp(-0.05), 2 * Math.exp(-0.2)];
    expect(P(r, 0, 3)).toBeCloseTo(c3[0] / (c3[0] + c3[1]), 6);
    expect(r.expectedDemand[2]).toBeCloseTo(200 * c1[2] / s1 + 40 * c3[1] / (c3[0] + c3[1]), 3);
    expect(decayWeight(10, { kind: 'exponential', lambda: 0.1 })).toBeCloseTo(Math.exp(-1), 12);
    expect(decayWeight(0.5, { kind: 'power', lambda: 2 })).toBe(1);
  });

  it('does not underflow with a steep exponential decay far away (e^−180)', () => {
    const times: StoreTimes = { storeCount: 2, communeCount: 1, sec: new Float32Array([90 * 60, 100 * 60]) };
    const r = huff(times, new Float64Array([1, 1]), new Float64Array([10]), new Uint8Array([1, 0]), { gamma: 1, decay: { kind: 'exponential', lambda: 2 } });
    // P0 = e^−180 / (e^−180 + e^−200) = 1 / (1 + e^−20)
    expect(r.prob[0]).toBeCloseTo(1 / (1 + Math.exp(-20)), 6);
    expect(r.unreachedDemand).toBe(0);
  });

  it('sums to 1 per reachable commune, and conserves demand, on random data', () => {
    const rand = seededRandom(14);
    const S = 25, C = 400;
    const sec = new Float32Array(S * C).map(() => (rand() < 0.3 ? NaN : rand() * 5400));
    const A = new Float64Array(S).map(() => 0.5 + rand() * 20);
    const D = new Float64Array(C).map(() => Math.round(rand() * 1000));
    const r = huff({ storeCount: S, communeCount: C, sec }, A, D, new Uint8Array(S).map((_, i) => i % 2), { gamma: 1.3, decay: { kind: 'power', lambda: 1.7 } });
    let reached = 0;
    for (let c = 0; c < C; c++) {
      let sum = 0; let any = false;
      for (let s = 0; s < S; s++) { sum += r.prob[s * C + c]; any ||= !Number.isNaN(sec[s * C + c]); }
      if (any) { expect(sum).toBeCloseTo(1, 5); reached += D[c]; } else expect(sum).toBe(0);
    }
    expect(r.expectedDemand.reduce((a, b) => a + b, 0)).toBeCloseTo(reached, 0);
    expect(r.marketShareRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('agrees with the formula computed naively in float64 (A^γ·f(t) / Σ), both decays', () => {
    const rand = seededRandom(41);
    const S = 12, C = 60;
    const sec = new Float32Array(S * C).map(() => (rand() < 0.2 ? NaN : rand() * 3600));
    const A = new Float64Array(S).map(() => 1 + rand() * 50);
    for (const p of [{ gamma: 0.7, decay: { kind: 'power', lambda: 1.2 } }, { gamma: 2, decay: { kind: 'exponential', lambda: 0.05 } }] as const) {
      const r = huff({ storeCount: S, communeCount: C, sec }, A, new Float64Array(C).fill(1), new Uint8Array(S), p);
      for (let c = 0; c < C; c++) {
        const w = Array.from({ length: S }, (_, s) => (Number.isNaN(sec[s * C + c]) ? 0 : A[s] ** p.gamma * decayWeight(sec[s * C + c] / 60, p.decay)));
        const sum = w.reduce((a, b) => a + b, 0);
        for (let s = 0; s < S; s++) expect(r.prob[s * C + c]).toBeCloseTo(sum > 0 ? w[s] / sum : 0, 5);
      }
    }
  });

  it('gives the same numbers on the sparse table (only reachable pairs) as on the dense one, cell for cell', () => {
    const rand = seededRandom(7);
    const S = 9, C = 50;
    const sec = new Float32Array(S * C).map(() => (rand() < 0.7 ? NaN : rand() * 5400));
    const dense: StoreTimes = { storeCount: S, communeCount: C, sec };
    const sparse = toSparse(dense);
    // CSR by store, communes ascending, NaN left out; back to dense unchanged; a cut-off keeps only t ≤ it
    expect(sparse.offsets[S]).toBe(sec.filter((t) => t === t).length);
    for (let s = 0; s < S; s++) for (let k = sparse.offsets[s] + 1; k < sparse.offsets[s + 1]; k++) expect(sparse.commune[k]).toBeGreaterThan(sparse.commune[k - 1]);
    expect(Array.from(toDense(sparse).sec)).toEqual(Array.from(sec));
    expect(Array.from(toSparse(sparse, 1800).sec).every((t) => t <= 1800)).toBe(true);
    expect(toSparse(sparse, 1800).offsets[S]).toBe(sec.filter((t) => t <= 1800).length);
    const A = new Float64Array(S).map(() => 1 + rand() * 9), D = new Float64Array(C).map(() => rand() * 100), own = new Uint8Array(S).map((_, i) => i % 3 === 0 ? 1 : 0);
    const p = { gamma: 1.1, decay: { kind: 'exponential' as const, lambda: 0.08 } };
    const a = huff(dense, A, D, own, p), b = huffSparse(sparse, A, D, own, p);
    for (let s = 0; s < S; s++) {
      for (let k = sparse.offsets[s]; k < sparse.offsets[s + 1]; k++) expect(b.prob[k]).toBe(a.prob[s * C + sparse.commune[k]]);
      expect(b.expectedDemand[s]).toBe(a.expectedDemand[s]);
    }
    expect(Array.from(b.ownShareRatio)).toEqual(Array.from(a.ownShareRatio));
    // the dense probabilities are 0 off the sparse cells
    expect(a.prob.filter((x, i) => x !== 0 && Number.isNaN(sec[i])).length).toBe(0);
    // exclusive areas: the same store and time per commune from either form
    const e1 = exclusiveAreas(dense, 3600), e2 = exclusiveAreas(sparse, 3600);
    expect(Array.from(e2.storeOfCommune)).toEqual(Array.from(e1.storeOfCommune));
    expect(Array.from(e2.timeSec)).toEqual(Array.from(e1.timeSec));
    expect(() => huffSparse({ ...sparse, commune: sparse.commune.map((c) => c + C) }, A, D, own, p)).toThrow(AreaInputError);
  });

  it('refuses parameters out of bounds and non-positive attractiveness, in French', () => {
    const run = (gamma: number, lambda: number, A = attractiveness) => () => huff(fixture(), A, demand, own, { gamma, decay: { kind: 'power', lambda } });
    expect(run(9, 2)).toThrow(AreaInputError);
    try { run(1, 7)(); } catch (e) {
      expect((e as AreaInputError).code).toBe('PARAM_OUT_OF_BOUNDS');
      expect((e as AreaInputError).field).toBe('lambda');
      expect((e as Error).message).toMatch(/hors des bornes admises \[0,1 ; 6\]/);
    }
    expect(run(1, 2, new Float64Array([1, 0, 4]))).toThrow(/Attractivité du magasin n° 2/);
    expect(() => huff(fixture(), attractiveness, new Float64Array(3), own, { gamma: 1, decay: { kind: 'power', lambda: 2 } })).toThrow(/demand : 4 valeur/);
  });
});
