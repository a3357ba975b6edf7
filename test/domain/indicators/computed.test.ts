import { describe, expect, it } from 'vitest';
import { computedDefs, computedFacts, computedUuids, computedId } from '../../../api/src/domain/indicators/providers/computed.js';
import { aggregateIndicator } from '../../../api/src/domain/indicators/aggregate.js';
import { publicDef, type CommuneFacts } from '../../../api/src/domain/indicators/registry.js';
import { registryDefs } from '../../../api/src/domain/indicators/providers/index.js';

const UUID = '0b7c3c1e-5d7a-4f43-9a55-1f2e3d4c5b6a';
const info = { id: UUID, label: 'Accessibilité test — calculé', unit: 'consultations par habitant et par an', definition: 'déf', source: 'Calculé', method: { type: 'accessibility_2sfca' }, createdAt: '2026-11-30T23:00:00Z' };

describe('computed indicators provider', () => {
  it('lists a saved indicator as computed:<uuid>, quality computed, population-weighted mean, after the layers', () => {
    const [def] = computedDefs([info]);
    expect(def).toMatchObject({ id: computedId(UUID), provider: 'computed', quality: 'computed', year: '2026', aggregation: { kind: 'weightedMean', weight: 'population' } });
    expect(publicDef(def)).not.toHaveProperty('field');
    expect(registryDefs([], [info]).at(-1)!.id).toBe(`computed:${UUID}`);
    expect(registryDefs([]).some((d) => d.provider === 'computed')).toBe(false);
    expect(computedUuids([def])).toEqual([UUID]);
  });

  it('aggregates Σ pop·value / Σ pop over the communes with a value; a missing value is null (never 0) and lowers the coverage', () => {
    const [def] = computedDefs([info]);
    const facts: CommuneFacts = new Map([['A', { population: 1000 }], ['B', { population: 3000 }], ['C', { population: 1000 }]]);
    computedFacts([UUID], ['A', 'B', 'C'], [{ indicatorId: UUID, communeCode: 'A', value: 2 }, { indicatorId: UUID, communeCode: 'B', value: 4 }, { indicatorId: UUID, communeCode: 'C', value: null }], facts);
    expect(facts.get('C')![`computed:${UUID}`]).toBeNull();
    const r = aggregateIndicator(def, ['A', 'B', 'C'].map((c) => ({ communeCode: c, weight: 1 })), facts);
    expect(r.value).toBeCloseTo((1000 * 2 + 3000 * 4) / 4000, 12); // 3.5, C left out
    expect(r.coverageRatio).toBeCloseTo(4000 / 5000, 12);
    expect(aggregateIndicator(def, [{ communeCode: 'C', weight: 1 }], facts)).toEqual({ value: null, coverageRatio: 0 });
  });
});
