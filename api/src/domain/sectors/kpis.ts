/**
 * KPIs of a plan: per sector (workload, potential, drive time from the base — weighted mean and max —, communes,
 * area, contiguity pieces) and for the plan (balance: each sector's deviation from the mean and the max/min ratio,
 * for workload and potential; compactness: the weighted drive time). `SectorKpiTracker` keeps them up to date under
 * single-commune moves: sums are updated in O(1), max time and pieces are recomputed for the two sectors touched
 * only (O(their communes)), so a manual edit costs well under a millisecond nationally.
 */
import type { SectorInstance } from './types.js';
import { SectorInputError } from './types.js';
import { checkInstance } from './check.js';
import { PieceFinder } from './contiguity.js';
import { sectorsText } from '../../messages/sectors.js';

export interface SectorKpi {
  sector: number;
  communeCount: number;
  workload: number;
  potential: number | null;
  areaKm2: number | null;
  /** Σ weight × time / Σ weight over its communes, seconds (null without weight or times) */
  meanTimeSec: number | null;
  maxTimeSec: number | null;
  /** pieces in the base's graph component: 1 = contiguous */
  pieceCount: number;
  detachedPieceCount: number;
  contiguous: boolean;
  /** (workload − mean) / mean over all sectors */
  workloadDeviationRatio: number;
  potentialDeviationRatio: number | null;
}

export interface Balance { mean: number; maxMinRatio: number; maxAbsDeviationRatio: number }

export interface PlanKpis {
  sectors: SectorKpi[];
  workloadBalance: Balance;
  potentialBalance: Balance | null;
  /** Σ weight × time over assigned communes, and its weighted mean in seconds */
  compactness: { weightedTimeSum: number; meanTimeSec: number | null };
  unassignedCount: number;
  contiguousSectorCount: number;
}

interface Sums { count: number; workload: number; potential: number; area: number; weight: number; weightedTime: number; reachedWeight: number }

export class SectorKpiTracker {
  readonly sectorOf: Int32Array;
  private readonly members: Int32Array[];
  private readonly memberCount: Int32Array;
  private readonly position: Int32Array;
  private readonly sums: Sums[];
  private readonly cache: (Pick<SectorKpi, 'maxTimeSec' | 'pieceCount' | 'detachedPieceCount'> | null)[];
  private readonly finder: PieceFinder;

  constructor(private readonly inst: SectorInstance, sectorOf: Int32Array, finder?: PieceFinder) {
    checkInstance(inst);
    const { communeCount: n, sectorCount: k } = inst;
    if (sectorOf.length !== n) throw new SectorInputError('BAD_INPUT', 'sectorOf', sectorsText.sizeMismatch('sectorOf', n, sectorOf.length));
    this.sectorOf = Int32Array.from(sectorOf);
    this.finder = finder ?? new PieceFinder(inst.adjacency);
    this.members = Array.from({ length: k }, () => new Int32Array(16));
    this.memberCount = new Int32Array(k);
    this.position = new Int32Array(n).fill(-1);
    this.sums = Array.from({ length: k }, () => ({ count: 0, workload: 0, potential: 0, area: 0, weight: 0, weightedTime: 0, reachedWeight: 0 }));
    this.cache = new Array(k).fill(null);
    for (let c = 0; c < n; c++) {
      const s = this.sectorOf[c];
      if (s < -1 || s >= k) throw new SectorInputError('BAD_INPUT', 'sectorOf', sectorsText.indexOutOfRange('sectorOf', s, k));
      if (s >= 0) this.add(c, s);
    }
  }

  private add(c: number, s: number): void {
    if (this.memberCount[s] === this.members[s].length) { const grown = new Int32Array(this.members[s].length * 2); grown.set(this.members[s]); this.members[s] = grown; }
    this.position[c] = this.memberCount[s];
    this.members[s][this.memberCount[s]++] = c;
    this.accumulate(c, s, 1);
  }

