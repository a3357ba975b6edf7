/**
 * Calibration of Huff's γ and λ by the Multiplicative Competitive Interaction model (Nakanishi & Cooper 1974,
 * "Parameter estimation for a multiplicative competitive interaction model — least squares approach", Journal of
 * Marketing Research 11(3)). Taking logs of P_ij = A_j^γ f(t_ij) / Σ_k … and centring over each commune's stores
 * (the log-centring transform) removes the denominator:
 *
 *   ln n_ij − mean_j ln n_ij = γ (ln A_j − mean ln A) − λ (x_ij − mean x_ij),   x = ln t (power) or t (exponential, min)
 *
 * then least squares without intercept on the two centred regressors (2×2 normal equations, solved by hand).
 * By default weighted least squares with weights n_ij (centring with the same weights): Var(ln n_ij) ≈ 1 / n_ij, so
 * this is the generalised-least-squares refinement of Nakanishi & Cooper (1982); plain OLS (opts.mciWeighting =
 * 'ols') underestimates γ and λ by ≈ 10 % on sampled customers (ln of small counts). Only pairs with n_ij > 0 can be
 * logged: communes need at least two observed stores; zero pairs are left out (the known weakness of MCI on sparse
 * data — the ML fit uses them). R² is that of the (weighted) centred regression.
 *
 * Inputs: times (seconds, NaN = unreachable), attractiveness A > 0 per store, obs (store, commune, count) rows,
 * decayKind; opts: choiceSet (default: stores with observations), own (residual = own share), minTimeMin.
 * Errors: TOO_FEW_PAIRS (< MIN_PAIRS usable pairs), SINGULAR_DESIGN (times constant, or collinear with A).
 * A constant attractiveness is not an error: γ is then unidentifiable (it cancels out), γ = 1, gammaFixed = true.
 */
import { AreaInputError, PARAM_BOUNDS, type CalibrationFit, type CalibrationOptions, type Decay, type ObservedFlows, type StoreTimes } from './types.js';
import { areasText } from '../../messages/areas.js';
import { lambdaBounds } from './check.js';
import { buildChoiceData, MIN_PAIRS, tooFewPairs } from './choice-sets.js';
import { fitReport } from './fit-report.js';
import { fitWarnings } from './fit-warnings.js';

/** Relative size under which a sum of squares counts as zero. */
const TINY = 1e-10;

export function calibrateMci(times: StoreTimes, attractiveness: Float64Array, obs: ObservedFlows, decayKind: Decay['kind'],
  opts: CalibrationOptions = {}): CalibrationFit {
  const d = buildChoiceData(times, attractiveness, obs, decayKind, opts);
  let saa = 0, sax = 0, sxx = 0, say = 0, sxy = 0, syy = 0, scaleA = 0, scaleX = 0;
  let pairs = 0;
  let pairCustomers = 0;
  const weighted = opts.mciWeighting !== 'ols';
  for (let i = 0; i < d.commune.length; i++) {
    const from = d.offset[i]; const to = d.offset[i + 1];
    let m = 0, sw = 0, ma = 0, mx = 0, my = 0;
    for (let k = from; k < to; k++) {
      const n = d.n[k];
      if (!(n > 0)) continue;
      const w = weighted ? n : 1;
      m++; sw += w; ma += w * d.logA[k]; mx += w * d.x[k]; my += w * Math.log(n);
    }
    if (m < 2) continue;
    ma /= sw; mx /= sw; my /= sw;
    pairs += m;
    for (let k = from; k < to; k++) if (d.n[k] > 0) pairCustomers += d.n[k];
    for (let k = from; k < to; k++) {
      const n = d.n[k];
      if (!(n > 0)) continue;
      const w = weighted ? n : 1;
      const a = d.logA[k] - ma; const x = d.x[k] - mx; const y = Math.log(n) - my;
      saa += w * a * a; sax += w * a * x; sxx += w * x * x; say += w * a * y; sxy += w * x * y; syy += w * y * y;
      scaleA += w * d.logA[k] * d.logA[k]; scaleX += w * d.x[k] * d.x[k];
    }
  }
  if (pairs < MIN_PAIRS) throw tooFewPairs(pairs);
  if (!(sxx > TINY * (scaleX + 1))) throw new AreaInputError('SINGULAR_DESIGN', 'times', areasText.singularDesign(areasText.constantTime));
  const gammaFixed = !(saa > TINY * (scaleA + 1));
  let gamma: number; let beta: number;
  if (gammaFixed) {
    gamma = 1; beta = (sxy - sax) / sxx; // y − 1·a regressed on x (a is centred to 0 anyway)
  } else {
    const det = saa * sxx - sax * sax;
    if (!(det > TINY * saa * sxx)) throw new AreaInputError('SINGULAR_DESIGN', 'attractiveness', areasText.singularDesign(areasText.collinear));
    gamma = (say * sxx - sxy * sax) / det;
    beta = (sxy * saa - say * sax) / det;
  }
  const ssr = syy - 2 * (gamma * say + beta * sxy) + gamma * gamma * saa + 2 * gamma * beta * sax + beta * beta * sxx;
  const r2 = syy > 0 ? 1 - ssr / syy : 1;
  const atBound: ('gamma' | 'lambda')[] = [];
  const clamp = (name: 'gamma' | 'lambda', v: number, [lo, hi]: readonly [number, number]) => {
    if (v < lo || v > hi) { atBound.push(name); return v < lo ? lo : hi; }
    return v;
  };
  gamma = gammaFixed ? 1 : clamp('gamma', gamma, PARAM_BOUNDS.gamma);
  const lambda = clamp('lambda', -beta, lambdaBounds(decayKind));
  const counts = { gammaFixed, atBound, includedCount: d.includedCount, excludedCount: d.excludedCount };
  return {
    method: 'mci', gamma, lambda, decayKind, r2, pairCount: pairs, ...counts,
    warnings: fitWarnings(counts, decayKind, pairCustomers / pairs),
    ...fitReport(d, times.storeCount, times.communeCount, gamma, lambda, opts),
  };
}
