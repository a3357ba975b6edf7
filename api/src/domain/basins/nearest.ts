/**
 * Drive-time basins: every commune to its nearest actor (areas' exclusiveAreas, the network Voronoi; ties go to the
 * lowest actor index, and are counted here), with the population per actor and the population beyond given times
 * (default 30 and 45 min: the maternity question). Communes with no actor within the cut-off are "unreached";
 * they are counted beyond every threshold (each threshold ≤ the cut-off).
 */
import { exclusiveAreas, type StoreTimes } from '../areas/index.js';
import { BasinInputError } from './types.js';
import { basinsText } from '../../messages/basins.js';

export interface NearestActorBasins {
  /** actor index per commune, -1 = none within the cut-off */
  actorOfCommune: Int32Array;
  /** seconds to that actor, NaN = none within the cut-off */
  timeSec: Float32Array;
  perActor: { communeCount: number; populationCount: number }[];
  /** communes whose nearest time is shared by two actors or more (assigned to the lowest index) */
  tiedCommunes: number[];
  unreachedCommuneCount: number;
  unreachedPopulationCount: number;
  beyond: { thresholdSec: number; communeCount: number; populationCount: number; shareRatio: number }[];
}

/** Each commune's nearest actor (-1 none within the cut-off), its time (s, NaN none) and whether another actor ties. */
export interface NearestAssignment { actorOfCommune: Int32Array; timeSec: Float32Array; tied: Uint8Array }

function checkNearestOptions(communeCount: number, population: Float64Array, opts: { cutoffSec: number; thresholdsSec?: number[] }): number[] {
  const { cutoffSec } = opts;
  const thresholdsSec = opts.thresholdsSec ?? [1800, 2700];
  if (!(cutoffSec > 0 && cutoffSec <= 180 * 60)) throw new BasinInputError('CATCHMENT_OUT_OF_RANGE', 'cutoffSec', basinsText.catchmentOutOfRange(cutoffSec / 60));
  for (const t of thresholdsSec) {
    if (!(t > 0 && t <= cutoffSec)) throw new BasinInputError('BAD_INPUT', 'thresholdsSec', basinsText.badThresholdTime(t / 60, cutoffSec / 60));
  }
  if (population.length !== communeCount) {
    throw new BasinInputError('BAD_INPUT', 'population', basinsText.sizeMismatch('population', communeCount, population.length));
  }
  return thresholdsSec;
}

/** From a dense actor × commune table (areas' StoreTimes): the network Voronoi of exclusiveAreas, ties counted. */
export function nearestActorBasins(times: StoreTimes, population: Float64Array, opts: { cutoffSec: number; thresholdsSec?: number[] }): NearestActorBasins {
  checkNearestOptions(times.communeCount, population, opts);
  const { storeOfCommune: actorOfCommune, timeSec } = exclusiveAreas(times, opts.cutoffSec);
  const { storeCount: S, communeCount: C, sec } = times;
  // ties: another actor at exactly the winning time
  const hits = new Uint8Array(C);
  for (let s = 0; s < S; s++) {
    const off = s * C;
    for (let c = 0; c < C; c++) if (sec[off + c] === timeSec[c] && hits[c] < 2) hits[c]++;
  }
  const tied = Uint8Array.from(hits, (h) => (h > 1 ? 1 : 0));
  return summarizeNearest({ actorOfCommune, timeSec, tied }, S, population, opts);
}

/**
 * Basin figures of an assignment (from the dense table above or from a multi-source search): communes and
 * population per actor, ties, unreached communes, population beyond each threshold.
 */
export function summarizeNearest(assign: NearestAssignment, actorCount: number, population: Float64Array, opts: { cutoffSec: number; thresholdsSec?: number[] }): NearestActorBasins {
  const { actorOfCommune, timeSec, tied } = assign;
  const C = actorOfCommune.length;
  const thresholdsSec = checkNearestOptions(C, population, opts);
  const tiedCommunes: number[] = [];
  const perActor = Array.from({ length: actorCount }, () => ({ communeCount: 0, populationCount: 0 }));
  let total = 0;
  let unreachedCommuneCount = 0;
  let unreachedPopulationCount = 0;
  const beyond = thresholdsSec.map((thresholdSec) => ({ thresholdSec, communeCount: 0, populationCount: 0, shareRatio: 0 }));
  for (let c = 0; c < C; c++) {
    const p = population[c];
    total += p;
    const a = actorOfCommune[c];
    if (a >= 0 && tied[c]) tiedCommunes.push(c);
    if (a < 0) { unreachedCommuneCount++; unreachedPopulationCount += p; } else { perActor[a].communeCount++; perActor[a].populationCount += p; }
    for (const b of beyond) if (a < 0 || timeSec[c] > b.thresholdSec) { b.communeCount++; b.populationCount += p; }
  }
  for (const b of beyond) b.shareRatio = total > 0 ? b.populationCount / total : 0;
  return { actorOfCommune, timeSec, perActor, tiedCommunes, unreachedCommuneCount, unreachedPopulationCount, beyond };
}
