/**
 * Exact sector assignment by MILP with HiGHS (npm `highs`, WebAssembly; the caller loads it once and passes it in,
 * so the domain stays free of I/O).
 *
 *   min  Σ_c Σ_s cost[c,s]·x[c,s]           cost = weight × time(base s → c) + movePenalty if c leaves its current sector
 *   s.t. Σ_s x[c,s] = 1                       each commune in one sector (locks and unreachable pairs: no column)
 *        (1 − tol)·mean ≤ Σ_c workload[c]·x[c,s] ≤ (1 + tol)·mean      each free sector (same for the potential)
 *        contiguity (Shirabe 2005, one single-commodity flow per sector s rooted at its base r):
 *        Σ_j f[i→j] − Σ_j f[j→i] = x[i,s]   for i ≠ r in r's graph component;   f[i→j] ≤ (M_s − 1)·x[j,s]
 * Contiguity is added lazily: solve without it, add the flow block of each sector found in pieces, solve again.
 * Each solve is a relaxation of the full model, so the first solution that is contiguous is optimal for it.
 * Infeasible → the tightest tolerance: the same model minimising τ with |load − mean| ≤ τ·mean.
 */
import type { Highs } from 'highs';
import type { BalanceOptions, SectorInstance, SectorSolution } from './types.js';
import { SectorInputError } from './types.js';
import { checkBalanceOptions } from './check.js';
import { prepare, evaluate, type Prepared } from './prepare.js';
import { PieceFinder } from './contiguity.js';
import { solveSectorsHeuristic } from './heuristic.js';
import { sectorsText } from '../../messages/sectors.js';

export interface ExactOptions extends BalanceOptions {
  /** wall-clock budget over all lazy rounds, seconds (default 60) */
  timeLimitSec?: number;
  /** HiGHS relative MIP gap at which it stops (default 1e-6) */
  relativeGap?: number;
  /** add the flow blocks of every sector from the start instead of lazily */
  eagerContiguity?: boolean;
  /**
   * A plan to start from, handed to HiGHS as a MIP start (it completes or drops it): a plan, 'heuristic' (default: the
   * heuristic's plan, a fraction of a second at département size; it halves the solve time there) or 'none'.
   */
  start?: Int32Array | 'heuristic' | 'none';
}

export interface ExactSolution extends SectorSolution {
  status: 'optimal' | 'timeLimit';
  /** lazy rounds solved and the sectors that needed flow constraints */
  rounds: number;
  flowSectors: number[];
  seconds: number;
}

/** A sparse model under construction: columns with cost and bounds, rows as index/value lists. */
class ModelBuilder {
  cost: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  integer: number[] = [];
  rowLower: number[] = [];
  rowUpper: number[] = [];
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];

  col(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost); this.lower.push(lower); this.upper.push(upper); this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  row(lower: number, upper: number, idx: number[], val: number[]): void {
    this.rowLower.push(lower); this.rowUpper.push(upper);
    for (let q = 0; q < idx.length; q++) { this.indices.push(idx[q]); this.values.push(val[q]); }
    this.starts.push(this.indices.length);
  }

  data() {
    const numCols = this.cost.length;
    const numRows = this.rowLower.length;
    return {
      numCols, numRows, colCost: this.cost, colLower: this.lower, colUpper: this.upper, rowLower: this.rowLower, rowUpper: this.rowUpper,
      integrality: Int32Array.from(this.integer),
      matrix: { format: 'csr' as const, numRows, numCols, starts: this.starts, indices: this.indices, values: this.values },
    };
  }
}

interface Built { builder: ModelBuilder; xCol: Int32Array; tauCols: number[]; costScale: number }

