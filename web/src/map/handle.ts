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
  withMap((map) => map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: visiblePadding(map), maxZoom, duration: 900 }));
}

/** Padding that keeps the target in the part of the map not covered by the legend and the side panels. */
function visiblePadding(map: { getContainer(): HTMLElement }) {
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  if (w <= 760) return { top: 60, left: 30, right: 30, bottom: Math.round(h * 0.5) }; // panels sit at the bottom
  return { top: 50, bottom: 50, left: Math.min(290, w * 0.2), right: Math.min(370, w * 0.3) };
}
