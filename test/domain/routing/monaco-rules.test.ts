import { describe, expect, it } from 'vitest';
import { routeBetween, type LonLat, type RoadWay } from '../../../api/src/domain/routing/index.js';
import { readOsmPbf } from '../../../api/src/domain/routing/ingest/osm-pbf.js';
import { join } from 'node:path';
import { SHARED_ROADS, fixtureNetwork, hasSharedRoads } from './fixtures.js';

/** Points at 20 % and 80 % of the longest one-way way of that name, in its legal direction. */
function alongOneway(ways: RoadWay[], name: string): { legal: [LonLat, LonLat]; way: RoadWay } {
  const way = ways.filter((w) => w.name === name && w.oneway !== 0).sort((a, b) => b.vertexKeys.length - a.vertexKeys.length)[0];
  expect(way, `a one-way way named ${name} in the Monaco fixture`).toBeDefined();
  const n = way.vertexKeys.length;
  const i = Math.floor(n * 0.2);
  const j = Math.max(i + 1, Math.floor(n * 0.8));
  const a: LonLat = [way.coords[2 * i], way.coords[2 * i + 1]];
  const b: LonLat = [way.coords[2 * j], way.coords[2 * j + 1]];
  return { legal: way.oneway === 1 ? [a, b] : [b, a], way };
}

// OSM ways of the 2016 Monaco extract closed to cars (node ids from the .osm.pbf)
const PLACE_DU_CASINO_PRIVATE = [21913117, 1204288436, 25240073, 1737146995, 21913159, 25240075]; // way 4229658, access=private
const TETE_DE_CHIEN_NO = [1781471963, 1781471962, 1781471951, 1781471930, 1781471847]; // way 27192682, access=no (first nodes)
const PLACE_DE_L_OPERA_PERMISSIVE = [25239182, 1737272391, 1079750278]; // way 93137627, access=private but motor_vehicle=permissive

function hasConsecutive(ways: RoadWay[], refs: number[]): boolean {
  return ways.some((w) => w.vertexKeys.some((k, i) => k === refs[0] && (w.vertexKeys[i + 1] === refs[1] || w.vertexKeys[i - 1] === refs[1])));
}

describe('one-way streets of Monaco', () => {
  const { ways, network } = fixtureNetwork('monaco');
  it.each([
    'Rue Grimaldi', // primary, oneway=yes
    'Boulevard Albert 1er', // primary, oneway=yes (Port Hercule)
    'Avenue Princesse Grace', // primary, oneway=yes (Larvotto)
    'Avenue de la Costa', // secondary, oneway=yes
    'Voie Romaine', // residential, oneway=-1 (drawn against traffic)
  ])('%s: A→B follows the street, B→A must detour', (name) => {
    const { legal: [a, b], way } = alongOneway(ways, name);
    const forward = routeBetween(network, a, b)!;
    const backward = routeBetween(network, b, a)!;
    expect(forward).not.toBeNull();
    expect(backward).not.toBeNull();
    // the legal direction is about the street's own length at its speed (points lie on the road)
    expect(forward.durationSec).toBeCloseTo(forward.distanceM / (way.speedKmh / 3.6), -1);
    expect(backward.distanceM).toBeGreaterThan(forward.distanceM * 1.4);
    expect(backward.durationSec).toBeGreaterThan(forward.durationSec + 5);
  });

  it('keeps a roundabout one-way (Rond-Point Sainte-Dévote is never driven anticlockwise)', () => {
    const roundabout = ways.filter((w) => w.name === 'Rond-Point Sainte-Dévote');
    expect(roundabout.length).toBeGreaterThan(0);
    expect(roundabout.every((w) => w.oneway === 1)).toBe(true);
  });
});

describe('access restrictions in Monaco', () => {
  const { ways } = fixtureNetwork('monaco');
  it('drops ways closed to cars (access=private / access=no) and keeps motor_vehicle=permissive', () => {
    expect(hasConsecutive(ways, PLACE_DU_CASINO_PRIVATE)).toBe(false);
    expect(hasConsecutive(ways, TETE_DE_CHIEN_NO)).toBe(false);
    expect(hasConsecutive(ways, PLACE_DE_L_OPERA_PERMISSIVE)).toBe(true);
  });

  it.skipIf(!hasSharedRoads)('the same from a fresh import of the real monaco.osm.pbf (needs ../shared/data/roads)', async () => {
    const { ways: fresh, report } = await readOsmPbf(join(SHARED_ROADS, 'monaco.osm.pbf'));
    expect(report.carWayCount).toBeGreaterThan(1500);
    expect(report.osmTimestamp).toBe('2016-03-05T00:26:02.000Z');
    expect(hasConsecutive(fresh, PLACE_DU_CASINO_PRIVATE)).toBe(false);
    expect(hasConsecutive(fresh, TETE_DE_CHIEN_NO)).toBe(false);
    expect(hasConsecutive(fresh, PLACE_DE_L_OPERA_PERMISSIVE)).toBe(true);
    // the committed fixture is what the importer produces today
    expect(fresh.length).toBe(ways.length);
    expect(fresh.map((w) => w.oneway)).toEqual(ways.map((w) => w.oneway));
  });
});
