/**
 * Input checks shared by the trade-area functions, and the one time transform every model uses, so Huff and its
 * calibrations read drive times the same way. Throws AreaInputError (English code, field, French message).
 */
import { AreaInputError, PARAM_BOUNDS, type Decay, type StoreTimes, type ObservedFlows } from './types.js';
import { areasText } from '../../messages/areas.js';

/** Default floor (minutes) of the power decay: a store at 0 s counts as 1 min away, not infinitely attractive. */
export const DEFAULT_MIN_TIME_MIN = 1;

/**
 * The decay's regressor x(t) with f(t) = exp(−λ·x): power → x = ln(max(t, minTimeMin)), exponential → x = t,
 * t in minutes. NaN stays NaN (unreachable).
 */
export function decayRegressor(timeSec: number, kind: Decay['kind'], minTimeMin = DEFAULT_MIN_TIME_MIN): number {
  const tMin = timeSec / 60;
  return kind === 'power' ? Math.log(tMin > minTimeMin ? tMin : minTimeMin) : tMin;
}

export function lambdaBounds(kind: Decay['kind']): readonly [number, number] {
  return kind === 'power' ? PARAM_BOUNDS.powerLambda : PARAM_BOUNDS.expLambda;
}

export function checkParam(field: string, value: number, [lo, hi]: readonly [number, number]): void {
  if (!(value >= lo && value <= hi)) throw new AreaInputError('PARAM_OUT_OF_BOUNDS', field, areasText.paramOutOfBounds(field, value, lo, hi));
}

export function checkLength(field: string, got: number, expected: number): void {
  if (got !== expected) throw new AreaInputError('BAD_INPUT', field, areasText.sizeMismatch(field, expected, got));
}

export function checkTimes(times: StoreTimes): void {
  if (!Number.isInteger(times.storeCount) || !Number.isInteger(times.communeCount) || times.storeCount < 0 || times.communeCount < 0) {
    throw new AreaInputError('BAD_INPUT', 'times', areasText.sizeMismatch('times', 0, -1));
  }
  checkLength('times.sec', times.sec.length, times.storeCount * times.communeCount);
}

/** Attractiveness must be finite and > 0 (it enters as ln A). */
export function checkAttractiveness(attractiveness: Float64Array, storeCount: number): void {
  checkLength('attractiveness', attractiveness.length, storeCount);
  for (let s = 0; s < storeCount; s++) {
    const a = attractiveness[s];
    if (!(a > 0 && a < Infinity)) throw new AreaInputError('BAD_INPUT', 'attractiveness', areasText.badAttractiveness(s));
  }
}

export function checkFlows(obs: ObservedFlows, storeCount: number, communeCount: number): void {
  const n = obs.count.length;
  checkLength('obs.store', obs.store.length, n);
  checkLength('obs.commune', obs.commune.length, n);
  for (let i = 0; i < n; i++) {
    if (obs.store[i] < 0 || obs.store[i] >= storeCount) throw new AreaInputError('BAD_INPUT', 'obs.store', areasText.indexOutOfRange('obs.store', obs.store[i], storeCount));
    if (obs.commune[i] < 0 || obs.commune[i] >= communeCount) throw new AreaInputError('BAD_INPUT', 'obs.commune', areasText.indexOutOfRange('obs.commune', obs.commune[i], communeCount));
    if (!(obs.count[i] >= 0 && obs.count[i] < Infinity)) throw new AreaInputError('BAD_INPUT', 'obs.count', areasText.badCount(i));
  }
}
