import { describe, expect, it } from 'vitest';
import { nearestActorBasins } from '../../../api/src/domain/basins/index.js';

// 3 actors × 4 communes, seconds (NaN = unreachable); population 100, 200, 300, 400
//          c0    c1    c2    c3
//   a0    600  2000  3000    —
//   a1    900  2000  1500    —
//   a2     —   2500  2800    —
const times = { storeCount: 3, communeCount: 4, sec: Float32Array.from([600, 2000, 3000, NaN, 900, 2000, 1500, NaN, NaN, 2500, 2800, NaN]) };
const population = Float64Array.from([100, 200, 300, 400]);

describe('nearest-actor basins', () => {
  it('assigns each commune to its nearest actor, says ties, unreached and the population beyond 30 / 45 min', () => {
    const r = nearestActorBasins(times, population, { cutoffSec: 3600 });
    expect([...r.actorOfCommune]).toEqual([0, 0, 1, -1]); // c1: a0 and a1 both at 2,000 s → lowest index, and said
    expect([...r.timeSec].slice(0, 3)).toEqual([600, 2000, 1500]);
    expect(r.tiedCommunes).toEqual([1]);
    expect(r.perActor).toEqual([{ communeCount: 2, populationCount: 300 }, { communeCount: 1, populationCount: 300 }, { communeCount: 0, populationCount: 0 }]);
    expect(r.unreachedCommuneCount).toBe(1);
    expect(r.unreachedPopulationCount).toBe(400);
    // beyond 30 min: c1 (2,000 s) + c3 (none) = 600 of 1,000; beyond 45 min: c3 only = 400
    expect(r.beyond).toEqual([
      { thresholdSec: 1800, communeCount: 2, populationCount: 600, shareRatio: 0.6 },
      { thresholdSec: 2700, communeCount: 1, populationCount: 400, shareRatio: 0.4 },
    ]);
  });

  it('a cut-off below a time leaves the commune unreached', () => {
    const r = nearestActorBasins(times, population, { cutoffSec: 1800, thresholdsSec: [1800] });
    expect([...r.actorOfCommune]).toEqual([0, -1, 1, -1]);
    expect(r.beyond[0].populationCount).toBe(600);
  });

  it('bad input: cut-off out of range, threshold above the cut-off', () => {
    expect(() => nearestActorBasins(times, population, { cutoffSec: 0 })).toThrow(expect.objectContaining({ code: 'CATCHMENT_OUT_OF_RANGE', field: 'cutoffSec' }));
    expect(() => nearestActorBasins(times, population, { cutoffSec: 1800 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'thresholdsSec' }));
  });
});
