import { describe, expect, it } from 'vitest';
import { aggregateOverMembership, countIn, type TimedMember } from '../../../api/src/domain/indicators/membership.js';
import { compareToReference } from '../../../api/src/domain/indicators/aggregate.js';
import type { CommuneFacts } from '../../../api/src/domain/indicators/registry.js';
import { STATIC_DEFS } from '../../../api/src/domain/indicators/providers/index.js';
import { layerCountId, layerDefs, layerPointFacts } from '../../../api/src/domain/indicators/providers/layers.js';
import { healthSiteFacts, healthSitePointFacts, pmsiFacts } from '../../../api/src/domain/indicators/providers/health.js';
import { aggregateIndicator } from '../../../api/src/domain/indicators/aggregate.js';

const def = (id: string) => STATIC_DEFS.find((d) => d.id === id)!;
const LAYER_A = '00000000-0000-0000-0000-00000000000a';
const LAYER_B = '00000000-0000-0000-0000-00000000000b';

describe('aggregateOverMembership (isochrone bands as indicators over a membership)', () => {
  // Communes X (4 min, 1,000 hab.), Y (9 min, 2,500 hab.), Z (25 min, 400 hab.); bands 5, 10, 30 min.
  const communes: TimedMember[] = [
    { communeCode: 'X', weight: 1, durationSec: 240 },
    { communeCode: 'Y', weight: 1, durationSec: 540 },
    { communeCode: 'Z', weight: 1, durationSec: 1500 },
  ];
  const facts: CommuneFacts = new Map([['X', { population: 1000 }], ['Y', { population: 2500 }], ['Z', { population: 400 }]]);

  it('sums the population of the nested bands, each commune by its own time', () => {
    const bands = aggregateOverMembership([def('population')], communes, facts, [300, 600, 1800]);
    expect(bands.map((b) => [b.breakSec, b.memberCount, countIn(b, 'population')])).toEqual([[300, 1, 1000], [600, 2, 3500], [1800, 3, 3900]]);
  });

  it('keeps the order of the breaks as given, and a band with nobody counts 0', () => {
    const bands = aggregateOverMembership([def('population')], communes, facts, [1800, 120]);
    expect(bands.map((b) => countIn(b, 'population'))).toEqual([3900, 0]);
    // The registry's own rule says "no data" for an empty band; a count inside a band is known to be 0.
    expect(bands[1].values.get('population')).toEqual({ value: null, coverageRatio: 0 });
  });

  it('counts customers per layer and hospital sites over a point membership (the layer count indicators of the registry)', () => {
    // Points: a1 (3 min, layer A), a2 (12 min, A), b1 (8 min, B), s1 (6 min, a hospital site).
    const points = [{ key: 'a1', layerId: LAYER_A }, { key: 'a2', layerId: LAYER_A }, { key: 'b1', layerId: LAYER_B }];
    const pointFacts = healthSitePointFacts(['s1'], layerPointFacts([LAYER_A, LAYER_B], points));
    const members: TimedMember[] = [['a1', 180], ['a2', 720], ['b1', 480], ['s1', 360]].map(([k, t]) => ({ communeCode: k as string, weight: 1, durationSec: t as number }));
    const layers = [LAYER_A, LAYER_B].map((id) => ({ id, name: id, synthetic: true, measures: [], updatedAt: '2026-11-30' }));
    const counts = layerDefs(layers).filter((d) => d.id.endsWith(':count'));
    const bands = aggregateOverMembership([...counts, def('health_site_count')], members, pointFacts, [300, 600, 900]);
    expect(bands.map((b) => [countIn(b, layerCountId(LAYER_A)), countIn(b, layerCountId(LAYER_B)), countIn(b, 'health_site_count')])).toEqual([
      [1, 0, 0], [1, 1, 1], [2, 1, 1],
    ]);
  });
});

describe('compareToReference', () => {
  it('gives a count its share of the reference, never an index', () => {
    // 15,352 inhabitants of a 76,486-inhabitant département: 20.07 % of it.
    expect(compareToReference(def('population'), 15352, 76486)).toEqual({ index: null, shareOfReferenceRatio: 15352 / 76486 });
    expect(compareToReference(def('insee_households_2021'), null, 30000)).toEqual({ index: null, shareOfReferenceRatio: null });
  });

  it('gives an intensity (ratio, weighted mean, not additive) a base-100 index and no share', () => {
    expect(compareToReference(def('insee_unemployment_rate'), 9, 7.5)).toEqual({ index: 120, shareOfReferenceRatio: null });
    expect(compareToReference(def('filosofi_median_income'), 23000, 20000).index).toBeCloseTo(115, 10);
    expect(compareToReference(def('filosofi_d1'), 11000, 10000).index).toBeCloseTo(110, 10);
    expect(compareToReference(def('density'), 50, 0)).toEqual({ index: null, shareOfReferenceRatio: null });
  });
});

describe('health provider: hospital sites and PMSI stays', () => {
  it('counts sites per commune (0 where none) and sums PMSI stays with coverage, null never 0', () => {
    // P (2,000 hab., 300 stays), Q (1,000 hab., 120 stays), R (500 hab., its code géo has no stays in the data).
    const population = new Map([['P', 2000], ['Q', 1000], ['R', 500]]);
    const facts: CommuneFacts = new Map([...population].map(([c, p]) => [c, { population: p }]));
    healthSiteFacts(['P', 'Q', 'R'], new Map([['P', 2]]), facts);
    pmsiFacts(new Map([['P', 300], ['Q', 120], ['R', null]]), population, facts);
    const all = ['P', 'Q', 'R'].map((communeCode) => ({ communeCode, weight: 1 }));
    expect(aggregateIndicator(def('health_site_count'), all, facts)).toEqual({ value: 2, coverageRatio: 1 });
    const stays = aggregateIndicator(def('health_pmsi_stays'), all, facts);
    expect(stays.value).toBe(420);
    expect(stays.coverageRatio).toBeCloseTo(3000 / 3500, 12);
    // (300 + 120) / (2,000 + 1,000) × 1,000 = 140 stays per 1,000 inhabitants (R left out of both sums).
    expect(aggregateIndicator(def('health_pmsi_stays_per_1000'), all, facts).value).toBeCloseTo(140, 10);
    expect(aggregateIndicator(def('health_pmsi_stays'), [{ communeCode: 'R', weight: 1 }], facts)).toEqual({ value: null, coverageRatio: 0 });
    expect(def('health_pmsi_stays')).toMatchObject({ aggregation: { kind: 'sum' }, quality: 'modelled', provider: 'health' });
  });
});
