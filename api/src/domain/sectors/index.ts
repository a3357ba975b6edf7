/**
 * Sales sectors, pure domain — issue 16. Import only from here.
 * - types.ts       instance (communes × sectors, dense base → commune times), options, solution, SectorInputError
 * - adjacency.ts   commune adjacency (committed artifact, loader shared with basins) and graph components
 * - contiguity.ts  a sector's pieces on the adjacency (the contiguity rule) and the articulation check of a move
 * - kpis.ts        KPIs per sector and per plan, with an incremental tracker for manual edits
 * - prepare.ts     locks, allowed pairs, balance means and pair costs shared by both solvers
 * - milp.ts        exact assignment MILP with HiGHS (balance, locks, minimal disruption, lazy flow contiguity)
 * - lagrangian.ts  Lagrangian prices on the balance constraints and the dual (LP) bound
 * - heuristic.ts   national heuristic: priced start, contiguity repair, balance moves, local search
 * - pmedian.ts     "choose k bases": greedy + Teitz–Bart interchange on drive time
 */
export * from './types.js';
export { adjacencyForCodes, adjacencyFromLists, checkAdjacency, graphComponents, type CommuneAdjacencyArtifact } from './adjacency.js';
export { PieceFinder, type SectorPieces } from './contiguity.js';
export { checkInstance, checkBalanceOptions } from './check.js';
export { solveSectorsExact, type ExactOptions, type ExactSolution } from './milp.js';
export { SectorKpiTracker, planKpis, type SectorKpi, type PlanKpis, type Balance } from './kpis.js';
export { solveSectorsHeuristic, type HeuristicOptions, type HeuristicSolution } from './heuristic.js';
export { chooseBases, type PMedianInput, type PMedianResult } from './pmedian.js';
export { sectorsText } from '../../messages/sectors.js';
