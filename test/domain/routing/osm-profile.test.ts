import { describe, expect, it } from 'vitest';
import { carSpeedKmh, carWayProfile, parseMaxspeedKmh } from '../../../api/src/domain/routing/ingest/osm-profile.js';
import { decodeRoadWays, encodeRoadWays } from '../../../api/src/domain/routing/ingest/road-ways-codec.js';
import { fixtureWays } from './fixtures.js';

describe('car profile of OSM ways', () => {
  it('keeps car classes, links as ramps, and drops paths, tracks (by default) and ferries (by default)', () => {
    expect(carWayProfile({ highway: 'motorway_link' })).toMatchObject({ roadClass: 'motorway', isRamp: true, oneway: 1 });
    expect(carWayProfile({ highway: 'living_street' })?.roadClass).toBe('living_street');
    expect(carWayProfile({ highway: 'road' })?.roadClass).toBe('unclassified');
    expect(carWayProfile({ highway: 'footway' })).toBeNull();
    expect(carWayProfile({ highway: 'cycleway' })).toBeNull();
    expect(carWayProfile({ highway: 'track' })).toBeNull();
    expect(carWayProfile({ highway: 'track' }, { includeTracks: true })?.roadClass).toBe('track');
    expect(carWayProfile({ route: 'ferry' })).toBeNull();
    expect(carWayProfile({ route: 'ferry', duration: '00:30' }, { includeFerries: true })).toMatchObject({ roadClass: 'ferry', ferryDurationSec: 1800 });
  });

  it('reads oneway, -1, roundabouts and implied motorway direction', () => {
    expect(carWayProfile({ highway: 'residential', oneway: 'yes' })?.oneway).toBe(1);
    expect(carWayProfile({ highway: 'residential', oneway: '-1' })?.oneway).toBe(-1);
    expect(carWayProfile({ highway: 'primary', junction: 'roundabout' })?.oneway).toBe(1);
    expect(carWayProfile({ highway: 'primary', junction: 'roundabout', oneway: 'no' })?.oneway).toBe(0);
    expect(carWayProfile({ highway: 'motorway' })?.oneway).toBe(1);
    expect(carWayProfile({ highway: 'motorway', oneway: 'no' })?.oneway).toBe(0);
    expect(carWayProfile({ highway: 'residential', oneway: 'reversible' })).toBeNull();
  });

  it('applies access / motor_vehicle / motorcar, most specific first', () => {
    expect(carWayProfile({ highway: 'service', access: 'private' })).toBeNull();
    expect(carWayProfile({ highway: 'service', access: 'no' })).toBeNull();
    expect(carWayProfile({ highway: 'tertiary', motor_vehicle: 'no' })).toBeNull();
    expect(carWayProfile({ highway: 'tertiary', motorcar: 'private' })).toBeNull();
    expect(carWayProfile({ highway: 'service', access: 'private', motor_vehicle: 'permissive' })).not.toBeNull();
    expect(carWayProfile({ highway: 'residential', access: 'destination' })).not.toBeNull();
    expect(carWayProfile({ highway: 'residential', access: 'no', motor_vehicle: 'yes' })).not.toBeNull();
  });

  it('parses maxspeed values and zone codes', () => {
    expect(parseMaxspeedKmh('50')).toBe(50);
    expect(parseMaxspeedKmh('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh('FR:urban')).toBe(50);
    expect(parseMaxspeedKmh('FR:rural')).toBe(80);
    expect(parseMaxspeedKmh('FR:zone30')).toBe(30);
    expect(parseMaxspeedKmh('FR:motorway')).toBe(130);
    expect(parseMaxspeedKmh('50;30')).toBe(50);
    expect(parseMaxspeedKmh('none')).toBeNull();
    expect(parseMaxspeedKmh('signals')).toBeNull();
    expect(parseMaxspeedKmh('0')).toBeNull();
  });

  it('uses class defaults by urban/rural context when maxspeed is missing, 85 % of maxspeed otherwise', () => {
    const primary = carWayProfile({ highway: 'primary' })!;
    expect(carSpeedKmh(primary, false, 1000)).toBe(80);
    expect(carSpeedKmh(primary, true, 1000)).toBe(45);
    expect(carSpeedKmh(carWayProfile({ highway: 'primary', maxspeed: '50' })!, false, 1000)).toBe(42.5);
    expect(carSpeedKmh(carWayProfile({ highway: 'motorway_link' })!, false, 1000)).toBe(60);
    expect(carWayProfile({ highway: 'primary', 'maxspeed:type': 'FR:urban' })?.taggedContext).toBe('urban');
    expect(carWayProfile({ highway: 'primary', 'source:maxspeed': 'FR:rural' })?.taggedContext).toBe('rural');
    // a ferry of 10 km in 30 min: 20 km/h
    expect(carSpeedKmh(carWayProfile({ route: 'ferry', duration: '0:30' }, { includeFerries: true })!, false, 10_000)).toBeCloseTo(20, 6);
  });
});

describe('compact road-ways codec', () => {
  it('round-trips a real fixture to 1e-6 degree', () => {
    const ways = fixtureWays('saint-barthelemy');
    const again = decodeRoadWays(JSON.parse(JSON.stringify(encodeRoadWays(ways))));
    expect(again.map((w) => w.vertexKeys)).toEqual(ways.map((w) => w.vertexKeys));
    expect(again.map((w) => [w.roadClass, w.speedKmh, w.oneway])).toEqual(ways.map((w) => [w.roadClass, w.speedKmh, w.oneway]));
    again.forEach((w, i) => w.coords.forEach((c, k) => expect(Math.abs(c - ways[i].coords[k])).toBeLessThan(1e-6)));
  });
});
