import { describe, expect, it } from 'vitest';
import { AreaInputError, calibrateMci, calibrateMl, type Decay } from '../../../api/src/domain/areas/index.js';
import { drawCustomers, syntheticMarket } from './synthetic.js';

const within10 = (got: number, truth: number) => expect(Math.abs(got - truth) / truth).toBeLessThan(0.1);
const market = syntheticMarket(2026, 20, 600);
const totalOf = (x: Float64Array) => x.reduce((a, b) => a + b, 0);

describe.each<[string, number, Decay]>([
  ['power', 1.4, { kind: 'power', lambda: 2 }],
  ['exponential', 0.8, { kind: 'exponential', lambda: 0.12 }],
])('calibration recovers γ, λ of data generated with them (%s decay)', (_name, gamma, decay) => {
  it('MCI recovers them exactly from expected counts (no sampling noise)', () => {
    const obs = drawCustomers(market, gamma, decay, 0.1, 1, true);
    const fit = calibrateMci(market.times, market.attractiveness, obs, decay.kind);
    expect(fit.gamma).toBeCloseTo(gamma, 3);
    expect(fit.lambda).toBeCloseTo(decay.lambda, 3);
    expect(fit.r2).toBeCloseTo(1, 6);
    expect(fit.gammaFixed).toBe(false);
    expect(fit.atBound).toEqual([]);
    const ols = calibrateMci(market.times, market.attractiveness, obs, decay.kind, { mciWeighting: 'ols' }); // textbook OLS: exact too
    expect(ols.gamma).toBeCloseTo(gamma, 3);
    expect(ols.lambda).toBeCloseTo(decay.lambda, 3);
  });

  it('ML recovers them within ±10 % from sampled customers; MCI too', () => {
    const obs = drawCustomers(market, gamma, decay, 0.2, 7); // ≈ 0.2 × 600 × 1,050 ≈ 126,000 customers
    const n = totalOf(obs.count);
    expect(n).toBeGreaterThan(100_000);
    const ml = calibrateMl(market.times, market.attractiveness, obs, decay.kind);
    within10(ml.gamma, gamma);
    within10(ml.lambda, decay.lambda);
    expect(ml.iterations).toBeLessThan(30);
    expect(ml.pseudoR2).toBeGreaterThan(0);
    expect(ml.pseudoR2).toBeLessThan(1);
    expect(ml.includedCount).toBe(n);
    // predicted shares per store track the observed ones (weighted by observed communes)
    expect(totalOf(ml.predictedShare)).toBeCloseTo(1, 9);
    for (let s = 0; s < 20; s++) expect(Math.abs(ml.predictedShare[s] - ml.observedShare[s])).toBeLessThan(0.01);
    const mci = calibrateMci(market.times, market.attractiveness, obs, decay.kind);
    within10(mci.gamma, gamma);
    within10(mci.lambda, decay.lambda);
  });
});

