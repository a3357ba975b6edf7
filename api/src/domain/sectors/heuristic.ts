/**
 * National sector heuristic (34,700 communes × 60 sectors in seconds):
 *  1. Lagrangian prices on the balance constraints (lagrangian.ts): a cheap, nearly balanced assignment and a lower
 *     bound on the objective (the LP bound of the assignment without contiguity);
 *  2. contiguity repair: communes cut off from their base's piece join the cheapest neighbouring sector whose piece
 *     reaches its base, grown outwards from the bases until every stray commune is attached;
 *  3. balance: boundary communes move from sectors out of the band to neighbouring sectors, cheapest first, never
 *     cutting a sector (articulation check), until every free sector is within ± tolerance or no move helps;
 *  4. local search: boundary moves that lower the objective while staying in the band and contiguous.
 * Reports the objective, the Lagrangian bound and the gap between them, the balance reached and the contiguity.
 */
import type { BalanceOptions, SectorInstance, SectorSolution } from './types.js';
import { checkBalanceOptions } from './check.js';
import { prepare, evaluate, type Prepared } from './prepare.js';
import { PieceFinder } from './contiguity.js';
import { lagrangian, type Criterion } from './lagrangian.js';

export interface HeuristicOptions extends BalanceOptions {
  /** subgradient iterations (default 150) */
  lagrangianIterations?: number;
  /** wall-clock budget, seconds (default 45) */
  timeLimitSec?: number;
  /** narrowing of the band the prices aim at, tried in turn until the plan is balanced (default 0.9, 0.7, 0.5) */
  aimRatios?: readonly number[];
}

export interface HeuristicSolution extends SectorSolution {
  status: 'heuristic';
  /** every free sector within the tolerance(s) */
  balanced: boolean;
  /** every free sector in one piece (contiguity rule of contiguity.ts) */
  contiguous: boolean;
  potentialMaxDeviationRatio: number;
  lagrangianIterations: number;
  movesCount: number;
  seconds: number;
}

/** Mutable state of phases 2–4: the assignment, the loads per criterion, and each sector's members. */
class State {
  readonly loads: Float64Array[];
  readonly members: Set<number>[];

  constructor(readonly inst: SectorInstance, readonly p: Prepared, readonly criteria: Criterion[], readonly sectorOf: Int32Array, readonly finder: PieceFinder) {
    this.loads = criteria.map(() => new Float64Array(p.k));
    this.members = Array.from({ length: p.k }, () => new Set<number>());
    for (let c = 0; c < p.n; c++) this.place(c, sectorOf[c], 1);
  }

  private place(c: number, s: number, sign: number): void {
    this.criteria.forEach((cr, q) => { this.loads[q][s] += sign * cr.values[c]; });
    if (sign > 0) this.members[s].add(c); else this.members[s].delete(c);
  }

  move(c: number, to: number): void {
    this.place(c, this.sectorOf[c], -1);
    this.sectorOf[c] = to;
    this.place(c, to, 1);
  }

  /** Relative violation of sector s's band(s) if its loads changed by `delta` (per criterion) times `sign`. */
  violation(s: number, c = -1, sign = 0): number {
    if (this.p.sectorLocked[s]) return 0;
    let v = 0;
    this.criteria.forEach((cr, q) => {
      const load = this.loads[q][s] + (c >= 0 ? sign * cr.values[c] : 0);
      v += (Math.max(0, load - cr.upper) + Math.max(0, cr.lower - load)) / ((cr.lower + cr.upper) / 2);
    });
    return v;
  }

  movable(c: number): boolean { return this.p.fixedSector[c] < 0; }

  allowed(c: number, s: number): boolean { return !Number.isNaN(this.p.cost[c * this.p.k + s]); }

  /** Neighbouring sectors of commune c other than its own, allowed for c. */
  neighbourSectors(c: number): number[] {
    const { offsets, neighbours } = this.inst.adjacency;
    const own = this.sectorOf[c];
    const out: number[] = [];
    for (let q = offsets[c]; q < offsets[c + 1]; q++) {
      const s = this.sectorOf[neighbours[q]];
      if (s !== own && s >= 0 && !out.includes(s) && this.allowed(c, s)) out.push(s);
    }
    return out;
  }
}

/** Phase 2: strays join the cheapest neighbouring sector already attached to its base, growing from the bases. */
function repairContiguity(st: State, contiguity: boolean): number {
  if (!contiguity) return 0;
  const { inst, p, sectorOf, finder } = st;
  const stray = new Uint8Array(p.n);
  let left = 0;
  for (const s of p.freeSectors) {
    for (const c of finder.pieces(sectorOf, s, [...st.members[s]], inst.baseCommune[s]).stray) if (st.movable(c)) { stray[c] = 1; left++; }
  }
  let moves = 0;
  const { offsets, neighbours } = inst.adjacency;
  while (left > 0) {
    let progressed = false;
    for (let c = 0; c < p.n; c++) {
      if (!stray[c]) continue;
      let best = -1;
      let bestCost = Infinity;
      for (let q = offsets[c]; q < offsets[c + 1]; q++) {
        const j = neighbours[q];
        const s = sectorOf[j];
        if (stray[j] || s < 0 || p.sectorLocked[s] || !st.allowed(c, s)) continue;
        const v = p.cost[c * p.k + s];
        if (v < bestCost) { bestCost = v; best = s; }
      }
      if (best < 0) continue;
      if (best !== sectorOf[c]) { st.move(c, best); moves++; }
      stray[c] = 0;
      left--;
      progressed = true;
    }
    if (!progressed) break;
  }
  return moves;
}

