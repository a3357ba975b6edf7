/**
 * The Zones feature: `{ Panel, slice, layers, legend, tool }`, the shape of every feature folder.
 * - Panel: the Zones section (list, creation, edits); Sheet: the zone profile (right-hand sheet);
 *   Drawer: the comparison (bottom drawer).
 * - slice: state and pure updaters (slice.ts); actions.ts does the I/O.
 * - layers: deck.gl layers built from the slice (zone outlines, edit marks, the active tool's drawing).
 * - tool: map clicks reach the shared map tool (map/tools.ts) that zones start (draw-polygon, pick-communes).
 * Later: "Enregistrer comme zone" on an isochrone band calls createZone({ kind: 'isochrone', method, members }).
 */
import { toolMapClick } from '../../map/tools';
export { Panel } from './Panel';
export { ProfileSheet as Sheet } from './ProfileSheet';
export { CompareDrawer as Drawer } from './CompareDrawer';
export { Legend as legend } from './Legend';
export { slice } from './slice';
export { layers } from './layers';
export const tool = { onMapClick: toolMapClick };
