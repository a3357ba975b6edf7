/**
 * Sales sectors — shared types of the pure domain (issue 16).
 *
 * Indices, not codes: communes are 0…communeCount-1 and sectors 0…sectorCount-1; the service keeps the codes.
 * A plan is an assignment: `sectorOf[c]` = the sector of commune c, or -1 when unassigned. Drive times are SECONDS,
 * dense and sector-major (`timeSec[s * communeCount + c]` = from sector s's base to commune c; NaN = unreachable).
 */
import { DomainInputError } from '../common/input-error.js';
import type { Adjacency } from '../basins/types.js';

export type { Adjacency };

/** What every sector computation reads: the communes, their neighbours, the bases and the per-commune measures. */
export interface SectorInstance {
  communeCount: number;
  sectorCount: number;
  /** commune adjacency (CSR, symmetric), e.g. `adjacencyForCodes` over the committed artifact */
  adjacency: Adjacency;
  /** the commune holding each sector's base (its home or office): the root of the sector's contiguity; -1 = none */
  baseCommune: Int32Array;
  /** base → commune drive times, seconds, sector-major; NaN = unreachable */
  timeSec: Float32Array;
  /** workload per commune (accounts, visits, any measure), ≥ 0 */
  workload: Float64Array;
  /** weight of a commune's drive time in compactness (population or workload), ≥ 0 */
  weight: Float64Array;
  /** second balance criterion per commune (population, income-weighted potential…), ≥ 0; optional */
  potential?: Float64Array;
  /** commune areas in km², for the KPIs; optional */
  areaKm2?: Float64Array;
}

export type SectorErrorCode = 'BAD_INPUT' | 'INFEASIBLE_BALANCE' | 'NO_FEASIBLE_PLAN' | 'TOO_MANY_BASES' | 'SOLVER_FAILED';

/** Thrown by the sectors domain; the service maps it to a 400/422 `{ code, message, details: { field, … } }`. */
export class SectorInputError extends DomainInputError<SectorErrorCode> {
  constructor(code: SectorErrorCode, field: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(code, field, message);
  }
}

/** Constraints and options shared by the exact solver and the heuristic. */
export interface BalanceOptions {
  /** workload of each free sector within ± toleranceRatio of the free sectors' mean (0.1 = ± 10 %) */
  toleranceRatio: number;
  /** optional second criterion: potential within ± this ratio of its mean (needs `instance.potential`) */
  potentialToleranceRatio?: number;
  /** the current plan (needed by locks and minimal disruption); -1 = unassigned */
  current?: Int32Array;
  /** communes that keep their current sector */
  lockedCommunes?: readonly number[];
  /** sectors whose communes stay and which take no other commune; exempt from balance */
  lockedSectors?: readonly number[];
  /**
   * Minimal disruption: added to the objective for each commune whose sector differs from `current`, in objective
   * units (weight × seconds). 0 = plain mode. Objective = Σ weight × time(base of its sector → commune) + penalty × moved.
   */
  movePenalty?: number;
  /** contiguity on the adjacency (default true): see `sectorPieces` for what counts */
  contiguity?: boolean;
}

/** A solved plan, by the MILP or the heuristic. */
export interface SectorSolution {
  sectorOf: Int32Array;
  /** Σ weight × time + movePenalty × movedCount */
  objective: number;
  /** a proven lower bound on the objective (MILP dual bound, or the heuristic's Lagrangian bound) */
  lowerBound: number;
  /** (objective - lowerBound) / objective; 0 = proven optimal */
  gapRatio: number;
  movedCount: number;
  /** largest |workload − mean| / mean over the free sectors */
  maxDeviationRatio: number;
}
