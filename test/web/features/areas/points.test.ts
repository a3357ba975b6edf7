import { describe, expect, it } from 'vitest';
import { initialAreasState, withMove, type AreasState } from '../../../../web/src/features/areas/slice';
import { storeMoves, storePoints } from '../../../../web/src/features/areas/points';
import { layers } from '../../../../web/src/features/areas/layers';

const huff = { stores: [
  { key: 'A', name: 'Magasin A', role: 'own', lon: 2, lat: 48, offNetworkReason: null },
  { key: 'B', name: 'Concurrent B', role: 'competitor', lon: 3, lat: 49, offNetworkReason: null },
] };

describe('areas map: a store moved in the what-if', () => {
  it('is drawn at its new place in its role’s colour, its old place hollow grey, with a line between them', () => {
    let s = { ...initialAreasState, tab: 'whatif', results: { huff } } as unknown as AreasState;
    expect(storeMoves(s)).toEqual([]);
    s = withMove(s, 'A', [2.1234567, 48.5], 'Déplacer Magasin A');
    s = withMove(s, 'A', [2.2, 48.6], 'Déplacer Magasin A'); // moved twice: the last place wins
    expect(storeMoves(s)).toEqual([{ key: 'A', name: 'Magasin A', from: [2, 48], to: [2.2, 48.6] }]);
    expect(storePoints(s)).toEqual([
      { key: 'A:avant', lon: 2, lat: 48, kind: 'movedFrom' },
      { key: 'A', lon: 2.2, lat: 48.6, kind: 'own' },
      { key: 'B', lon: 3, lat: 49, kind: 'competitor' },
    ]);
    const line = layers(s).find((l) => l.id === 'areas-moves')!;
    expect(line.props.visible).toBe(true);
    expect(line.props.data).toEqual([{ key: 'A', name: 'Magasin A', from: [2, 48], to: [2.2, 48.6] }]);
  });

  it('a move of a store absent from the shown result is not drawn (no invented old place)', () => {
    const s = withMove({ ...initialAreasState, results: { huff } } as unknown as AreasState, 'Z', [2, 48], 'Déplacer Z');
    expect(storeMoves(s)).toEqual([]);
    expect(storePoints(s).map((p) => p.kind)).toEqual(['own', 'competitor']);
  });
});
