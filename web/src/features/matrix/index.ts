/**
 * The drive-time matrix feature: origin / destination commune lists (codes, names, départements, the open commune,
 * an isochrone's communes), the matrix and its CSV. `{ Panel, slice }`: no map layer, no map tool.
 */
export { MatrixPanel as Panel } from './Panel';
export { matrixStore as slice } from './state';
