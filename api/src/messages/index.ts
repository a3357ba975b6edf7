/**
 * The catalogue of the words users read from the API, in French: one module per area, re-exported here as a
 * namespace (add yours with one line). Error `code`s stay English and stable; messages say what went wrong and
 * what to do next. Modules may also be imported directly (`../messages/territory.js`).
 */
export { common, frList, frNumber, plural, quoted } from './common.js';
export * as validationMessages from './validation.js';
export * as territoryMessages from './territory.js';
export * as routingMessages from './routing.js';
export * as importsMessages from './imports.js';
export * as zonesMessages from './zones.js';
export { areasText } from './areas.js';
export { basinsText } from './basins.js';
export { sectorsText } from './sectors.js';
export { healthText, flowDatasetLabel } from './health.js';
