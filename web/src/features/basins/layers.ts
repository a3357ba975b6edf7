import { ScatterplotLayer } from '@deck.gl/layers';
import { basinsStore, type BasinsState } from './slice';

type Actor = { key: string; label: string; lon: number; lat: number; offNetworkReason?: string | null };

/**
 * deck.gl layers of the basins feature: the actors of the time-to-nearest result (dark points in a white halo) while
 * that tab is open. The per-commune results colour the map's choropleth (a virtual indicator `basins:…`).
 */
export function layers(s: BasinsState = basinsStore.get()) {
  const actors: Actor[] = s.tab === 'nearest' ? (s.results.nearest?.actors ?? []).filter((a) => !a.offNetworkReason) : [];
  if (!actors.length) return [];
  return [
    // Larger than the data layers' points, dark red over a white halo: the facilities stand out over customers.
    new ScatterplotLayer<Actor>({ id: 'basins-actors-halo', data: actors, getPosition: (a) => [a.lon, a.lat], getRadius: 11, radiusUnits: 'pixels', getFillColor: [255, 255, 255, 240] }),
    new ScatterplotLayer<Actor>({
      id: 'basins-actors', data: actors, getPosition: (a) => [a.lon, a.lat], getRadius: 8, radiusUnits: 'pixels', getFillColor: [170, 20, 40, 245],
      stroked: true, getLineColor: [20, 20, 20, 255], lineWidthUnits: 'pixels', getLineWidth: 2,
    }),
  ];
}
