import { describe, expect, it } from 'vitest';
import { initialZonesState, type ZonesState, parseCodes, toggleCompared, togglePicked, withList, withoutZone } from '../../../../web/src/features/zones/slice';
import { closeRing } from '../../../../web/src/map/tools';
import type { ZoneSummary } from '../../../../web/src/features/zones/types';

const zone = (id: string, updatedAt: string): ZoneSummary => ({
  id, name: id, description: null, kind: 'drawn', method: { type: 'polygon' }, version: 1, communeCount: 3, populationCount: 100, createdAt: updatedAt, updatedAt,
});

describe('zones slice (pure updaters)', () => {
  it('lists the latest zones first and drops compared ids that are gone', () => {
    const s = withList({ ...initialZonesState, compareIds: ['a', 'gone'] }, [zone('a', '2026-01-01'), zone('b', '2026-02-01')]);
    expect(s.list!.map((z) => z.id)).toEqual(['b', 'a']);
    expect(s.compareIds).toEqual(['a']);
  });

  it('compares at most six zones, the oldest pick dropping out', () => {
    let s = initialZonesState;
    for (const id of ['1', '2', '3', '4', '5', '6', '7']) s = toggleCompared(s, id);
    expect(s.compareIds).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(toggleCompared(s, '4').compareIds).toEqual(['2', '3', '5', '6', '7']);
  });

  it('picks a non-member in, a member out, and a second click undoes either', () => {
    let s: ZonesState = { ...initialZonesState, edit: { zoneId: 'z', add: [], remove: [], marks: [] } };
    s = togglePicked(s, '78646', [2.1, 48.8], true);
    s = togglePicked(s, '78158', [2.2, 48.8], false);
    expect(s.edit).toMatchObject({ add: ['78158'], remove: ['78646'] });
    expect(s.edit!.marks.map((m) => m.code)).toEqual(['78646', '78158']);
    s = togglePicked(s, '78646', [2.1, 48.8], true);
    expect(s.edit).toMatchObject({ add: ['78158'], remove: [], marks: [{ code: '78158' }] });
  });

  it('forgets a deleted zone, its profile and its geometry', () => {
    const s = withoutZone({ ...withList(initialZonesState, [zone('a', '2026-01-01')]), openId: 'a', geometries: { a: { type: 'Point', coordinates: [0, 0] } } }, 'a');
    expect(s).toMatchObject({ list: [], openId: null, profile: null, geometries: {} });
  });

  it('splits pasted codes, postcodes and names', () => {
    expect(parseCodes('78646\n78000; Versailles (78),2A004\t69123 69381\n78646')).toEqual(['78646', '78000', 'Versailles (78)', '2A004', '69123', '69381']);
  });
});

describe('closeRing', () => {
  it('closes three or more distinct vertices, dropping the double-click duplicate', () => {
    expect(closeRing([[0, 0], [1, 0], [1, 1], [1, 1]])).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(closeRing([[0, 0], [1, 0], [1, 0]])).toBeNull();
  });
});