interface Move { c: number; to: number; dv: number; dcost: number }

/** Candidate moves out of sector a (its boundary communes to neighbouring sectors) or into it. */
function boundaryMoves(st: State, a: number, inward: boolean): Move[] {
  const { p, inst, sectorOf } = st;
  const out: Move[] = [];
  const consider = (c: number, to: number) => {
    const from = sectorOf[c];
    if (!st.movable(c) || p.sectorLocked[to] || !st.allowed(c, to)) return;
    const dv = st.violation(from, c, -1) + st.violation(to, c, 1) - st.violation(from) - st.violation(to);
    out.push({ c, to, dv, dcost: p.cost[c * p.k + to] - p.cost[c * p.k + from] });
  };
  if (!inward) {
    for (const c of st.members[a]) for (const to of st.neighbourSectors(c)) consider(c, to);
  } else {
    const { offsets, neighbours } = inst.adjacency;
    const seen = new Set<number>();
    for (const c of st.members[a]) {
      for (let q = offsets[c]; q < offsets[c + 1]; q++) {
        const j = neighbours[q];
        if (sectorOf[j] !== a && sectorOf[j] >= 0 && !seen.has(j)) { seen.add(j); consider(j, a); }
      }
    }
  }
  return out;
}

/** Applies the first move (in the given order) that keeps the sector it leaves connected; returns it, or null. */
function applyFirstConnected(st: State, moves: Move[], contiguity: boolean): Move | null {
  for (const m of moves) {
    const from = st.sectorOf[m.c];
    if (contiguity && !st.finder.staysConnectedWithout(st.sectorOf, m.c, st.inst.baseCommune[from])) continue;
    st.move(m.c, m.to);
    return m;
  }
  return null;
}

/**
 * Phase 3: most violating sector first; moves that lower the total violation, cheapest per unit of violation. When
 * none does, a move that only shifts the excess onto a neighbour (total unchanged) lets it travel along a chain of
 * sectors to one with room; a commune just moved is tabu for a while so that chains do not cycle.
 */
function rebalance(st: State, contiguity: boolean, deadline: number): number {
  let moves = 0;
  const blocked = new Set<number>();
  const tabuUntil = new Map<number, number>();
  const maxMoves = st.p.n * 2;
  while (Date.now() < deadline && moves < maxMoves) {
    let a = -1;
    let worst = 1e-12;
    for (const s of st.p.freeSectors) { const v = st.violation(s); if (v > worst && !blocked.has(s)) { worst = v; a = s; } }
    if (a < 0) break;
    const over = st.criteria.some((cr, q) => st.loads[q][a] > cr.upper);
    const all = boundaryMoves(st, a, !over).filter((m) => (tabuUntil.get(m.c) ?? -1) < moves);
    const better = all.filter((m) => m.dv < -1e-12).sort((x, y) => x.dcost / -x.dv - y.dcost / -y.dv);
    const aGain = (m: Move) => st.violation(a) - (over ? st.violation(a, m.c, -1) : st.violation(a, m.c, 1));
    // the neighbour with the most room first (the excess travels towards slack), then the cheapest
    const room = (m: Move) => (over ? st.criteria[0].upper - st.loads[0][m.to] : st.loads[0][st.sectorOf[m.c]] - st.criteria[0].lower);
    const shift = all.filter((m) => m.dv <= 1e-12 && aGain(m) > 1e-12).sort((x, y) => room(y) - room(x) || x.dcost - y.dcost);
    const applied = applyFirstConnected(st, better, contiguity) ?? applyFirstConnected(st, shift, contiguity) ?? pairMove(st, a, over, contiguity);
    if (applied) { moves++; tabuUntil.set(applied.c, moves + 200); blocked.clear(); } else blocked.add(a);
  }
  return moves;
}

/**
 * A two-move chain for sector a when no single move helps: a move that relieves a but overloads (or empties) its
 * neighbour b, followed by the move that relieves b, accepted when the pair lowers the total violation.
 */
