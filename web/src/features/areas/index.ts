/**
 * The trade-areas feature (« Zones de chalandise », issue 14): `{ Panel, slice, layers, legend, tool }`.
 * - Panel: points of sale (a point layer or FINESS health sites, own / competitor by a rule then one by one in
 *   RolesList, attractiveness) and five modes — drive time, customers, Huff model, calibration, what-if (saved
 *   scenarios compared side by side: Scenarios.tsx, compare.ts); each result saved as zones (the API's `save`),
 *   then the Zones list reloads.
 * - Drawer: the scenario comparison in the map's bottom drawer (as the zones comparison).
 * - slice: state and pure updaters (slice.ts); actions.ts does the I/O (api.ts: the typed /api/areas client).
 * - layers: the result's store points and the candidate sites; per-commune results colour the map's choropleth as a
 *   virtual indicator (`areas:…`, labelled modelled / synthetic in its legend).
 * - tool: a candidate site is placed, or a store moved, with the shared 'click-point' map tool (map/tools.ts).
 */
import { startCandidate } from './actions';
export { Panel } from './Panel';
export { ScenarioDrawer as Drawer } from './Scenarios';
export { Legend as legend } from './Legend';
export { slice } from './slice';
export { layers } from './layers';
export const tool = { id: 'click-point' as const, start: () => startCandidate(1000) };
