import { ScatterplotLayer } from '@deck.gl/layers';
import { areasStore, type AreasState } from './slice';
import { STORE_COLORS } from './colors';
import { storePoints, type StorePoint } from './points';

/** deck.gl layers of the trade-areas feature, built from its slice (the commune colours go through the map's choropleth). */
export function layers(s: AreasState = areasStore.get()) {
  const data = storePoints(s);
  if (!data.length) return [];
  // Larger than the data layers' points, with a dark ring in a white halo: the stores stand out over customers.
  const radius = (p: StorePoint) => (p.kind === 'candidate' ? 10 : 8);
  return [
    new ScatterplotLayer<StorePoint>({
      id: 'areas-stores-halo', data, getPosition: (p) => [p.lon, p.lat], getRadius: (p) => radius(p) + 3, radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 235], updateTriggers: { getRadius: data.length },
    }),
    new ScatterplotLayer<StorePoint>({
      id: 'areas-stores', data, getPosition: (p) => [p.lon, p.lat], getRadius: radius, radiusUnits: 'pixels',
      getFillColor: (p) => STORE_COLORS[p.kind].fill, stroked: true, getLineColor: (p) => STORE_COLORS[p.kind].line,
      lineWidthUnits: 'pixels', getLineWidth: 2,
      updateTriggers: { getFillColor: data.map((p) => p.kind).join(), getRadius: data.length },
    }),
  ];
}
