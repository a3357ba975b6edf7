/**
 * The health feature (Santé): hospital sites (FINESS, PMSI activity), the site sheet, competitors, PMSI code géo
 * outlines and zone indicators (stays, shares, leakage) with flow datasets. `{ Panel, slice, layers, tool }`.
 * - slice: `health` (sites, open sheet, competitors, PMSI outlines); zoneSlice: `healthZones` (zone indicators, flows).
 * - tool: the zone polygon is drawn with the shared draw-polygon tool (map/tools.ts).
 */
import { startDrawing } from './zones-state';
export { HealthPanel as Panel } from './Panel';
export { healthStore as slice } from './state';
export { healthZoneStore as zoneSlice } from './zones-state';
export { healthLayers as layers } from './layers';
export const tool = { id: 'draw-polygon' as const, start: startDrawing };