function pairMove(st: State, a: number, over: boolean, contiguity: boolean): Move | null {
  const pairs: { m1: Move; m2: Move; dv: number; dcost: number }[] = [];
  for (const m1 of boundaryMoves(st, a, !over)) {
    const from1 = st.sectorOf[m1.c];
    const b = over ? m1.to : from1;
    st.move(m1.c, m1.to);
    const bOver = st.criteria.some((cr, q) => st.loads[q][b] > cr.upper);
    for (const m2 of boundaryMoves(st, b, !bOver)) {
      if (m2.c === m1.c || m2.to === a || st.sectorOf[m2.c] === a) continue;
      if (m1.dv + m2.dv < -1e-12) pairs.push({ m1, m2, dv: m1.dv + m2.dv, dcost: m1.dcost + m2.dcost });
    }
    st.move(m1.c, from1);
  }
  pairs.sort((x, y) => x.dv - y.dv || x.dcost - y.dcost);
  for (const { m1, m2 } of pairs.slice(0, 200)) {
    const from1 = st.sectorOf[m1.c];
    if (contiguity && !st.finder.staysConnectedWithout(st.sectorOf, m1.c, st.inst.baseCommune[from1])) continue;
    st.move(m1.c, m1.to);
    const from2 = st.sectorOf[m2.c];
    if (!contiguity || st.finder.staysConnectedWithout(st.sectorOf, m2.c, st.inst.baseCommune[from2])) { st.move(m2.c, m2.to); return m2; }
    st.move(m1.c, from1);
  }
  return null;
}

/** Phase 4: cost-lowering boundary moves that keep both sectors' violation from growing. */
function improve(st: State, contiguity: boolean, deadline: number): number {
  let moves = 0;
  for (let pass = 0; pass < 20 && Date.now() < deadline; pass++) {
    let passMoves = 0;
    for (const a of st.p.freeSectors) {
      const cands = boundaryMoves(st, a, false).filter((m) => m.dcost < -1e-9 && m.dv <= 1e-12);
      cands.sort((x, y) => x.dcost - y.dcost);
      for (const m of cands) {
        if (st.sectorOf[m.c] !== a) continue;
        const dv = st.violation(a, m.c, -1) + st.violation(m.to, m.c, 1) - st.violation(a) - st.violation(m.to);
        if (dv > 1e-12) continue;
        if (contiguity && !st.finder.staysConnectedWithout(st.sectorOf, m.c, st.inst.baseCommune[a])) continue;
        st.move(m.c, m.to);
        passMoves++;
      }
      if (Date.now() >= deadline) break;
    }
    moves += passMoves;
    if (passMoves === 0) break;
  }
  return moves;
}

export function solveSectorsHeuristic(inst: SectorInstance, opts: HeuristicOptions): HeuristicSolution {
  checkBalanceOptions(inst, opts);
  const t0 = Date.now();
  const deadline = t0 + (opts.timeLimitSec ?? 45) * 1000;
  const p = prepare(inst, opts);
  const contiguity = opts.contiguity !== false;
  const band = (mean: number, tol: number) => ({ lower: (1 - tol) * mean, upper: (1 + tol) * mean });
  const criteria: Criterion[] = [{ values: inst.workload, ...band(p.workloadMean, opts.toleranceRatio) }];
  if (opts.potentialToleranceRatio !== undefined && inst.potential && p.potentialMean > 0) {
    criteria.push({ values: inst.potential, ...band(p.potentialMean, opts.potentialToleranceRatio) });
  }
  // Prices aim inside the band so that the repair phases have room; if the plan still ends outside the band, aim
  // narrower (chains of moves through full sectors are what fails). Every run's Lagrangian bound is valid: keep the best.
  const finder = new PieceFinder(inst.adjacency);
  let bound = -Infinity;
  let iterations = 0;
  let best: { st: State; balanced: boolean; objective: number; moves: number } | null = null;
  for (const aimRatio of opts.aimRatios ?? [0.9, 0.7, 0.5]) {
    const lag = lagrangian(inst, p, criteria, opts.lagrangianIterations ?? 150, aimRatio);
    bound = Math.max(bound, lag.bound);
    iterations += lag.iterations;
    const st = new State(inst, p, criteria, Int32Array.from(lag.sectorOf), finder);
    let moves = repairContiguity(st, contiguity);
    moves += rebalance(st, contiguity, deadline);
    moves += improve(st, contiguity, deadline);
    const balanced = p.freeSectors.every((s) => st.violation(s) < 1e-9);
    const objective = evaluate(inst, p, st.sectorOf, opts.current).objective;
    if (!best || (balanced && !best.balanced) || (balanced === best.balanced && objective < best.objective)) best = { st, balanced, objective, moves };
    if (balanced || Date.now() >= deadline) break;
  }
  const { st, balanced, moves: movesCount } = best!;
  const e = evaluate(inst, p, st.sectorOf, opts.current);
  const contiguous = !contiguity || p.freeSectors.every((s) => finder.pieces(st.sectorOf, s, [...st.members[s]], inst.baseCommune[s]).pieceCount <= 1);
  const lowerBound = Math.min(bound, e.objective);
  return {
    status: 'heuristic', sectorOf: st.sectorOf, objective: e.objective, lowerBound,
    gapRatio: e.objective > 0 ? (e.objective - lowerBound) / e.objective : 0,
    movedCount: e.movedCount, maxDeviationRatio: e.maxDeviationRatio, potentialMaxDeviationRatio: e.potentialMaxDeviationRatio,
    balanced, contiguous, lagrangianIterations: iterations, movesCount, seconds: (Date.now() - t0) / 1000,
  };
}
