/**
 * The sales-sectors feature (« Secteurs », issue 16): `{ Panel, slice, layers }`.
 * - Panel: plan picker, CSV import (row report on refusal), the shown version's KPIs per sector and the plan's
 *   balance, « Optimiser » (tolerance, contiguity, minimal disruption; progress, cancel; infeasible → the tightest
 *   tolerance proposed), version picker and « Comparer », « Exporter CSV ».
 * - slice: state and pure helpers (slice.ts); actions.ts does the I/O (api.ts: /api/sectors); words in messages.ts.
 * - layers: none; the communes are coloured by sector through a categorical virtual indicator (`sectors:plan`).
 */
export { Panel } from './Panel';
export { slice } from './slice';
export { layers } from './layers';
