/**
 * Lagrangian relaxation of the balance constraints (the first phase of the national heuristic). Pricing each free
 * sector's workload (and potential) with multipliers μ⁺ (upper bound) and μ⁻ (lower bound) splits the problem by
 * commune: each goes to argmin_s cost[c,s] + (μ⁺_s − μ⁻_s)·workload[c]. The dual value
 *   L(μ) = Σ_c min_s (…) − Σ_s μ⁺_s·upper + Σ_s μ⁻_s·lower
 * is a lower bound on the balanced assignment without contiguity, hence on the full problem; its maximum equals the
 * bound of the LP relaxation of that assignment (the subproblem has the integrality property). Subgradient steps
 * (Polyak, target = best bound + 5 %, halved after 15 iterations without progress).
 */
import type { SectorInstance } from './types.js';
import type { Prepared } from './prepare.js';

export interface Criterion { values: Float64Array; lower: number; upper: number }

export interface LagrangianResult {
  /** best dual value found: a lower bound on the objective */
  bound: number;
  /** the priced assignment with the least balance violation */
  sectorOf: Int32Array;
  violation: number;
  iterations: number;
}

/** Σ over free sectors and criteria of the relative distance of each load to its band. */
export function violationOf(loads: Float64Array[], criteria: Criterion[], freeSectors: number[]): number {
  let v = 0;
  criteria.forEach((cr, q) => {
    const scale = (cr.lower + cr.upper) / 2;
    for (const s of freeSectors) v += (Math.max(0, loads[q][s] - cr.upper) + Math.max(0, cr.lower - loads[q][s])) / scale;
  });
  return v;
}

/**
 * `aimRatio` < 1 steers the prices towards a band narrower than the tolerance (its half-width times aimRatio); the
 * dual value, hence the bound, always uses the true band, so it stays valid.
 */
export function lagrangian(inst: SectorInstance, p: Prepared, criteria: Criterion[], iterations: number, aimRatio = 1): LagrangianResult {
  const aim = criteria.map((cr) => { const mid = (cr.lower + cr.upper) / 2; const half = (aimRatio * (cr.upper - cr.lower)) / 2; return { lower: mid - half, upper: mid + half }; });
  const { n, k, cost, fixedSector, freeSectors } = p;
  const muUp = criteria.map(() => new Float64Array(k));
  const muDown = criteria.map(() => new Float64Array(k));
  const price = new Float64Array(k * criteria.length);
  const loads = criteria.map(() => new Float64Array(k));
  const sectorOf = new Int32Array(n);
  let best: LagrangianResult = { bound: -Infinity, sectorOf: new Int32Array(n), violation: Infinity, iterations: 0 };
  let theta = 1;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    let dual = 0;
    for (const l of loads) l.fill(0);
    for (let c = 0; c < n; c++) {
      let bestS = fixedSector[c];
      let bestV = bestS >= 0 ? cost[c * k + bestS] : Infinity;
      if (bestS < 0) {
        for (let s = 0; s < k; s++) {
          const base = cost[c * k + s];
          if (Number.isNaN(base)) continue;
          let v = base;
          for (let q = 0; q < criteria.length; q++) v += price[q * k + s] * criteria[q].values[c];
          if (v < bestV) { bestV = v; bestS = s; }
        }
      } else for (let q = 0; q < criteria.length; q++) bestV += price[q * k + bestS] * criteria[q].values[c];
      sectorOf[c] = bestS;
      dual += bestV;
      for (let q = 0; q < criteria.length; q++) loads[q][bestS] += criteria[q].values[c];
    }
    let norm = 0;
    criteria.forEach((cr, q) => {
      for (const s of freeSectors) {
        dual += -muUp[q][s] * cr.upper + muDown[q][s] * cr.lower;
        const gUp = loads[q][s] - aim[q].upper;
        const gDown = aim[q].lower - loads[q][s];
        if (gUp > 0 || muUp[q][s] > 0) norm += gUp * gUp;
        if (gDown > 0 || muDown[q][s] > 0) norm += gDown * gDown;
      }
    });
    const violation = violationOf(loads, criteria, freeSectors);
    if (dual > best.bound + 1e-9 * Math.abs(dual)) { best.bound = dual; stall = 0; } else if (++stall >= 15) { theta /= 2; stall = 0; }
    if (violation < best.violation) { best.violation = violation; best.sectorOf.set(sectorOf); }
    best.iterations = it + 1;
    if (norm === 0 || theta < 1e-4) break;
    const target = best.bound + 0.05 * Math.abs(best.bound) + 1e-9;
    const step = (theta * (target - dual)) / norm;
    criteria.forEach((_, q) => {
      for (const s of freeSectors) {
        muUp[q][s] = Math.max(0, muUp[q][s] + step * (loads[q][s] - aim[q].upper));
        muDown[q][s] = Math.max(0, muDown[q][s] + step * (aim[q].lower - loads[q][s]));
        price[q * k + s] = muUp[q][s] - muDown[q][s];
      }
    });
  }
  return best;
}
