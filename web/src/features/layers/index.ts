/**
 * The data layers feature (Couches): imported layers (customers, accounts), import with its report, point styles,
 * colouring the communes by a layer's aggregate. `{ Panel, slice, layers, legend }`.
 * - slice: `layers` (layers, their points, the selected account); pointStyleSlice: `pointStyle` (colour field, hidden values).
 * - layers: hexagons when zoomed out, points (styled, decluttered) when zoomed in (customers.ts).
 */
export { LayersPanel as Panel } from './Panel';
export { layersStore as slice } from './state';
export { pointStyleStore as pointStyleSlice } from './point-style';
export { customerLayers as layers } from './customers';
