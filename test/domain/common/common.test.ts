import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../api/src/domain/common/random.js';
import { EARTH_RADIUS_M, haversineM } from '../../../api/src/domain/common/geo.js';
import { seededRandom as routingSeededRandom } from '../../../api/src/domain/routing/index.js';
import { crowFlyDistanceM } from '../../../api/src/domain/health/gravity.js';

describe('seededRandom (the one seeded generator)', () => {
  it('gives the mulberry32 stream the committed synthetic data was drawn from', () => {
    // data/demo/crm-synthetique.csv.gz was generated from seed 20261122: these draws must never change.
    const rand = seededRandom(20261122);
    expect([rand(), rand(), rand()]).toEqual([0.8369944463483989, 0.10530598578043282, 0.0031693943310528994]);
    const one = seededRandom(1);
    expect([one(), one()]).toEqual([0.6270739405881613, 0.002735721180215478]);
  });

  it('is the one the routing engine re-exports', () => {
    const a = seededRandom(7);
    const b = routingSeededRandom(7);
    for (let i = 0; i < 1000; i++) expect(b()).toBe(a());
  });
});

describe('haversineM (the one great-circle distance)', () => {
  it('measures Paris – Lyon as the crow flies and a degree of meridian', () => {
    expect(Math.round(haversineM(2.3522, 48.8566, 4.8357, 45.764) / 1000)).toBe(391);
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 6);
    expect(haversineM(7.42, 43.74, 7.42, 43.74)).toBe(0);
  });

  it('is the crow-fly distance of the gravity model', () => {
    expect(crowFlyDistanceM(-4.49, 48.39, 7.75, 48.58)).toBe(haversineM(-4.49, 48.39, 7.75, 48.58));
  });
});
