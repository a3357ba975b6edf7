/**
 * The drive-time feature (isochrones): bands from a clicked point, the open commune or a hospital site; what lies
 * inside each band; GeoJSON / CSV downloads; « Enregistrer comme zone » per band (save-zone.ts → zones feature).
 * `{ Panel, slice, layers, tool }`: the origin is picked with the shared click-point tool (map/tools.ts).
 */
import { toggleIsochroneTool } from './state';
export { IsochronePanel as Panel } from './Panel';
export { isochroneStore as slice } from './state';
export { isochroneLayers as layers } from './layers';
export const tool = { id: 'click-point' as const, start: toggleIsochroneTool };
