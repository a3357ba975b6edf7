import { describe, expect, it } from 'vitest';
import {
  accessibility, accessibilitySensitivity, accessWeight, BasinInputError, DEFAULT_STEPS, defaultSensitivityVariants, scaledSteps,
  sparseFromStoreTimes, summarizeAccess, type AccessDecay,
} from '../../../api/src/domain/basins/index.js';

// 3 supplies × 3 communes, times in MINUTES (NaN = unreachable):
//            c0   c1   c2
//   j0 (10)   5   12   25
//   j1  (5)  18    8   —
//   j2  (2)   —   14    9
// demand (population) c0 = 1,000, c1 = 2,000, c2 = 500
const MIN = [5, 12, 25, 18, 8, NaN, NaN, 14, 9];
const dense = { storeCount: 3, communeCount: 3, sec: Float32Array.from(MIN, (m) => m * 60) };
const times = sparseFromStoreTimes(dense, 180 * 60);
const supply = Float64Array.from([10, 5, 2]);
const demand = Float64Array.from([1000, 2000, 500]);
const weightedSum = (a: Float64Array) => a.reduce((s, x, i) => s + x * demand[i], 0) / 100_000;

describe('2SFCA (binary catchment)', () => {
  it('matches the hand computation at 20 min', () => {
    // j0 reaches c0, c1 (25 > 20): R0 = 10 / (1,000 + 2,000); j1 reaches c0, c1: R1 = 5 / 3,000; j2 reaches c1, c2: R2 = 2 / 2,500
    const R0 = 10 / 3000, R1 = 5 / 3000, R2 = 2 / 2500;
    const r = accessibility(times, supply, demand, { catchmentMin: 20, decay: { kind: 'binary' } });
    expect(r.accessPer100k[0]).toBeCloseTo((R0 + R1) * 1e5, 9); // 500
    expect(r.accessPer100k[1]).toBeCloseTo((R0 + R1 + R2) * 1e5, 9); // 580
    expect(r.accessPer100k[2]).toBeCloseTo(R2 * 1e5, 9); // 80
    expect([...r.accessPer100k].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([500, 580, 80]);
    expect([...r.ratioPer100k].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([333.333333, 166.666667, 80]);
  });

  it('conserves supply: Σ demand × access = Σ supply within reach (1,000·0.005 + 2,000·0.0058 + 500·0.0008 = 17)', () => {
    const r = accessibility(times, supply, demand, { catchmentMin: 20, decay: { kind: 'binary' } });
    expect(weightedSum(r.accessPer100k)).toBeCloseTo(17, 9);
    expect(r.supplyInReach).toBe(17);
    expect(r.supplyWithoutDemand).toBe(0);
  });

  it('a supply with no demand in reach is reported, not spread', () => {
    const withLost = sparseFromStoreTimes({ storeCount: 4, communeCount: 3, sec: Float32Array.from([...MIN, 40, NaN, NaN], (m) => m * 60) }, 180 * 60);
    const r = accessibility(withLost, Float64Array.from([10, 5, 2, 3]), demand, { catchmentMin: 20, decay: { kind: 'binary' } });
    expect(r.supplyWithoutDemand).toBe(3);
    expect(Number.isNaN(r.ratioPer100k[3])).toBe(true);
    expect(weightedSum(r.accessPer100k)).toBeCloseTo(17, 9);
  });
});

describe('E2SFCA with steps 1 / ⅔ / ⅓ on 0–10 / 10–15 / 15–20 min', () => {
  it('matches the hand computation', () => {
    // weights: j0 c0 (5) 1, c1 (12) ⅔ ; j1 c0 (18) ⅓, c1 (8) 1 ; j2 c1 (14) ⅔, c2 (9) 1
    const R0 = 10 / (1000 * 1 + 2000 * (2 / 3)); // = 3/700
    const R1 = 5 / (1000 / 3 + 2000 * 1); // = 3/1400
    const R2 = 2 / (2000 * (2 / 3) + 500 * 1); // = 3/2750
    const r = accessibility(times, supply, demand, { catchmentMin: 20, decay: DEFAULT_STEPS });
    expect(r.accessPer100k[0]).toBeCloseTo((R0 + R1 / 3) * 1e5, 9); // 1/200 → 500
    expect(r.accessPer100k[1]).toBeCloseTo(((2 / 3) * R0 + R1 + (2 / 3) * R2) * 1e5, 9); // 0.005 + 2/2750 → 572.727…
    expect(r.accessPer100k[2]).toBeCloseTo(R2 * 1e5, 9); // 3/2750 → 109.0909…
    expect(r.accessPer100k[0]).toBeCloseTo(500, 9);
    expect(r.accessPer100k[1]).toBeCloseTo(500 + 2e5 / 2750, 9);
    expect(r.accessPer100k[2]).toBeCloseTo(3e5 / 2750, 9);
    expect(weightedSum(r.accessPer100k)).toBeCloseTo(17, 9); // 5 + 10 + 4,000/2,750 + 1,500/2,750
  });

  it('Gaussian decay: weight 1 at 0 min, 0 at the catchment; supply still conserved', () => {
    expect(accessWeight(0, { kind: 'gaussian' }, 20)).toBe(1);
    expect(accessWeight(20, { kind: 'gaussian' }, 20)).toBeCloseTo(0, 12);
    expect(accessWeight(10, { kind: 'gaussian' }, 20)).toBeCloseTo((Math.exp(-0.125) - Math.exp(-0.5)) / (1 - Math.exp(-0.5)), 12);
    const r = accessibility(times, supply, demand, { catchmentMin: 30, decay: { kind: 'gaussian' } });
    expect(weightedSum(r.accessPer100k)).toBeCloseTo(17, 9);
  });
});

describe('bad input', () => {
  it.each([0, -5, 181, NaN])('catchment %s min → CATCHMENT_OUT_OF_RANGE naming the field, in French', (catchmentMin) => {
    try {
      accessibility(times, supply, demand, { catchmentMin, decay: { kind: 'binary' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BasinInputError);
      expect((e as BasinInputError).code).toBe('CATCHMENT_OUT_OF_RANGE');
      expect((e as BasinInputError).field).toBe('catchmentMin');
      expect((e as Error).message).toMatch(/Temps d’accès maximal .* minutes/);
    }
  });
  it('180 min is allowed', () => {
    expect(() => accessibility(times, supply, demand, { catchmentMin: 180, decay: { kind: 'binary' } })).not.toThrow();
  });
  it('negative supply → NEGATIVE_SUPPLY on field supply', () => {
    expect(() => accessibility(times, Float64Array.from([10, -1, 2]), demand, { catchmentMin: 20, decay: { kind: 'binary' } }))
      .toThrow(expect.objectContaining({ code: 'NEGATIVE_SUPPLY', field: 'supply', message: expect.stringContaining('point n° 2') }));
  });
  it('steps not increasing → BAD_INPUT on decay', () => {
    const decay: AccessDecay = { kind: 'steps', upperMin: [10, 10], weights: [1, 0.5] };
    expect(() => accessibility(times, supply, demand, { catchmentMin: 20, decay })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'decay' }));
  });
});

describe('sensitivity table', () => {
  it('12 variants (10/15/20/30 × binary, steps, Gaussian); steps scale with the catchment', () => {
    const variants = defaultSensitivityVariants();
    expect(variants).toHaveLength(12);
    expect(scaledSteps(10)).toEqual({ kind: 'steps', upperMin: [5, 7.5, 10], weights: DEFAULT_STEPS.weights });
    expect(scaledSteps(20)).toEqual(DEFAULT_STEPS);
  });

  it('rows summarise each variant (20-min binary mean = 17 × 100,000 / 3,500)', () => {
    const rows = accessibilitySensitivity(times, supply, demand, { thresholdPer100k: 100 });
    const binary20 = rows.find((r) => r.catchmentMin === 20 && r.decay.kind === 'binary')!;
    expect(binary20.meanPer100k).toBeCloseTo(1.7e6 / 3500, 9);
    expect(binary20.medianPer100k).toBeCloseTo(580, 9); // sorted 80 (500), 500 (1,000), 580 (2,000): half of 3,500 reached at 580
    expect(binary20.populationBelowThresholdCount).toBe(500); // c2 at 80 < 100
    expect(binary20.decayLabel).toBe('seuil simple (2SFCA)');
    // 10 min: only j0→c0 (5), j1→c1 (8), j2→c2 (9): each commune gets one supply; 30 min: j0 also reaches c2
    const binary10 = rows.find((r) => r.catchmentMin === 10 && r.decay.kind === 'binary')!;
    expect(binary10.meanPer100k).toBeCloseTo(1.7e6 / 3500, 9);
    expect(binary10.populationBelowThresholdCount).toBe(0); // 1,000 / 1,000 ; 250 ; 400 per 100,000 — none below 100
  });

  it('summarizeAccess counts communes without access', () => {
    const s = summarizeAccess(Float64Array.from([0, 50, 200]), Float64Array.from([10, 20, 30]), 100);
    expect(s).toEqual({ meanPer100k: (50 * 20 + 200 * 30) / 60, medianPer100k: 50, communesWithoutAccessCount: 1, populationWithoutAccessCount: 10, populationBelowThresholdCount: 30 });
  });
});
