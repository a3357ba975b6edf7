import { describe, expect, it } from 'vitest';
import { aggregateIndicator, indexBase100 } from '../../../api/src/domain/indicators/aggregate.js';
import type { CommuneFacts, IndicatorDef } from '../../../api/src/domain/indicators/registry.js';
import { STATIC_DEFS, registryDefs } from '../../../api/src/domain/indicators/providers/index.js';
import { layerDefs, layerFacts } from '../../../api/src/domain/indicators/providers/layers.js';
import { filosofiFacts } from '../../../api/src/domain/indicators/providers/filosofi.js';
import { aggregateAgeBands } from '../../../api/src/domain/indicators/providers/age.js';

const def = (id: string) => STATIC_DEFS.find((d) => d.id === id)!;
const whole = (codes: string[]) => codes.map((communeCode) => ({ communeCode, weight: 1 }));

// Three communes A (1,000 hab.), B (3,000), C (6,000); C is hidden by Filosofi's secret.
const facts: CommuneFacts = new Map([
  ['A', { population: 1000, areaKm2: 10, gpCount: 1, populationWithGp: 1000 }],
  ['B', { population: 3000, areaKm2: 20, gpCount: 2, populationWithGp: 3000 }],
  ['C', { population: 6000, areaKm2: 70, gpCount: 9, populationWithGp: 6000 }],
]);
filosofiFacts(
  [
    { communeCode: 'A', fiscalHouseholds2021: 400, fiscalPersons2021: 1000, medianIncomeEur2021: 20000, povertyRatePct2021: 10, d1Eur2021: null, d9Eur2021: null, medianApproximate: false },
    { communeCode: 'B', fiscalHouseholds2021: 1300, fiscalPersons2021: 3000, medianIncomeEur2021: 24000, povertyRatePct2021: 20, d1Eur2021: null, d9Eur2021: null, medianApproximate: true },
    { communeCode: 'C', fiscalHouseholds2021: null, fiscalPersons2021: null, medianIncomeEur2021: null, povertyRatePct2021: null, d1Eur2021: null, d9Eur2021: null, medianApproximate: false },
  ],
  facts,
);

describe('aggregateIndicator', () => {
  it('sums counts over members', () => {
    expect(aggregateIndicator(def('population'), whole(['A', 'B', 'C']), facts)).toEqual({ value: 10000, coverageRatio: 1 });
  });

  it('takes a ratio of sums, never a mean of ratios', () => {
    // densities 100, 150, 85.7 → mean of ratios 111.9; ratio of sums 10,000 / 100 = 100.
    expect(aggregateIndicator(def('density'), whole(['A', 'B', 'C']), facts).value).toBeCloseTo(100, 10);
    // (1 + 2 + 9) / 10,000 × 10,000 = 12 GPs per 10,000.
    expect(aggregateIndicator(def('health_gp_per_10k'), whole(['A', 'B', 'C']), facts).value).toBeCloseTo(12, 10);
  });

  it('says a median is exact for one unmerged commune with full weight, approximate otherwise', () => {
    const median = def('filosofi_median_income');
    expect(aggregateIndicator(median, whole(['A']), facts)).toEqual({ value: 20000, coverageRatio: 1, exact: true });
    // B was merged since 2021: its median is itself a weighted mean of former communes'.
    expect(aggregateIndicator(median, whole(['B']), facts).exact).toBeUndefined();
    // Half of A: a share of a commune is not the commune.
    expect(aggregateIndicator(median, [{ communeCode: 'A', weight: 0.5 }], facts).exact).toBeUndefined();
    // A with the secret C: A's median is all there is, but it is not the zone's median.
    expect(aggregateIndicator(median, whole(['A', 'C']), facts).exact).toBeUndefined();
    expect(aggregateIndicator(median, whole(['A', 'B']), facts).exact).toBeUndefined();
    // An additive count never carries the flag.
    expect(aggregateIndicator(def('population'), whole(['A']), facts).exact).toBeUndefined();
  });

  it('weights a median by population and reports the share of the population covered (secret cell)', () => {
    const r = aggregateIndicator(def('filosofi_median_income'), whole(['A', 'B', 'C']), facts);
    // (20,000 × 1,000 + 24,000 × 3,000) / 4,000 = 23,000; C (6,000 of 10,000 inhabitants) is secret.
    expect(r.value).toBeCloseTo(23000, 6);
    expect(r.coverageRatio).toBeCloseTo(0.4, 10);
    const poverty = aggregateIndicator(def('filosofi_poverty_rate'), whole(['A', 'B', 'C']), facts);
    // (10 % × 1,000 + 20 % × 3,000) / 4,000 = 17.5 %.
    expect(poverty.value).toBeCloseTo(17.5, 10);
  });

  it('gives null with coverage 0 when no member has a value (never 0)', () => {
    expect(aggregateIndicator(def('filosofi_median_income'), whole(['C']), facts)).toEqual({ value: null, coverageRatio: 0 });
    expect(aggregateIndicator(def('filosofi_d1'), whole(['A', 'B']), facts)).toEqual({ value: null, coverageRatio: 0 });
  });

  it('weights partial members', () => {
    const r = aggregateIndicator(def('population'), [{ communeCode: 'A', weight: 1 }, { communeCode: 'C', weight: 0.5 }], facts);
    expect(r.value).toBe(4000);
  });

  it('index base 100 against a reference, null for signed or missing values', () => {
    expect(indexBase100(23000, 20000)).toBeCloseTo(115, 10);
    expect(indexBase100(null, 20000)).toBeNull();
    expect(indexBase100(-2, 3)).toBeNull();
    expect(indexBase100(5, 0)).toBeNull();
  });
});