/** The model; `minimiseTolerance` replaces the objective by τ (workload) + τ (potential) and frees the bounds. */
function build(inst: SectorInstance, p: Prepared, opts: BalanceOptions, flowSectors: Set<number>, finder: PieceFinder, minimiseTolerance: boolean): Built {
  const { n, k } = p;
  const b = new ModelBuilder();
  let maxCost = 0;
  for (const v of p.cost) if (v > maxCost) maxCost = v;
  const costScale = maxCost > 0 ? maxCost / 1000 : 1;
  const xCol = new Int32Array(n * k).fill(-1);
  for (let c = 0; c < n; c++) {
    for (let s = 0; s < k; s++) {
      const v = p.cost[c * k + s];
      if (!Number.isNaN(v)) xCol[c * k + s] = b.col(minimiseTolerance ? 0 : v / costScale, p.fixedSector[c] === s ? 1 : 0, 1, true);
    }
  }
  for (let c = 0; c < n; c++) {
    const idx: number[] = [];
    for (let s = 0; s < k; s++) if (xCol[c * k + s] >= 0) idx.push(xCol[c * k + s]);
    b.row(1, 1, idx, idx.map(() => 1));
  }
  const tauCols: number[] = [];
  const balance = (values: Float64Array, mean: number, tol: number) => {
    const tau = minimiseTolerance ? b.col(1, 0, Infinity, false) : -1;
    if (tau >= 0) tauCols.push(tau);
    for (const s of p.freeSectors) {
      const idx: number[] = [];
      const val: number[] = [];
      for (let c = 0; c < n; c++) if (xCol[c * k + s] >= 0 && values[c] !== 0) { idx.push(xCol[c * k + s]); val.push(values[c] / mean); }
      if (tau >= 0) {
        b.row(-Infinity, 1, [...idx, tau], [...val, -1]);
        b.row(1, Infinity, [...idx, tau], [...val, 1]);
      } else b.row(1 - tol, 1 + tol, idx, val);
    }
  };
  balance(inst.workload, p.workloadMean, opts.toleranceRatio);
  if (opts.potentialToleranceRatio !== undefined && inst.potential && p.potentialMean > 0) balance(inst.potential, p.potentialMean, opts.potentialToleranceRatio);
  for (const s of flowSectors) addFlow(b, inst, p, xCol, s, finder);
  return { builder: b, xCol, tauCols, costScale };
}

/** Shirabe's flow block of sector s: each commune of s in its base's component sends one unit to the base. */
function addFlow(b: ModelBuilder, inst: SectorInstance, p: Prepared, xCol: Int32Array, s: number, finder: PieceFinder): void {
  const { n, k } = p;
  const root = inst.baseCommune[s];
  const comp = finder.componentOf[root];
  const { offsets, neighbours } = inst.adjacency;
  const inComp = (c: number) => finder.componentOf[c] === comp && xCol[c * k + s] >= 0;
  let size = 0;
  for (let c = 0; c < n; c++) if (inComp(c)) size++;
  const cap = Math.max(1, size - 1);
  const out: number[][] = [];
  const into: number[][] = [];
  const arcs: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!inComp(i) || i === root) continue;
    for (let q = offsets[i]; q < offsets[i + 1]; q++) {
      const j = neighbours[q];
      if (!inComp(j)) continue;
      const f = b.col(0, 0, cap, false);
      (out[i] ??= []).push(f);
      (into[j] ??= []).push(f);
      arcs.push([i, j, f]);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!inComp(i) || i === root) continue;
    const o = out[i] ?? [];
    const inn = into[i] ?? [];
    b.row(0, 0, [...o, ...inn, xCol[i * k + s]], [...o.map(() => 1), ...inn.map(() => -1), -1]);
  }
  for (const [, j, f] of arcs) if (j !== root) b.row(-Infinity, 0, [f, xCol[j * k + s]], [1, -cap]);
}

interface RoundResult { status: number; sectorOf: Int32Array; objective: number; bound: number; gap: number; tau: number[] }

function solveOnce(highs: Highs, built: Built, p: Prepared, timeLimitSec: number, relativeGap: number, start?: Int32Array): RoundResult {
  return highs.withModel(built.builder.data(), (model) => {
    model.options.set({ output_flag: false, time_limit: Math.max(1, timeLimitSec), mip_rel_gap: relativeGap });
    if (start) {
      const indices: number[] = [];
      const values: number[] = [];
      for (let c = 0; c < p.n; c++) {
        for (let s = 0; s < p.k; s++) {
          const col = built.xCol[c * p.k + s];
          if (col >= 0) { indices.push(col); values.push(start[c] === s ? 1 : 0); }
        }
      }
      model.setSolution({ indices, values });
    }
    model.run();
    const status = model.getModelStatus();
    const sectorOf = new Int32Array(p.n).fill(-1);
    if (status === 8 || status === 9) return { status, sectorOf, objective: NaN, bound: NaN, gap: NaN, tau: [] };
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    if (!hasSolution) return { status: -status, sectorOf, objective: NaN, bound: NaN, gap: NaN, tau: [] };
    const x = model.getSolution().colValue;
    for (let c = 0; c < p.n; c++) for (let s = 0; s < p.k; s++) { const col = built.xCol[c * p.k + s]; if (col >= 0 && x[col] > 0.5) sectorOf[c] = s; }
    return {
      status, sectorOf, objective: model.getObjectiveValue() * built.costScale, bound: Number(model.info.get('mip_dual_bound')) * built.costScale,
      gap: Number(model.info.get('mip_gap')), tau: built.tauCols.map((t) => x[t]),
    };
  });
}