  private remove(c: number, s: number): void {
    const last = this.members[s][--this.memberCount[s]];
    this.members[s][this.position[c]] = last;
    this.position[last] = this.position[c];
    this.position[c] = -1;
    this.accumulate(c, s, -1);
  }

  private accumulate(c: number, s: number, sign: 1 | -1): void {
    const { inst } = this;
    const m = this.sums[s];
    const t = inst.timeSec[s * inst.communeCount + c];
    m.count += sign;
    m.workload += sign * inst.workload[c];
    m.potential += sign * (inst.potential?.[c] ?? 0);
    m.area += sign * (inst.areaKm2?.[c] ?? 0);
    m.weight += sign * inst.weight[c];
    if (Number.isFinite(t)) { m.weightedTime += sign * inst.weight[c] * t; m.reachedWeight += sign * inst.weight[c]; }
    this.cache[s] = null;
  }

  /** Moves commune c to sector s (-1 = unassign). */
  move(c: number, s: number): void {
    const from = this.sectorOf[c];
    if (from === s) return;
    if (from >= 0) this.remove(c, from);
    this.sectorOf[c] = s;
    if (s >= 0) this.add(c, s);
  }

  communesOf(s: number): Int32Array { return this.members[s].subarray(0, this.memberCount[s]); }

  workloadOf(s: number): number { return this.sums[s].workload; }

  private slow(s: number) {
    if (this.cache[s]) return this.cache[s]!;
    const { inst } = this;
    const list = this.communesOf(s);
    let maxTimeSec = -Infinity;
    for (const c of list) { const t = inst.timeSec[s * inst.communeCount + c]; if (t > maxTimeSec) maxTimeSec = t; }
    const p = this.finder.pieces(this.sectorOf, s, list, inst.baseCommune[s]);
    this.cache[s] = { maxTimeSec: Number.isFinite(maxTimeSec) ? maxTimeSec : null, pieceCount: p.pieceCount, detachedPieceCount: p.detachedPieceCount };
    return this.cache[s]!;
  }

  plan(): PlanKpis {
    const { inst } = this;
    const k = inst.sectorCount;
    const workloadBalance = balance(this.sums.map((m) => m.workload));
    const potentialBalance = inst.potential ? balance(this.sums.map((m) => m.potential)) : null;
    let weightedTimeSum = 0;
    let reachedWeight = 0;
    let assigned = 0;
    const sectors: SectorKpi[] = [];
    for (let s = 0; s < k; s++) {
      const m = this.sums[s];
      const slow = this.slow(s);
      weightedTimeSum += m.weightedTime;
      reachedWeight += m.reachedWeight;
      assigned += m.count;
      sectors.push({
        sector: s, communeCount: m.count, workload: m.workload, potential: inst.potential ? m.potential : null, areaKm2: inst.areaKm2 ? m.area : null,
        meanTimeSec: m.reachedWeight > 0 ? m.weightedTime / m.reachedWeight : null, ...slow, contiguous: slow.pieceCount <= 1,
        workloadDeviationRatio: deviation(m.workload, workloadBalance.mean),
        potentialDeviationRatio: potentialBalance ? deviation(m.potential, potentialBalance.mean) : null,
      });
    }
    return {
      sectors, workloadBalance, potentialBalance,
      compactness: { weightedTimeSum, meanTimeSec: reachedWeight > 0 ? weightedTimeSum / reachedWeight : null },
      unassignedCount: inst.communeCount - assigned,
      contiguousSectorCount: sectors.filter((x) => x.contiguous).length,
    };
  }
}

const deviation = (x: number, mean: number) => (mean > 0 ? (x - mean) / mean : 0);

function balance(values: number[]): Balance {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const max = Math.max(...values);
  const min = Math.min(...values);
  return { mean, maxMinRatio: min > 0 ? max / min : Infinity, maxAbsDeviationRatio: Math.max(...values.map((v) => Math.abs(deviation(v, mean)))) };
}

/** KPIs of a plan in one call. */
export function planKpis(inst: SectorInstance, sectorOf: Int32Array): PlanKpis {
  return new SectorKpiTracker(inst, sectorOf).plan();
}
