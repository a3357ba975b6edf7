/**
 * Healthcare basins and accessibility, pure domain — issue 15. Import only from here.
 * - accessibility.ts  2SFCA / E2SFCA (steps, Gaussian) per commune on sparse supply × commune times
 * - sensitivity.ts    summaries (mean, median, without access, below a threshold) and the catchment × decay table
 * - flow-index.ts, flow-basins.ts, basin-stats.ts  patient-flow basins: plurality, contiguity, LI / size merges
 * - adjacency.ts      PMSI code géo adjacency (committed artifact) and its re-indexing onto flow origins
 * - nearest.ts        drive-time basins to the nearest actor (over areas' exclusiveAreas), population beyond 30/45 min
 */
export * from './types.js';
export {
  accessibility, accessWeight, sparseFromStoreTimes, checkCatchment, checkDecay, DEFAULT_STEPS, MAX_CATCHMENT_MIN, PER_INHABITANTS,
  type AccessDecay, type AccessibilityOptions, type AccessibilityResult,
} from './accessibility.js';
export {
  accessibilitySensitivity, defaultSensitivityVariants, scaledSteps, summarizeAccess,
  type SensitivityVariant, type SensitivityRow, type AccessSummary,
} from './sensitivity.js';
export { indexFlows, type FlowIndex } from './flow-index.js';
export {
  flowBasins, pluralityAssign, fixContiguity, mergeBasins, DEFAULT_MIN_LOCALIZATION_RATIO, DEFAULT_MIN_STAYS,
  type FlowBasinOptions, type FlowBasinsResult, type Assignment, type ContiguityMove, type BasinMerge,
} from './flow-basins.js';
export { basinStats, type BasinStats } from './basin-stats.js';
export { adjacencyFromLists, adjacencyForCodes, checkAdjacency, hasNeighbour, type AdjacencyArtifact } from './adjacency.js';
export { nearestActorBasins, summarizeNearest, type NearestActorBasins, type NearestAssignment } from './nearest.js';
export { basinsText } from '../../messages/basins.js';
