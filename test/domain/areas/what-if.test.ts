import { describe, expect, it } from 'vitest';
import { huff, huffSparse, toSparse, whatIfDelta, type HuffParams, type StoreTimes } from '../../../api/src/domain/areas/index.js';
import { syntheticMarket } from './synthetic.js';

const N = NaN;
const params: HuffParams = { gamma: 1, decay: { kind: 'power', lambda: 2 } };
const demand = new Float64Array([100, 100, 50]);
/** minutes [store][commune] → StoreTimes over 3 communes */
const times = (rows: number[][]): StoreTimes => ({ storeCount: rows.length, communeCount: 3, sec: new Float32Array(rows.flat().map((m) => m * 60)) });
const s0 = [10, N, N]; // own
const s1 = [10, 20, N]; // competitor
const s2 = [5, 10, 10]; // new own site

describe('whatIfDelta', () => {
  it('splits an added own store’s demand into captured, cannibalised and newly reached, by hand', () => {
    const base = huff(times([s0, s1]), new Float64Array([1, 1]), demand, new Uint8Array([1, 0]), params);
    const changed = huff(times([s0, s1, s2]), new Float64Array([1, 1, 1]), demand, new Uint8Array([1, 0, 1]), params);
    const d = whatIfDelta(base, changed, new Uint8Array([1, 0]), new Uint8Array([1, 0, 1]), Int32Array.from([0, 1, -1]), demand, 3);
    // base: c0 ½ ½; c1 all to s1; c2 unreached.
    // changed: c0 w = 1/100, 1/100, 1/25 → 1/6, 1/6, 2/3; c1 w = 1/400, 1/100 → 0.2, 0.8; c2 → s2.
    // s2 = 100·2/3 + 100·0.8 + 50 = 196.667: from s0 (own) 100·(½ − 1/6) = 33.333, from s1 33.333 + 80, unreached 50
    expect(Array.from(d.store)).toEqual([0, 1, 2]);
    expect(Array.from(d.baseStore)).toEqual([0, 1, -1]);
    expect(d.newDemand[2]).toBeCloseTo(100 * 2 / 3 + 80 + 50, 3);
    expect(d.capturedFromCompetitors[2]).toBeCloseTo(100 / 3 + 80, 3);
    expect(d.cannibalisedFromOwn[2]).toBeCloseTo(100 / 3, 3);
    expect(d.fromUnreached[2]).toBe(50);
    // s0 loses 33.333 to the own new store; s1 loses 33.333 + 80 to it
    expect(d.cannibalisedFromOwn[0]).toBeCloseTo(-100 / 3, 3); expect(d.capturedFromCompetitors[0]).toBeCloseTo(0, 9);
    // columns name the counterpart's role (user's view): the competitor s1 lost to an own store
    expect(d.cannibalisedFromOwn[1]).toBeCloseTo(-(100 / 3 + 80), 3); expect(d.capturedFromCompetitors[1]).toBeCloseTo(0, 9);
    expect(d.baseDemand[1]).toBeCloseTo(150, 4); expect(d.newDemand[1]).toBeCloseTo(100 / 6 + 20, 3);
    expect(d.ownNetworkBase).toBeCloseTo(50, 4);
    expect(d.ownNetworkNew).toBeCloseTo(100 / 6 + 196.667, 2);
  });

  it('lists a closed store with −1 and sends its demand to the others', () => {
    const base = huff(times([s0, s1]), new Float64Array([1, 1]), demand, new Uint8Array([1, 0]), params);
    const changed = huff(times([s1]), new Float64Array([1]), demand, new Uint8Array([0]), params);
    const d = whatIfDelta(base, changed, new Uint8Array([1, 0]), new Uint8Array([0]), Int32Array.from([1]), demand, 3);
    expect(Array.from(d.store)).toEqual([0, -1]);
    expect(Array.from(d.baseStore)).toEqual([1, 0]);
    // s0 had 50 (½ of c0); it all goes to the competitor s1
    expect(d.newDemand[1]).toBe(0); expect(d.baseDemand[1]).toBeCloseTo(50, 4);
    expect(d.capturedFromCompetitors[1]).toBeCloseTo(-50, 4);
    expect(d.cannibalisedFromOwn[0]).toBeCloseTo(50, 4); // the competitor s1 gained 50 from an own store (counterpart own)
    expect(d.fromUnreached[1]).toBe(0);
  });

  it('conserves demand on a synthetic market: each row’s change = captured + cannibalised + unreached; totals unchanged', () => {
    const m = syntheticMarket(5, 30, 800, 100, 45);
    const S = 30, C = 800;
    const own = new Uint8Array(S).map((_, s) => (s < 12 ? 1 : 0));
    const base = huff(m.times, m.attractiveness, m.population, own, params);
    // add an own store in the middle of the square: times of store 0 shifted, as a new row
    const sec = new Float32Array((S + 1) * C);
    sec.set(m.times.sec);
    for (let c = 0; c < C; c++) sec[S * C + c] = m.times.sec[c] * 0.7;
    const A = new Float64Array(S + 1); A.set(m.attractiveness); A[S] = 5;
    const own2 = new Uint8Array(S + 1); own2.set(own); own2[S] = 1;
    const mapping = Int32Array.from({ length: S + 1 }, (_, s) => (s < S ? s : -1));
    const changed = huff({ storeCount: S + 1, communeCount: C, sec }, A, m.population, own2, params);
    const d = whatIfDelta(base, changed, own, own2, mapping, m.population, C);
    for (let r = 0; r < d.store.length; r++) {
      expect(d.newDemand[r] - d.baseDemand[r]).toBeCloseTo(d.capturedFromCompetitors[r] + d.cannibalisedFromOwn[r] + d.fromUnreached[r], 2);
    }
    const total = (x: Float64Array) => x.reduce((a, b) => a + b, 0);
    expect(d.fromUnreached[S]).toBe(0); // store 0 already reached every commune the new one reaches
    expect(d.capturedFromCompetitors[S] + d.cannibalisedFromOwn[S]).toBeCloseTo(d.newDemand[S], 2);
    expect(d.capturedFromCompetitors[S]).toBeGreaterThan(0);
    expect(d.cannibalisedFromOwn[S]).toBeGreaterThan(0);
    expect(total(d.newDemand)).toBeCloseTo(total(d.baseDemand), 0); // same communes reached: total demand unchanged
  });

  it('gives the same split from the sparse results (only reachable pairs) as from the dense ones', () => {
    const base = times([s0, s1]), changedTimes = times([s1, s2]); // s0 closed, s2 opened
    const A = new Float64Array([1, 1]), own = new Uint8Array([1, 0]), own2 = new Uint8Array([0, 1]), mapping = Int32Array.from([1, -1]);
    const dense = whatIfDelta(huff(base, A, demand, own, params), huff(changedTimes, A, demand, own2, params), own, own2, mapping, demand, 3);
    const sparse = whatIfDelta(huffSparse(toSparse(base), A, demand, own, params), huffSparse(toSparse(changedTimes), A, demand, own2, params), own, own2, mapping, demand, 3);
    expect(sparse).toEqual(dense);
    expect(Array.from(dense.store)).toEqual([0, 1, -1]);
    expect(dense.fromUnreached[1]).toBe(50); // c2 reached only by the new site
  });
});
