/**
 * The healthcare-basins feature (« Bassins de santé », issue 15): `{ Panel, slice, layers }`.
 * - Panel: three tabs — accessibility per commune (2SFCA / E2SFCA on drive times: summary, sensitivity table,
 *   under-served communes; saved as a computed indicator), time to the nearest actor (population beyond 30 / 45 min;
 *   saved as an indicator and zones), patient-flow basins (plurality, contiguity, localization index; sortable table,
 *   merge log, comparison with another dataset; saved as zones, then the Zones list reloads).
 * - slice: state and pure updaters / request builders (slice.ts); actions.ts does the I/O (api.ts: /api/basins).
 * - layers: the actors of the time-to-nearest result; per-commune results colour the map's choropleth as a virtual
 *   indicator (`basins:…`, labelled computed / modelled); flow basins as a categorical map (`values.palette`).
 */
export { Panel } from './Panel';
export { slice } from './slice';
export { layers } from './layers';
