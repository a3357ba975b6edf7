import { healthSiteRadiusPx } from '../features/health/layers';
import { POINTS_MIN_ZOOM } from '../features/layers/customers';
import { pointStyleOf, visiblePoints } from '../features/layers/point-style';
import { MAP_MESSAGES } from '../lib/messages/map';
import { projectPx } from '../lib/declutter';
import { healthStore, openActor } from '../features/health/state';
import { layersStore, setLayers, type LayerFeature } from '../features/layers/state';

/**
 * What stands under a click: hospital sites and accounts whose drawn symbol is within reach. Several at one
 * spot (sites sharing an address, accounts at one commune centroid) open a chooser; never the nearest one silently.
 */
export type MapPick =
  | { kind: 'health'; id: string; label: string; detail: string; lngLat: [number, number]; distancePx: number }
  | { kind: 'account'; id: string; label: string; detail: string; lngLat: [number, number]; distancePx: number; layerId: string; feature: LayerFeature };

/** Items whose symbol (radius in px, at least minPx) covers the click, nearest first. Pure. */
export function itemsAt<T>(items: readonly T[], position: (t: T) => [number, number], radiusPx: (t: T) => number, lngLat: [number, number], zoom: number, minPx = 7): { item: T; distancePx: number }[] {
  const [cx, cy] = projectPx(lngLat[0], lngLat[1], zoom);
  const out: { item: T; distancePx: number }[] = [];
  const reachDeg = (40 * 360) / (512 * 2 ** zoom); // quick reject: nothing is drawn wider than 40 px
  for (const item of items) {
    const [lon, lat] = position(item);
    if (Math.abs(lon - lngLat[0]) > reachDeg * 2 || Math.abs(lat - lngLat[1]) > reachDeg * 2) continue;
    const [x, y] = projectPx(lon, lat, zoom);
    const d = Math.hypot(x - cx, y - cy);
    if (d <= Math.max(minPx, radiusPx(item) + 2)) out.push({ item, distancePx: d });
  }
  return out.sort((a, b) => a.distancePx - b.distancePx);
}

/** Everything clickable at a point of the map, from the shown hospital sites and data layers (as drawn). */
export function picksAt(lngLat: [number, number], zoom: number): MapPick[] {
  const picks: MapPick[] = [];
  const { visible, actors } = healthStore.get();
  if (visible && actors) {
    // a large site's disc covers its small neighbours: reach is the disc, capped so a click next to a big one still chooses
    for (const { item: a, distancePx } of itemsAt(actors, (a) => a.point as [number, number], (a) => Math.min(12, healthSiteRadiusPx(a)), lngLat, zoom, 8)) {
      picks.push({ kind: 'health', id: a.finess, label: a.name, detail: `${MAP_MESSAGES.chooserHealthKind} · ${a.category ?? ''}`, lngLat: a.point as [number, number], distancePx });
    }
  }
  if (zoom >= POINTS_MIN_ZOOM) {
    const { layers, features } = layersStore.get();
    for (const l of layers ?? []) {
      if (l.hidden || !features[l.id]?.length) continue;
      const shown = visiblePoints(features[l.id], pointStyleOf(l.id)) as LayerFeature[];
      for (const { item: f, distancePx } of itemsAt(shown, (f) => [f.lon, f.lat], () => 5, lngLat, zoom, 7)) {
        picks.push({
          kind: 'account', id: `${l.id}:${f.key}`, label: f.name ?? f.key, detail: `${MAP_MESSAGES.chooserAccountKind(l.name)}${f.category ? ` · ${f.category}` : ''}`,
          lngLat: [f.lon, f.lat], distancePx, layerId: l.id, feature: f,
        });
      }
    }
  }
  return picks.sort((a, b) => a.distancePx - b.distancePx);
}

/** Opens what was picked: the hospital sheet, or the account card at its point. */
export function openPick(pick: MapPick) {
  if (pick.kind === 'health') void openActor(pick.id);
  else setLayers({ selected: { layerId: pick.layerId, feature: pick.feature } });
}
