import type { SearchResult } from '../api/client';
import { flyToBbox } from '../map/handle';
import { closeSheet, openCommune, showArea } from './actions';
import { closeActor, healthStore, openActor, showHospitals } from '../features/health/state';
import { layersStore, setLayers } from '../features/layers/state';
import { setPlaceHash } from './url';
import { patchSlice, workspace, type Bbox } from './workspace';

/**
 * What a pick (search result, territory button) does: it goes to the new place and closes what belonged to
 * the previous one — the commune sheet, the hospital sheet, the selected account — so the URL and the
 * drive-time tool's "Depuis …" origin (IsochronePanel reads the open commune and site) follow the new place.
 * Its own module: it reaches into the health and layers slices, which import state/actions.ts themselves.
 */
export function pickSearchResult(r: SearchResult) {
  leavePlace(r.kind === 'site' ? 'site' : r.kind === 'account' ? 'account' : null);
  if (r.kind === 'commune') void openCommune(r.code, true);
  else if (r.kind === 'departement' || r.kind === 'region') showArea(r.kind, r.code, r.bbox as Bbox | null);
  else if (r.kind === 'site') {
    closeSheet();
    if (!healthStore.get().visible) void showHospitals(true);
    void openActor(r.code);
    if (r.point) flyToPoint(r.point, 13);
  } else {
    closeSheet();
    selectAccount(r.code);
    if (r.point) flyToPoint(r.point, 14);
  }
}

/** A territory button of the top bar (Métropole, La Réunion…): a new place, nothing of the old one stays open. */
export function pickTerritory(bounds: Bbox, maxZoom: number) {
  leavePlace(null);
  closeSheet();
  setPlaceHash(null);
  flyToBbox(bounds, maxZoom);
}

/** Closes the sheets of the previous place, except the kind about to open (it replaces its own content). */
function leavePlace(keep: 'site' | 'account' | null) {
  if (keep !== 'site' && healthStore.get().selected) closeActor();
  if (keep !== 'account' && layersStore.get().selected) setLayers({ selected: null });
  // the phone's bottom sheet comes back up to show what was picked
  if (workspace.get().ui.sheetCollapsed) patchSlice('ui', { sheetCollapsed: false });
}

/** A point at a street-level zoom (a ~1 km box around it). */
const flyToPoint = ([lon, lat]: [number, number], maxZoom: number) => flyToBbox([lon - 0.006, lat - 0.004, lon + 0.006, lat + 0.004], maxZoom);

/** An account result (`layerId:key`): selected when its layer's points are loaded (its card opens). */
function selectAccount(id: string) {
  const colon = id.indexOf(':');
  const layerId = id.slice(0, colon);
  const key = id.slice(colon + 1);
  const feature = layersStore.get().features[layerId]?.find((f) => f.key === key);
  setLayers({ selected: feature ? { layerId, feature } : null });
}
