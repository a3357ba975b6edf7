/**
 * Healthcare basins and accessibility — shared types of the pure domain (issue 15).
 *
 * Indices, not codes: origins (PMSI codes géo) are 0…originCount-1, units (establishments, hospital towns or legal
 * entities) 0…unitCount-1, communes 0…communeCount-1, supply points 0…supplyCount-1; the service keeps the codes.
 * Drive times are SECONDS in data (NaN = unreachable), minutes only in decay parameters that say so.
 */
import { DomainInputError } from '../common/input-error.js';

/** Neighbours as CSR: the neighbours of i are neighbours[offsets[i] … offsets[i+1]-1]; symmetric, no self-loops. */
export interface Adjacency { offsets: Int32Array; neighbours: Int32Array }

/** Stays by (origin, unit); rows may repeat (they are summed). */
export interface FlowTable { originCount: number; unitCount: number; origin: Int32Array; unit: Int32Array; stays: Float64Array }

/** Supply × commune drive times within a cut-off, CSR by supply: communes commune[offsets[j] … offsets[j+1]-1]. */
export interface SparseTimes {
  supplyCount: number;
  communeCount: number;
  offsets: Int32Array;
  commune: Int32Array;
  /** seconds, same index as `commune` */
  sec: Float32Array;
}

export type BasinErrorCode = 'BAD_INPUT' | 'CATCHMENT_OUT_OF_RANGE' | 'NEGATIVE_SUPPLY' | 'NO_FLOWS';

/** Thrown by the basins domain; the service maps it to a 400/422 `{ code, message, details: { field } }`. */
export class BasinInputError extends DomainInputError<BasinErrorCode> {}