describe('calibration edge cases', () => {
  it('warns, in French, that MCI is unreliable on sparse customers, and says customers left out', () => {
    const obs = drawCustomers(market, 1.4, { kind: 'power', lambda: 2 }, 0.003, 21); // ≈ 3 customers per commune
    const mci = calibrateMci(market.times, market.attractiveness, obs, 'power');
    expect(mci.warnings.join(' ')).toMatch(/MCI peu fiable ici : 1,\d+ client\(s\) en moyenne/);
    const ml = calibrateMl(market.times, market.attractiveness, obs, 'power');
    expect(ml.warnings).toEqual([]);
    // customers of store 0 in communes beyond its 60-min cut-off: not in the fit, said
    const far = market.times.sec.findIndex((t, i) => i < 600 && Number.isNaN(t));
    const withFar = { store: Int32Array.from([...obs.store, 0]), commune: Int32Array.from([...obs.commune, far]), count: Float64Array.from([...obs.count, 4]) };
    const fit = calibrateMl(market.times, market.attractiveness, withFar, 'power');
    expect(fit.excludedCount).toBe(4);
    expect(fit.warnings.join(' ')).toMatch(/^4 client\(s\) \(0,\d %\) non comptés/);
  });

  it('fits on own stores only (IIA): same γ, λ from own customers alone', () => {
    const obs = drawCustomers(market, 1.4, { kind: 'power', lambda: 2 }, 0.2, 11);
    const ownOnly = obs.store.map((s) => (s < 8 ? 1 : 0));
    const keep = (x: Int32Array | Float64Array) => x.filter((_, i) => ownOnly[i]);
    const own = { store: keep(obs.store) as Int32Array, commune: keep(obs.commune) as Int32Array, count: keep(obs.count) as Float64Array };
    const fit = calibrateMl(market.times, market.attractiveness, own, 'power');
    within10(fit.gamma, 1.4);
    within10(fit.lambda, 2);
  });

  it('says own-network residual per commune, NaN where nothing was observed', () => {
    const obs = drawCustomers(market, 1, { kind: 'power', lambda: 2 }, 0.1, 5, true);
    const own = new Uint8Array(20).map((_, s) => (s % 3 === 0 ? 1 : 0));
    const fit = calibrateMl(market.times, market.attractiveness, obs, 'power', undefined, { own });
    expect(fit.residualKind).toBe('ownShare');
    const observed = new Set(obs.commune);
    for (let c = 0; c < 600; c++) {
      if (observed.has(c)) expect(Math.abs(fit.residual[c])).toBeLessThan(1e-4); // expected counts: fits exactly
      else expect(fit.residual[c]).toBeNaN();
    }
  });

  it('fixes γ = 1 when attractiveness is constant, still fits λ', () => {
    const flat = new Float64Array(20).fill(1);
    const obs = drawCustomers({ ...market, attractiveness: flat }, 1, { kind: 'power', lambda: 1.5 }, 0.1, 3, true);
    for (const fit of [calibrateMci(market.times, flat, obs, 'power'), calibrateMl(market.times, flat, obs, 'power')]) {
      expect(fit.gammaFixed).toBe(true);
      expect(fit.gamma).toBe(1);
      expect(fit.lambda).toBeCloseTo(1.5, 3);
    }
  });

  it('refuses too few pairs and a design where times do not vary', () => {
    const few = { store: Int32Array.from([0, 1]), commune: Int32Array.from([0, 0]), count: Float64Array.from([3, 2]) };
    const t = { storeCount: 2, communeCount: 1, sec: Float32Array.from([600, 1200]) };
    for (const f of [() => calibrateMci(t, Float64Array.from([1, 2]), few, 'power'), () => calibrateMl(t, Float64Array.from([1, 2]), few, 'power')]) {
      expect(f).toThrow(AreaInputError);
      expect(f).toThrow(/2 couple\(s\) magasin × commune observé\(s\).*au moins 5/);
    }
    // 3 stores, 4 communes, every store 10 min from every commune: λ cannot be estimated
    const flatT = { storeCount: 3, communeCount: 4, sec: new Float32Array(12).fill(600) };
    const obs = { store: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1]), commune: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2]), count: Float64Array.from([5, 3, 2, 4, 4, 1, 2, 6]) };
    try { calibrateMl(flatT, Float64Array.from([1, 2, 3]), obs, 'exponential'); expect.unreachable(); } catch (e) {
      expect((e as AreaInputError).code).toBe('SINGULAR_DESIGN');
      expect((e as Error).message).toMatch(/temps de trajet ne varient pas/);
    }
  });
});

describe('calibrateMl from a far start', () => {
  it('converges from the bounds of the box', () => {
    const obs = drawCustomers(market, 1.4, { kind: 'power', lambda: 2 }, 0.2, 31);
    for (const start of [{ gamma: 5, lambda: 0.1 }, { gamma: 0.05, lambda: 6 }, { gamma: 5, lambda: 6 }]) {
      const fit = calibrateMl(market.times, market.attractiveness, obs, 'power', start);
      within10(fit.gamma, 1.4);
      within10(fit.lambda, 2);
    }
  });
});
