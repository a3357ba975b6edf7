import { describe, expect, it } from 'vitest';
import { groupIndicators, optionLabel, type MapIndicator } from '../../web/src/lib/indicator-groups.js';

const ind = (id: string, provider: string | undefined, extra: Partial<MapIndicator> = {}) =>
  ({ id, label: id, unit: '%', source: 's', description: '', year: 2021, scope: 'commune', provider, mappable: true, ...extra }) as MapIndicator;

describe('the map chooser reads the registry', () => {
  it('groups mappable indicators by source, in a fixed order; zone-level figures are left out', () => {
    const groups = groupIndicators([
      ind('filosofi_median_income', 'filosofi', { approximate: true }),
      ind('density', 'territory'),
      ind('age_share_0_14', 'age', { estimated: true }),
      ind('insee_unemployment_rate', 'insee'),
      ind('layer:abc:penetration', 'layers', { mappable: false }),
      ind('layer:abc:count:', undefined, { mappable: undefined }), // a layer aggregate made in the browser
    ]);
    expect(groups.map((g) => [g.id, g.indicators.map((i) => i.id)])).toEqual([
      ['territory', ['density']],
      ['insee', ['insee_unemployment_rate']],
      ['filosofi', ['filosofi_median_income']],
      ['age', ['age_share_0_14']],
      ['layers', ['layer:abc:count:']],
    ]);
    expect(groups[3].label).toMatch(/estimée/);
  });

  it('says « estimé » / « approché » next to the name, with unit and year', () => {
    expect(optionLabel(ind('Part des 0–14 ans', 'age', { label: 'Part des 0–14 ans', estimated: true }))).toBe('Part des 0–14 ans (%, 2021) — estimé');
    expect(optionLabel(ind('x', 'filosofi', { label: 'Revenu médian', unit: '€', approximate: true }))).toBe('Revenu médian (€, 2021) — approché');
    expect(optionLabel(ind('x', 'territory', { label: 'Densité', unit: 'hab./km²', year: null }))).toBe('Densité (hab./km²)');
  });
});
