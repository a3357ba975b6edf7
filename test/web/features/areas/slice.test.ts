import { describe, expect, it } from 'vitest';
import {
  applyFit, changesBody, guessRole, initialAreasState, ownCount, parseNumberList, percentValues, storeLayerInfo, storesBody, topRows, withCandidate, withoutChange,
  type AreasState,
} from '../../../../web/src/features/areas/slice';
import { storePoints } from '../../../../web/src/features/areas/points';
import type { CalibrationFit } from '../../../../web/src/features/areas/api';

// The demo store layer's shape: a category column (enseigne), a category measure (reseau) and a number measure.
const MEASURES = [{ name: 'reseau', type: 'category' }, { name: 'surface_m2', type: 'number' }];
const POINTS = [
  { category: 'Maillage Market', measures: { reseau: 'propre', surface_m2: 800 } },
  { category: 'Concurrent Alpha', measures: { reseau: 'concurrent', surface_m2: 1200 } },
  { category: 'Maillage Market', measures: { reseau: 'propre', surface_m2: 400 } },
  { category: 'Concurrent Bêta', measures: { reseau: 'concurrent', surface_m2: null } },
];

describe('areas slice: points of sale', () => {
  it('lists the category columns with their distinct values and the number measures', () => {
    const info = storeLayerInfo('L', MEASURES, POINTS);
    expect(info.pointCount).toBe(4);
    expect(info.categoryFields).toEqual([
      { name: 'category', values: ['Concurrent Alpha', 'Concurrent Bêta', 'Maillage Market'] },
      { name: 'reseau', values: ['concurrent', 'propre'] },
    ]);
    expect(info.numberFields).toEqual(['surface_m2']);
  });

  it('guesses the role from the column whose value says « propre », and counts the own points it makes', () => {
    const info = storeLayerInfo('L', MEASURES, POINTS);
    const role = guessRole(info);
    expect(role).toEqual({ roleMode: 'column', roleField: 'reseau', ownValues: ['propre'] });
    const form = { ...initialAreasState.stores, layerId: 'L', ...role };
    expect(ownCount(form, info)).toBe(2);
    expect(ownCount({ ...form, roleField: 'category', ownValues: ['Maillage Market', 'Concurrent Alpha'] }, info)).toBe(3);
    expect(ownCount({ ...form, roleMode: 'all-own' }, info)).toBe(4);
    // no value says own: the user picks (first column proposed, nothing ticked)
    expect(guessRole(storeLayerInfo('L', [], POINTS.map((p) => ({ ...p, measures: {} }))))).toEqual({ roleMode: 'column', roleField: 'category', ownValues: [] });
    expect(guessRole(storeLayerInfo('L', [], [{ category: null, measures: {} }]))).toEqual({ roleMode: 'all-own', roleField: null, ownValues: [] });
  });

  it('builds the request’s stores: all own, or own values of a column; nothing until a value is ticked', () => {
    const base = { ...initialAreasState.stores, layerId: 'L' };
    expect(storesBody({ ...base, layerId: null })).toBeNull();
    expect(storesBody({ ...base, roleMode: 'column', roleField: 'reseau', ownValues: [] })).toBeNull();
    expect(storesBody({ ...base, roleMode: 'column', roleField: 'reseau', ownValues: ['propre'], attractivenessMeasure: 'surface_m2' })).toEqual({
      sources: [{ layerId: 'L', role: { field: 'reseau', ownValues: ['propre'] }, attractivenessMeasure: 'surface_m2' }],
    });
    expect(storesBody({ ...base, roleMode: 'all-own' })).toEqual({ sources: [{ layerId: 'L', role: 'own' }] });
  });

  it('parses minute and percentage lists within bounds (sorted, distinct), refusing the rest', () => {
    expect(parseNumberList('30, 10; 20 10', 5, 120, 6)).toEqual([10, 20, 30]);
    expect(parseNumberList('7.5,10', 5, 120, 6)).toEqual([7.5, 10]);
    expect(parseNumberList('4, 10', 5, 120, 6)).toBeNull();
    expect(parseNumberList('', 5, 120, 6)).toBeNull();
    expect(parseNumberList('10 20 30 40 50 60 70', 5, 120, 6)).toBeNull();
    expect(parseNumberList('50, abc', 1, 99, 5)).toBeNull();
  });
});

describe('areas slice: calibration and what-if', () => {
  const fit = (method: 'mci' | 'ml', gamma: number | null, lambda: number | null): CalibrationFit => ({
    method, gamma, lambda, decayKind: 'exponential', r2: 0.9, logLikelihood: -100, pseudoR2: 0.4, pairCount: 20, iterations: 5,
    params: { gamma, decay: { kind: 'exponential', lambda } },
  });

  it('« Appliquer » copies the fitted γ, λ and decay into the Huff tab and opens it; an incomplete fit changes nothing', () => {
    const s = applyFit({ ...initialAreasState, tab: 'calibrate' }, fit('ml', 0.87, 0.12));
    expect(s.tab).toBe('huff');
    expect(s.appliedFit).toBe('ml');
    expect(s.huff).toMatchObject({ gamma: 0.87, lambda: 0.12, decayKind: 'exponential', demand: 'population' });
    const same = { ...initialAreasState };
    expect(applyFit(same, fit('mci', null, 0.1))).toBe(same);
  });

  it('a clicked candidate is an own site at the clicked point; changes go to the API without the panel’s labels', () => {
    let s: AreasState = withCandidate(initialAreasState, [2.0934567891, 48.8985], 'Site candidat 1', 900);
    s = withCandidate(s, [2.1, 48.9], 'Site candidat 2', 500);
    expect(changesBody(s.whatIf.changes)).toEqual([
      { action: 'add', name: 'Site candidat 1', at: [2.093457, 48.8985], role: 'own', attractiveness: 900 },
      { action: 'add', name: 'Site candidat 2', at: [2.1, 48.9], role: 'own', attractiveness: 500 },
    ]);
    s = withoutChange(s, 0);
    expect(s.whatIf.changes.map((c) => c.label)).toEqual(['Site candidat 2']);
    expect(storePoints(s)).toEqual([{ key: 'candidate-0', lon: 2.1, lat: 48.9, kind: 'candidate' }]);
  });

  it('store points: own, competitor, off the network (hollow), from the Huff result when the tab’s rows have no position', () => {
    const huff = { stores: [
      { key: 'A', role: 'own', lon: 2, lat: 48, offNetworkReason: null },
      { key: 'B', role: 'competitor', lon: 3, lat: 49, offNetworkReason: null },
      { key: 'C', role: 'competitor', lon: 4, lat: 50, offNetworkReason: 'à plus de 500 m de toute route' },
    ] };
    const whatif = { stores: [{ key: 'A', role: 'own', change: 'none' }] };
    const s = { ...initialAreasState, tab: 'whatif', results: { huff, whatif } } as unknown as AreasState;
    expect(storePoints(s).map((p) => [p.key, p.kind])).toEqual([['A', 'own'], ['B', 'competitor'], ['C', 'offNetwork']]);
  });

  it('shares become percentages for the map, a commune no store reaches stays without value (never 0 %)', () => {
    expect(percentValues([0.5, 0.12345, null, 0])).toEqual([50, 12.3, null, 0]);
    expect(topRows([{ v: 1 }, { v: null }, { v: 3 }, { v: 2 }], (r) => r.v, 2).map((r) => r.v)).toEqual([3, 2]);
    expect(topRows([{ v: 1 }, { v: null }, { v: 3 }], (r) => r.v, 1, true).map((r) => r.v)).toEqual([3, 1, null]);
  });
});
