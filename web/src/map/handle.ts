import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Bbox } from '../state/workspace';

/**
 * The live MapLibre map, for actions that move the camera (search, region picker). MapView (lazy-loaded
 * with maplibre/deck.gl) registers it; until then camera moves wait for it.
 */
let current: MapLibreMap | null = null;
const waiting: ((m: MapLibreMap) => void)[] = [];

export function setMap(map: MapLibreMap | null) {
  current = map;
  if (map) waiting.splice(0).forEach((f) => f(map));
}

export function withMap(f: (map: MapLibreMap) => void) {
  if (current) f(current);
  else waiting.push(f);
}

export function flyToBbox(b: Bbox | null | undefined, maxZoom = 12) {
  if (!b) return;
  withMap((map) => map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 60, maxZoom, duration: 900 }));
}
