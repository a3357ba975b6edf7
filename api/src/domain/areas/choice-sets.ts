/**
 * What both calibrations fit on: the observed communes, each with its choice set (the choice stores reachable from
 * it) as compact pair arrays, built once from the flat time table. Observations are first aggregated to
 * (store, commune) pairs, so 100,000 customer rows cost one Map pass.
 */
import { AreaInputError, type CalibrationOptions, type Decay, type ObservedFlows, type StoreTimes } from './types.js';
import { areasText } from '../../messages/areas.js';
import { checkAttractiveness, checkFlows, checkLength, checkTimes, decayRegressor } from './check.js';

export interface ChoiceData {
  /** communes with included observations, and their pairs [offset[k], offset[k+1]) */
  commune: Int32Array;
  offset: Int32Array;
  store: Int32Array;
  /** ln A of the pair's store, decay regressor x(t) (ln t or t, minutes), observed count (0 if none) */
  logA: Float64Array;
  x: Float64Array;
  n: Float64Array;
  /** observed total per listed commune */
  total: Float64Array;
  includedCount: number;
  excludedCount: number;
}

export function buildChoiceData(times: StoreTimes, attractiveness: Float64Array, obs: ObservedFlows,
  kind: Decay['kind'], opts: CalibrationOptions = {}): ChoiceData {
  checkTimes(times);
  const { storeCount: S, communeCount: C, sec } = times;
  checkAttractiveness(attractiveness, S);
  checkFlows(obs, S, C);
  if (opts.choiceSet) checkLength('choiceSet', opts.choiceSet.length, S);
  if (opts.own) checkLength('own', opts.own.length, S);

  const pairCount = new Map<number, number>(); // key commune·S + store
  const storeSeen = new Uint8Array(S);
  for (let i = 0; i < obs.count.length; i++) {
    const v = obs.count[i];
    if (v === 0) continue;
    const key = obs.commune[i] * S + obs.store[i];
    pairCount.set(key, (pairCount.get(key) ?? 0) + v);
    storeSeen[obs.store[i]] = 1;
  }
  const choice = opts.choiceSet ?? storeSeen;
  const choiceStores: number[] = [];
  for (let s = 0; s < S; s++) if (choice[s]) choiceStores.push(s);

  // Aggregated pairs sorted by commune, then one scratch row per commune: no Map lookup per (commune, store).
  const keys = Float64Array.from(pairCount.keys()).sort();
  const scratch = new Float64Array(S);
  const logA = new Float64Array(S);
  for (const s of choiceStores) logA[s] = Math.log(attractiveness[s]);
  const storeL: number[] = []; const logAL: number[] = []; const xL: number[] = []; const nL: number[] = [];
  const communeL: number[] = []; const offsetL: number[] = [0]; const totalL: number[] = [];
  let included = 0; let excluded = 0;
  for (let i = 0; i < keys.length;) {
    const c = Math.floor(keys[i] / S);
    let observedHere = 0;
    const first = i;
    for (; i < keys.length && Math.floor(keys[i] / S) === c; i++) {
      const v = pairCount.get(keys[i])!;
      scratch[keys[i] - c * S] = v;
      observedHere += v;
    }
    let total = 0;
    const start = storeL.length;
    for (const s of choiceStores) {
      const t = sec[s * C + c];
      if (t !== t) continue;
      const n = scratch[s];
      storeL.push(s); logAL.push(logA[s]); xL.push(decayRegressor(t, kind, opts.minTimeMin)); nL.push(n);
      total += n;
    }
    for (let j = first; j < i; j++) scratch[keys[j] - c * S] = 0;
    excluded += observedHere - total;
    if (total > 0) { communeL.push(c); offsetL.push(storeL.length); totalL.push(total); included += total; }
    else { storeL.length = start; logAL.length = start; xL.length = start; nL.length = start; }
  }
  return {
    commune: Int32Array.from(communeL), offset: Int32Array.from(offsetL), store: Int32Array.from(storeL),
    logA: Float64Array.from(logAL), x: Float64Array.from(xL), n: Float64Array.from(nL), total: Float64Array.from(totalL),
    includedCount: included, excludedCount: excluded,
  };
}

/** Minimum observed pairs (obs > 0) in communes with at least two choices, for two parameters. */
export const MIN_PAIRS = 5;

export function tooFewPairs(n: number): AreaInputError {
  return new AreaInputError('TOO_FEW_PAIRS', 'obs', areasText.tooFewPairs(n, MIN_PAIRS));
}
