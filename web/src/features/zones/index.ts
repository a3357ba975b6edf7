/**
 * The Zones feature: `{ Panel, slice, layers, legend, tool }`, the shape of every feature folder.
 * - Panel: the Zones section (list, creation, edits); Sheet: the zone profile (right-hand sheet);
 *   Drawer: the comparison (bottom drawer).
 * - slice: state and pure updaters (slice.ts); actions.ts does the I/O.
 * - layers: deck.gl layers built from the slice (zone outlines, edit marks, the active tool's drawing).
 * - tool: zones start the shared map tools (map/tools.ts): draw-polygon (a new zone), pick-communes (edit members).
 * "Enregistrer comme zone" on an isochrone band (features/isochrones/save-zone.ts) calls createZone({ kind: 'isochrone', method, codes }).
 */
import { startDrawing } from './actions';
export { Panel } from './Panel';
export { ProfileSheet as Sheet, Figure as ProfileFigure, QualityBadge } from './ProfileSheet';
export { AgeBars } from './charts';
export { CompareDrawer as Drawer } from './CompareDrawer';
export { Legend as legend } from './Legend';
export { slice } from './slice';
export { layers } from './layers';
export const tool = { id: 'draw-polygon' as const, start: startDrawing };
