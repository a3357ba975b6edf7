import { LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import { areasStore, type AreasState } from './slice';
import { MOVE_LINE, STORE_COLORS } from './colors';
import { storeMoves, storePoints, type StoreMove, type StorePoint } from './points';

/**
 * deck.gl layers of the trade-areas feature, built from its slice (the commune colours go through the map's choropleth):
 * the stores, the candidate sites, and each moved store's old place with a line to its new one.
 */
export function layers(s: AreasState = areasStore.get()) {
  const data = storePoints(s);
  if (!data.length) return [];
  // Larger than the data layers' points, with a dark ring in a white halo: the stores stand out over customers.
  const radius = (p: StorePoint) => (p.kind === 'candidate' ? 10 : 8);
  const moved = storeMoves(s);
  return [
    // A moved store: a line from its old place (hollow grey point) to its new one, under the points.
    new LineLayer<StoreMove>({
      id: 'areas-moves', data: moved, getSourcePosition: (m) => m.from, getTargetPosition: (m) => m.to,
      getColor: MOVE_LINE, getWidth: 2.5, widthUnits: 'pixels', visible: moved.length > 0,
    }),
    new ScatterplotLayer<StorePoint>({
      id: 'areas-stores-halo', data, getPosition: (p) => [p.lon, p.lat], getRadius: (p) => radius(p) + 3, radiusUnits: 'pixels',
      getFillColor: (p) => (p.kind === 'movedFrom' ? [255, 255, 255, 0] : [255, 255, 255, 235]), updateTriggers: { getRadius: data.length, getFillColor: data.map((p) => p.kind).join() },
    }),
    new ScatterplotLayer<StorePoint>({
      id: 'areas-stores', data, getPosition: (p) => [p.lon, p.lat], getRadius: radius, radiusUnits: 'pixels',
      getFillColor: (p) => STORE_COLORS[p.kind].fill, stroked: true, getLineColor: (p) => STORE_COLORS[p.kind].line,
      lineWidthUnits: 'pixels', getLineWidth: 2,
      updateTriggers: { getFillColor: data.map((p) => p.kind).join(), getRadius: data.length, getPosition: data.map((p) => `${p.lon},${p.lat}`).join() },
    }),
  ];
}
