/**
 * What the MILP and the heuristic share: which commune may go to which sector (reachable, locks), the balance
 * bounds and the cost of each (commune, sector) pair.
 *
 * Locks: a locked commune keeps its current sector; a locked sector keeps its communes, takes no other and is exempt
 * from balance and contiguity. Each free sector's base commune is fixed to it (the root of its contiguity).
 * Balance: the free sectors share the free workload, so the mean is (total − locked sectors' workload) / free sectors.
 */
import type { BalanceOptions, SectorInstance } from './types.js';
import { SectorInputError } from './types.js';
import { sectorsText } from '../../messages/sectors.js';

export interface Prepared {
  n: number;
  k: number;
  /** -1 = free to move; else the sector the commune must stay in */
  fixedSector: Int32Array;
  sectorLocked: Uint8Array;
  freeSectors: number[];
  workloadMean: number;
  potentialMean: number;
  /** cost of commune c in sector s: weight × time + movePenalty if it leaves its current sector; NaN = not allowed */
  cost: Float64Array;
}

export function prepare(inst: SectorInstance, opts: BalanceOptions): Prepared {
  const { communeCount: n, sectorCount: k } = inst;
  const fixedSector = new Int32Array(n).fill(-1);
  const sectorLocked = new Uint8Array(k);
  const current = opts.current;
  for (const s of opts.lockedSectors ?? []) sectorLocked[s] = 1;
  if (current) for (let c = 0; c < n; c++) if (current[c] >= 0 && sectorLocked[current[c]]) fixedSector[c] = current[c];
  for (const c of opts.lockedCommunes ?? []) if (current![c] >= 0) fixedSector[c] = current![c];
  const freeSectors: number[] = [];
  for (let s = 0; s < k; s++) {
    if (sectorLocked[s]) continue;
    freeSectors.push(s);
    const b = inst.baseCommune[s];
    if (fixedSector[b] >= 0 && fixedSector[b] !== s) throw new SectorInputError('NO_FEASIBLE_PLAN', 'lockedCommunes', sectorsText.noFeasiblePlan);
    fixedSector[b] = s;
  }
  const penalty = opts.movePenalty ?? 0;
  const cost = new Float64Array(n * k).fill(NaN);
  for (let c = 0; c < n; c++) {
    for (let s = 0; s < k; s++) {
      const t = inst.timeSec[s * n + c];
      const allowed = fixedSector[c] >= 0 ? fixedSector[c] === s : !sectorLocked[s] && Number.isFinite(t);
      if (!allowed) continue;
      const moved = current && current[c] >= 0 && current[c] !== s ? penalty : 0;
      cost[c * k + s] = inst.weight[c] * (Number.isFinite(t) ? t : 0) + moved;
    }
  }
  const lockedSum = (values: Float64Array | undefined) => {
    if (!values) return { total: 0, free: 0 };
    let total = 0;
    let free = 0;
    for (let c = 0; c < n; c++) { total += values[c]; if (!(fixedSector[c] >= 0 && sectorLocked[fixedSector[c]])) free += values[c]; }
    return { total, free };
  };
  const workload = lockedSum(inst.workload);
  if (freeSectors.length === 0) throw new SectorInputError('BAD_INPUT', 'lockedSectors', sectorsText.noSectors);
  if (!(workload.free > 0)) throw new SectorInputError('BAD_INPUT', 'workload', sectorsText.zeroWorkload);
  return {
    n, k, fixedSector, sectorLocked, freeSectors, cost,
    workloadMean: workload.free / freeSectors.length,
    potentialMean: lockedSum(inst.potential).free / freeSectors.length,
  };
}

/** Objective and balance of an assignment under the prepared costs (NaN objective if a pair is not allowed). */
export function evaluate(inst: SectorInstance, p: Prepared, sectorOf: Int32Array, current?: Int32Array): { objective: number; movedCount: number; maxDeviationRatio: number; potentialMaxDeviationRatio: number } {
  const load = new Float64Array(p.k);
  const pot = new Float64Array(p.k);
  let objective = 0;
  let movedCount = 0;
  for (let c = 0; c < p.n; c++) {
    const s = sectorOf[c];
    objective += s >= 0 ? p.cost[c * p.k + s] : NaN;
    load[s] += inst.workload[c];
    if (inst.potential) pot[s] += inst.potential[c];
    if (current && current[c] >= 0 && current[c] !== s) movedCount++;
  }
  let maxDeviationRatio = 0;
  let potentialMaxDeviationRatio = 0;
  for (const s of p.freeSectors) {
    maxDeviationRatio = Math.max(maxDeviationRatio, Math.abs(load[s] - p.workloadMean) / p.workloadMean);
    if (p.potentialMean > 0) potentialMaxDeviationRatio = Math.max(potentialMaxDeviationRatio, Math.abs(pot[s] - p.potentialMean) / p.potentialMean);
  }
  return { objective, movedCount, maxDeviationRatio, potentialMaxDeviationRatio };
}