describe('registry', () => {
  it('lists every provider with unique ids and says how each aggregates', () => {
    const layer = { id: '00000000-0000-0000-0000-000000000001', name: 'CRM', synthetic: true, updatedAt: '2026-11-30', measures: [{ name: 'ca_eur', unit: 'EUR', type: 'number' }, { name: 'segment', type: 'category' }] };
    const all = registryDefs([layer]);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.provider))).toEqual(new Set(['territory', 'insee', 'filosofi', 'age', 'eurostat', 'health', 'layers']));
    for (const d of all) expect(d.label && d.unit !== undefined && d.source && d.year && d.definition).toBeTruthy();
    const layerIds = layerDefs([layer]).map((d) => d.id);
    expect(layerIds).toEqual([`layer:${layer.id}:count`, `layer:${layer.id}:penetration`, `layer:${layer.id}:sum:ca_eur`, `layer:${layer.id}:mean:ca_eur`]);
    expect(layerDefs([layer]).every((d) => d.quality === 'synthetic')).toBe(true);
    expect(def('filosofi_median_income').quality).toBe('approximate');
    expect(def('filosofi_median_income').note).toMatch(/médiane approchée : moyenne des médianes communales pondérée par la population/i);
  });

  it('layer facts: count 0 where no row, penetration per 1,000, mean over rows carrying the measure', () => {
    const layer = { id: 'L', name: 'CRM', synthetic: false, updatedAt: '2026-11-30', measures: [{ name: 'ca', type: 'number' }] };
    const f: CommuneFacts = new Map([['A', { population: 1000 }], ['B', { population: 3000 }]]);
    layerFacts([layer], ['A', 'B'], [{ layerId: 'L', communeCode: 'A', count: 4, sums: { ca: 100 }, counts: { ca: 2 } }], f);
    const [count, pen, sum, mean] = layerDefs([layer]) as IndicatorDef[];
    expect(aggregateIndicator(count, whole(['A', 'B']), f)).toEqual({ value: 4, coverageRatio: 1 });
    expect(aggregateIndicator(pen, whole(['A', 'B']), f).value).toBeCloseTo(1, 10);
    expect(aggregateIndicator(sum, whole(['A', 'B']), f).value).toBe(100);
    expect(aggregateIndicator(mean, whole(['A', 'B']), f).value).toBe(50);
  });

  it('age pyramid: weighted bands and shares', () => {
    const bands = new Map([
      ['A', [{ band: '0-14', populationCount: 100, estimated: true, sourceLevel: 'bassin_de_vie' }, { band: '15-29', populationCount: 300, estimated: true, sourceLevel: 'bassin_de_vie' }]],
    ]);
    const s = aggregateAgeBands([{ communeCode: 'A', weight: 0.5 }], bands);
    expect(s.bands[0]).toEqual({ band: '0-14', populationCount: 50, shareRatio: 0.25 });
    expect(s.estimated).toBe(true);
  });
});
