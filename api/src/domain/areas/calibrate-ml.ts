/**
 * Maximum-likelihood calibration of Huff's γ and λ: the multinomial (conditional logit) likelihood of the observed
 * customers, each choosing one store of its commune's choice set (McFadden 1974; Huff's model is this logit with
 * utility u_ij = γ ln A_j − λ x_ij, x = ln t for the power decay, t in minutes for the exponential one):
 *
 *   LL(γ, λ) = Σ_i Σ_j n_ij ln P_ij
 *
 * LL is concave in (γ, λ) (utility linear in the parameters), so Newton's method with the analytic 2×2 Hessian,
 * step halving and clamping to PARAM_BOUNDS converges in a handful of iterations. Unlike MCI, stores a commune did
 * not choose (n_ij = 0) count. Fit statistics: LL, McFadden's pseudo-R² = 1 − LL / LL0 with LL0 the likelihood of
 * equal probabilities over each commune's choice set.
 *
 * Inputs as calibrateMci (see calibrate-mci.ts); start = first (γ, λ) (default γ = 1, λ = 1.5 power / 0.1 exp).
 * Errors: TOO_FEW_PAIRS, SINGULAR_DESIGN; constant attractiveness → γ = 1, gammaFixed (γ cancels out).
 */
import { AreaInputError, PARAM_BOUNDS, type CalibrationFit, type CalibrationOptions, type Decay, type ObservedFlows, type StoreTimes } from './types.js';
import { areasText } from '../../messages/areas.js';
import { lambdaBounds } from './check.js';
import { buildChoiceData, MIN_PAIRS, tooFewPairs, type ChoiceData } from './choice-sets.js';
import { fitReport } from './fit-report.js';
import { fitWarnings } from './fit-warnings.js';

const MAX_ITERATIONS = 100;

interface Eval { ll: number; gG: number; gL: number; hGG: number; hGL: number; hLL: number }

/** LL, gradient and Hessian at (γ, λ) in one pass over the pairs. */
function evaluate(d: ChoiceData, gamma: number, lambda: number): Eval {
  let ll = 0, gG = 0, gL = 0, hGG = 0, hGL = 0, hLL = 0;
  for (let i = 0; i < d.commune.length; i++) {
    const from = d.offset[i]; const to = d.offset[i + 1];
    if (to - from < 2) continue; // one choice: P = 1, no information
    let max = -Infinity;
    for (let k = from; k < to; k++) { const u = gamma * d.logA[k] - lambda * d.x[k]; if (u > max) max = u; }
    let sum = 0, ea = 0, ex = 0, eaa = 0, exx = 0, eax = 0, na = 0, nx = 0, nu = 0;
    for (let k = from; k < to; k++) {
      const a = d.logA[k]; const x = d.x[k]; const u = gamma * a - lambda * x;
      const w = Math.exp(u - max);
      sum += w; ea += w * a; ex += w * x; eaa += w * a * a; exx += w * x * x; eax += w * a * x;
      const n = d.n[k];
      if (n > 0) { na += n * a; nx += n * x; nu += n * u; }
    }
    ea /= sum; ex /= sum; eaa /= sum; exx /= sum; eax /= sum;
    const N = d.total[i];
    ll += nu - N * (max + Math.log(sum));
    gG += na - N * ea;
    gL -= nx - N * ex;
    hGG -= N * (eaa - ea * ea);
    hLL -= N * (exx - ex * ex);
    hGL += N * (eax - ea * ex);
  }
  return { ll, gG, gL, hGG, hGL, hLL };
}

