import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../../../api/src/domain/routing/index.js';
import { LAMBERT_93, route500Ways, type Route500Feature } from '../../../api/src/domain/routing/ingest/route500.js';
import { fixtureWays } from './fixtures.js';

const fixture = JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, '../../fixtures/roads/monaco-route500.troncon_route.geojson.gz'))).toString('utf8')) as { features: Route500Feature[] };

describe('IGN ROUTE 500 TRONCON_ROUTE import', () => {
  it('joins sections on their end points into the same network as the OSM ways they were cut from', () => {
    const { ways, skippedCount } = route500Ways(fixture.features);
    expect(skippedCount).toBe(0);
    const fromRoute500 = buildRoadGraph(ways);
    const classified = fixtureWays('monaco').filter((w) => ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'].includes(w.roadClass));
    const fromOsm = buildRoadGraph(classified, { compressChains: false });
    const fromRoute500Raw = buildRoadGraph(ways, { compressChains: false });
    expect(fromRoute500Raw.report.junctionCount).toBe(fromOsm.report.junctionCount);
    expect(fromRoute500Raw.report.componentCount).toBe(fromOsm.report.componentCount);
    expect(fromRoute500Raw.graph.edgeCount).toBe(fromOsm.graph.edgeCount);
    expect(fromRoute500Raw.report.keptKm).toBeCloseTo(fromOsm.report.keptKm, 1);
    expect(fromRoute500.report.nodeCount).toBeLessThan(fromRoute500Raw.report.nodeCount);
  });

  it('takes speeds from VOCATION and one-way from SENS', () => {
    const { ways } = route500Ways(fixture.features);
    const speeds = new Set(ways.map((w) => w.speedKmh));
    for (const s of speeds) expect([120, 100, 90, 75, 60, 50]).toContain(s);
    const osmOneways = fixtureWays('monaco').filter((w) => ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'].includes(w.roadClass) && w.oneway !== 0);
    expect(ways.filter((w) => w.oneway !== 0).length).toBeGreaterThanOrEqual(osmOneways.length);
  });

  it('drops closed sections, reverses "Sens inverse" and reads MultiLineStrings', () => {
    const toL93 = proj4('EPSG:4326', LAMBERT_93);
    const a = toL93.forward([7.42, 43.73]);
    const b = toL93.forward([7.43, 43.73]);
    const c = toL93.forward([7.43, 43.74]);
    const section = (props: Record<string, string>, coordinates: number[][] | number[][][], type = 'LineString'): Route500Feature => ({ properties: { VOCATION: 'Liaison locale', ACCES: 'Libre', SENS: 'Double sens', ...props }, geometry: { type, coordinates } });
    const { ways, skippedCount } = route500Ways([
      section({ ACCES: 'Impossible' }, [a, b]),
      section({ VOCATION: 'Sentier' }, [a, b]),
      section({ SENS: 'Sens inverse' }, [a, b]),
      section({ CLASS_ADM: 'Départementale', VOCATION: 'Liaison locale' }, [[b, c], [c, a]], 'MultiLineString'),
    ]);
    expect(skippedCount).toBe(2);
    expect(ways).toHaveLength(3);
    expect(ways[0].oneway).toBe(-1);
    expect(ways[1].roadClass).toBe('secondary');
    expect(ways[0].coords[0]).toBeCloseTo(7.42, 6);
    expect(ways[0].coords[1]).toBeCloseTo(43.73, 6);
    // a and b are shared end points: the three sections form one triangle
    const { report } = buildRoadGraph(ways, { compressChains: false, keepLargestComponent: false });
    expect(report.junctionCount).toBe(3);
  });
});
