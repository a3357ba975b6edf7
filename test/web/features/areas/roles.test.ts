import { describe, expect, it } from 'vitest';
import {
  filterPoints, initialAreasState, ownCount, parseDepartements, pointRoles, storeLayerInfo, storesBody, withMove, withRole, changesBody,
  type StoresForm,
} from '../../../../web/src/features/areas/slice';

// Four points of a store layer: a « reseau » column says own / competitor.
const POINTS = [
  { key: 'P1', name: 'Magasin Rennes centre', category: null, measures: { reseau: 'propre' } },
  { key: 'C1', name: 'Concurrent Cesson', category: null, measures: { reseau: 'concurrent' } },
  { key: 'P2', name: 'Magasin Saint-Grégoire', category: null, measures: { reseau: 'propre' } },
  { key: 'C2', name: 'Concurrent Bruz', category: null, measures: { reseau: 'concurrent' } },
];
const info = storeLayerInfo('L', [{ name: 'reseau', type: 'category' }], POINTS);
const form: StoresForm = { ...initialAreasState.stores, layerId: 'L', roleMode: 'column', roleField: 'reseau', ownValues: ['propre'] };

describe('areas: roles set by hand', () => {
  it('lists each point with its key and name, its role by the rule then by hand', () => {
    expect(info.points).toEqual(POINTS.map((p) => ({ key: p.key, name: p.name })));
    expect(pointRoles(form, info)).toEqual(['own', 'competitor', 'own', 'competitor']);
    const f = withRole(withRole(form, 'C1', 'own', 'competitor'), 'P2', 'competitor', 'own');
    expect(f.roles).toEqual({ C1: 'own', P2: 'competitor' });
    expect(pointRoles(f, info)).toEqual(['own', 'own', 'competitor', 'competitor']);
    expect(ownCount(f, info)).toBe(2);
    // set back to the rule's role: the hand role is dropped
    expect(withRole(f, 'C1', 'competitor', 'competitor').roles).toEqual({ P2: 'competitor' });
  });

  it('sends the hand roles as the API’s `roles`; with no value ticked, hand-picked own stores are enough', () => {
    const f = withRole(form, 'C2', 'own', 'competitor');
    expect(storesBody(f)).toEqual({ sources: [{ layerId: 'L', role: { field: 'reseau', ownValues: ['propre'] } }], roles: { C2: 'own' } });
    const none = { ...form, ownValues: [] };
    expect(storesBody(none)).toBeNull();
    expect(storesBody(withRole(none, 'P1', 'own', 'competitor'))).toEqual({ sources: [{ layerId: 'L', role: 'competitor' }], roles: { P1: 'own' } });
    expect(ownCount(withRole(none, 'P1', 'own', 'competitor'), info)).toBe(1);
  });

  it('filters the points by name or key, accents and case ignored', () => {
    expect(filterPoints(info.points, 'gregoire').map((p) => [p.key, p.index])).toEqual([['P2', 2]]);
    expect(filterPoints(info.points, 'CONCURRENT').map((p) => p.key)).toEqual(['C1', 'C2']);
    expect(filterPoints(info.points, 'p1').map((p) => p.key)).toEqual(['P1']);
    expect(filterPoints(info.points, '  ')).toHaveLength(4);
  });
});

describe('areas: FINESS sites as points of sale', () => {
  const finess: StoresForm = { ...initialAreasState.stores, source: 'finess', finessRole: 'competitor' };
  it('parses département codes (2A/2B, overseas), refusing the rest', () => {
    expect(parseDepartements('78, 92 2a;971')).toEqual(['78', '92', '2A', '971']);
    expect(parseDepartements('')).toEqual([]);
    expect(parseDepartements('78, 7')).toBeNull();
    expect(parseDepartements('977')).toBeNull();
  });
  it('builds the FINESS source with its filters (none: all sites) and the role for all, then the hand roles', () => {
    expect(storesBody(finess)).toEqual({ sources: [{ finess: {}, role: 'competitor' }] });
    expect(storesBody({ ...finess, finessDepartementsText: '78', finessCategories: ['Centre Hospitalier (C.H.)'], roles: { '780000001': 'own' } })).toEqual({
      sources: [{ finess: { categories: ['Centre Hospitalier (C.H.)'], departements: ['78'] }, role: 'competitor' }], roles: { '780000001': 'own' },
    });
    expect(storesBody({ ...finess, finessDepartementsText: '7' })).toBeNull();
  });
});

describe('areas: a store moved in the what-if', () => {
  it('a clicked point becomes { action: move, key, at } (6 decimals)', () => {
    const s = withMove(initialAreasState, 'P1', [2.1234567891, 48.9], 'Déplacer Magasin Rennes centre');
    expect(changesBody(s.whatIf.changes)).toEqual([{ action: 'move', key: 'P1', at: [2.123457, 48.9] }]);
    expect(s.whatIf.changes[0].label).toBe('Déplacer Magasin Rennes centre');
  });
});