export function calibrateMl(times: StoreTimes, attractiveness: Float64Array, obs: ObservedFlows, decayKind: Decay['kind'],
  start?: { gamma: number; lambda: number }, opts: CalibrationOptions = {}): CalibrationFit {
  const d = buildChoiceData(times, attractiveness, obs, decayKind, opts);
  // Usable pairs, LL0 and the spread of the regressors (identification).
  let pairs = 0, ll0 = 0, saa = 0, sxx = 0, sax = 0, scaleA = 0, scaleX = 0;
  for (let i = 0; i < d.commune.length; i++) {
    const from = d.offset[i]; const to = d.offset[i + 1]; const m = to - from;
    if (m < 2) continue;
    let ma = 0, mx = 0;
    for (let k = from; k < to; k++) { ma += d.logA[k]; mx += d.x[k]; if (d.n[k] > 0) pairs++; }
    ma /= m; mx /= m;
    for (let k = from; k < to; k++) {
      saa += (d.logA[k] - ma) ** 2; sxx += (d.x[k] - mx) ** 2; sax += (d.logA[k] - ma) * (d.x[k] - mx); scaleA += d.logA[k] ** 2; scaleX += d.x[k] ** 2;
    }
    ll0 -= d.total[i] * Math.log(m);
  }
  if (pairs < MIN_PAIRS) throw tooFewPairs(pairs);
  if (!(sxx > 1e-10 * (scaleX + 1))) throw new AreaInputError('SINGULAR_DESIGN', 'times', areasText.singularDesign(areasText.constantTime));
  const gammaFixed = !(saa > 1e-10 * (scaleA + 1));
  if (!gammaFixed && !(saa * sxx - sax * sax > 1e-10 * saa * sxx)) {
    throw new AreaInputError('SINGULAR_DESIGN', 'attractiveness', areasText.singularDesign(areasText.collinear));
  }

  const [gLo, gHi] = PARAM_BOUNDS.gamma;
  const [lLo, lHi] = lambdaBounds(decayKind);
  const clampG = (g: number) => Math.min(gHi, Math.max(gLo, g));
  const clampL = (l: number) => Math.min(lHi, Math.max(lLo, l));
  let gamma = gammaFixed ? 1 : clampG(start?.gamma ?? 1);
  let lambda = clampL(start?.lambda ?? (decayKind === 'power' ? 1.5 : 0.1));
  let e = evaluate(d, gamma, lambda);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    // Newton direction −H⁻¹g; γ held when fixed or when it sits on a bound the gradient pushes against.
    const holdG = gammaFixed || (gamma <= gLo && e.gG < 0) || (gamma >= gHi && e.gG > 0);
    const holdL = (lambda <= lLo && e.gL < 0) || (lambda >= lHi && e.gL > 0);
    let dG = 0, dL = 0;
    const det = e.hGG * e.hLL - e.hGL * e.hGL;
    if (!holdG && !holdL && det > 1e-12 * e.hGG * e.hLL) {
      dG = -(e.hLL * e.gG - e.hGL * e.gL) / det;
      dL = -(e.hGG * e.gL - e.hGL * e.gG) / det;
    } else {
      // one parameter held, or probabilities saturated far from the optimum: per-parameter Newton steps
      if (!holdG && e.hGG < 0) dG = -e.gG / e.hGG;
      if (!holdL && e.hLL < 0) dL = -e.gL / e.hLL;
    }
    let step = 1; let moved = false;
    for (let h = 0; h < 40; h++, step /= 2) {
      const g2 = gammaFixed ? 1 : clampG(gamma + step * dG); const l2 = clampL(lambda + step * dL);
      const e2 = evaluate(d, g2, l2);
      if (e2.ll >= e.ll - 1e-12 * Math.abs(e.ll)) {
        moved = Math.abs(g2 - gamma) > 1e-10 * (1 + Math.abs(gamma)) || Math.abs(l2 - lambda) > 1e-10 * (1 + Math.abs(lambda));
        gamma = g2; lambda = l2; e = e2;
        break;
      }
    }
    if (!moved) break;
  }
  const atBound: ('gamma' | 'lambda')[] = [];
  if (!gammaFixed && (gamma <= gLo || gamma >= gHi)) atBound.push('gamma');
  if (lambda <= lLo || lambda >= lHi) atBound.push('lambda');
  const counts = { gammaFixed, atBound, includedCount: d.includedCount, excludedCount: d.excludedCount };
  return {
    method: 'ml', gamma, lambda, decayKind, logLikelihood: e.ll, pseudoR2: ll0 < 0 ? 1 - e.ll / ll0 : undefined,
    pairCount: pairs, iterations, ...counts, warnings: fitWarnings(counts, decayKind),
    ...fitReport(d, times.storeCount, times.communeCount, gamma, lambda, opts),
  };
}