/** Sectors (free, with a base) whose communes in the base's component are not one piece. */
function brokenSectors(inst: SectorInstance, p: Prepared, sectorOf: Int32Array, finder: PieceFinder): number[] {
  const members: number[][] = Array.from({ length: p.k }, () => []);
  for (let c = 0; c < p.n; c++) if (sectorOf[c] >= 0) members[sectorOf[c]].push(c);
  return p.freeSectors.filter((s) => finder.pieces(sectorOf, s, members[s], inst.baseCommune[s]).pieceCount > 1);
}

/** Lazy rounds until contiguous (or contiguity off); returns the last round and the flow sectors used. */
function solveLazy(highs: Highs, inst: SectorInstance, p: Prepared, opts: ExactOptions, finder: PieceFinder, flowSectors: Set<number>, minimiseTolerance: boolean, deadline: number, start?: Int32Array) {
  let rounds = 0;
  for (;;) {
    rounds++;
    const built = build(inst, p, opts, flowSectors, finder, minimiseTolerance);
    const r = solveOnce(highs, built, p, (deadline - Date.now()) / 1000, opts.relativeGap ?? 1e-6, minimiseTolerance ? undefined : start);
    if (r.status !== 7 || opts.contiguity === false) return { r, rounds };
    const broken = brokenSectors(inst, p, r.sectorOf, finder).filter((s) => !flowSectors.has(s));
    if (broken.length === 0) return { r, rounds };
    for (const s of broken) flowSectors.add(s);
  }
}

export function solveSectorsExact(highs: Highs, inst: SectorInstance, opts: ExactOptions): ExactSolution {
  checkBalanceOptions(inst, opts);
  const t0 = Date.now();
  const deadline = t0 + (opts.timeLimitSec ?? 60) * 1000;
  const p = prepare(inst, opts);
  const finder = new PieceFinder(inst.adjacency);
  const flowSectors = new Set<number>(opts.eagerContiguity && opts.contiguity !== false ? p.freeSectors : []);
  const start = opts.start === 'none' ? undefined
    : opts.start === undefined || opts.start === 'heuristic' ? solveSectorsHeuristic(inst, { ...opts, timeLimitSec: Math.min(10, opts.timeLimitSec ?? 60) / 4 }).sectorOf
      : opts.start;
  const { r, rounds } = solveLazy(highs, inst, p, opts, finder, flowSectors, false, deadline, start);
  if (r.status === 8 || r.status === 9) throw infeasible(highs, inst, p, opts, finder, flowSectors, deadline);
  if (r.status < 0 || (r.status !== 7 && r.status !== 13)) throw new SectorInputError('SOLVER_FAILED', 'timeLimitSec', sectorsText.solverFailed(String(Math.abs(r.status))));
  const e = evaluate(inst, p, r.sectorOf, opts.current);
  const lowerBound = r.status === 7 ? Math.min(r.bound, e.objective) : r.bound;
  return {
    status: r.status === 7 ? 'optimal' : 'timeLimit', sectorOf: r.sectorOf, objective: e.objective, lowerBound,
    gapRatio: e.objective > 0 ? Math.max(0, (e.objective - lowerBound) / e.objective) : 0,
    movedCount: e.movedCount, maxDeviationRatio: e.maxDeviationRatio, rounds, flowSectors: [...flowSectors].sort((a, b) => a - b), seconds: (Date.now() - t0) / 1000,
  };
}

/** The error for an infeasible tolerance, with the tightest feasible one (rounded up to 0.1 %) in its details. */
function infeasible(highs: Highs, inst: SectorInstance, p: Prepared, opts: ExactOptions, finder: PieceFinder, flowSectors: Set<number>, deadline: number): SectorInputError {
  const { r } = solveLazy(highs, inst, p, opts, finder, flowSectors, true, Math.max(deadline, Date.now() + 10_000));
  if (r.status === 8 || r.status === 9) return new SectorInputError('NO_FEASIBLE_PLAN', 'lockedCommunes', sectorsText.noFeasiblePlan);
  const up = (x: number) => Math.ceil(x * 1000 - 1e-6) / 1000;
  const tightest = up(r.tau[0] ?? NaN);
  const potential = r.tau.length > 1 ? up(r.tau[1]) : undefined;
  return new SectorInputError('INFEASIBLE_BALANCE', 'toleranceRatio', sectorsText.infeasibleBalance(opts.toleranceRatio, tightest, potential), {
    toleranceRatio: opts.toleranceRatio, tightestToleranceRatio: tightest, tightestPotentialToleranceRatio: potential, proven: r.status === 7,
  });
}
