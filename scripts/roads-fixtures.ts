/**
 * Derives the compact road fixtures committed under test/fixtures/roads/ from the real extracts in
 * ../shared/data/roads (see ../shared/data/SOURCES.md), so tests run where shared/ is absent (CI,
 * users' machines). Each fixture is the car RoadWay[] of one extract (compact JSON, gzipped).
 *   npm run roads:fixtures [-- <shared roads dir>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseGraphml } from '../api/src/domain/routing/ingest/graphml.js';
import { readOsmPbf } from '../api/src/domain/routing/ingest/osm-pbf.js';
import { encodeRoadWays } from '../api/src/domain/routing/ingest/road-ways-codec.js';
import { LAMBERT_93 } from '../api/src/domain/routing/ingest/route500.js';
import proj4 from 'proj4';
import type { RoadWay } from '../api/src/domain/routing/index.js';

const sourceDir = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/roads');
const outDir = join(import.meta.dirname, '../test/fixtures/roads');
const licence = 'ODbL 1.0 — © OpenStreetMap contributors';

const fixtures: { name: string; file: string; load: () => Promise<{ ways: RoadWay[]; meta: Record<string, unknown> }>; keepNames: boolean }[] = [
  { name: 'monaco', file: 'monaco.osm.pbf', keepNames: true, load: async () => pbf('monaco.osm.pbf', 'Project-OSRM/osrm-backend test/data/monaco.osm.pbf, OSM 2016-03-05') },
  { name: 'andorra', file: 'andorra-2021.osm.pbf', keepNames: false, load: async () => pbf('andorra-2021.osm.pbf', 'Geofabrik andorra-latest.osm.pbf of 2021-06-22') },
  { name: 'saint-barthelemy', file: 'saint-barthelemy.osm.pbf', keepNames: false, load: async () => pbf('saint-barthelemy.osm.pbf', 'osm-fr/osmose-backend tests/saint_barthelemy.osm.pbf') },
  {
    name: 'saint-germain-en-laye', file: 'saint-germain-en-laye-drive.graphml', keepNames: false,
    load: async () => {
      const { ways, skippedEdgeCount } = parseGraphml(readFileSync(join(sourceDir, 'saint-germain-en-laye-drive.graphml'), 'utf8'));
      return { ways, meta: { source: 'OSMnx 1.2.2 drive graph (anonx3247/TIPE st_ger.gml), 2022', skippedEdgeCount } };
    },
  },
];

async function pbf(file: string, source: string) {
  const { ways, report } = await readOsmPbf(join(sourceDir, file));
  return { ways, meta: { source, importReport: report } };
}

/**
 * A ROUTE 500-schema fixture (TRONCON_ROUTE, Lambert-93) converted from the Monaco OSM ways of
 * the classified network (motorway → tertiary), cut at every junction as ROUTE 500 sections are.
 */
function route500FromOsm(ways: RoadWay[]) {
  const kept = ways.filter((w) => ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'].includes(w.roadClass));
  const uses = new Map<number, number>();
  for (const w of kept) w.vertexKeys.forEach((k, i) => uses.set(k, (uses.get(k) ?? 0) + (i === 0 || i === w.vertexKeys.length - 1 ? 2 : 1)));
  const toL93 = proj4('EPSG:4326', LAMBERT_93);
  const vocation = (w: RoadWay) => w.isRamp ? 'Bretelle' : ({ motorway: 'Type autoroutier', trunk: 'Liaison principale', primary: 'Liaison principale', secondary: 'Liaison régionale' } as Record<string, string>)[w.roadClass] ?? 'Liaison locale';
  const features = [];
  for (const w of kept) {
    let start = 0;
    for (let i = 1; i < w.vertexKeys.length; i++) {
      if ((uses.get(w.vertexKeys[i]) ?? 0) < 2 && i < w.vertexKeys.length - 1) continue;
      const coordinates = [];
      for (let k = start; k <= i; k++) coordinates.push(toL93.forward([w.coords[2 * k], w.coords[2 * k + 1]]).map((v) => Math.round(v * 100) / 100));
      features.push({
        type: 'Feature',
        properties: {
          VOCATION: vocation(w), ACCES: 'Libre', SENS: w.oneway === 0 ? 'Double sens' : w.oneway === 1 ? 'Sens unique' : 'Sens inverse',
          NB_VOIES: '2 voies larges', NB_CHAUSSE: '1 chaussée', CLASS_ADM: w.roadClass === 'secondary' ? 'Départementale' : 'Sans objet',
          LONGUEUR: 0,
        },
        geometry: { type: 'LineString', coordinates },
      });
      start = i;
    }
  }
  return { type: 'FeatureCollection', name: 'TRONCON_ROUTE', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } }, features };
}

for (const fixture of fixtures) {
  const { ways, meta } = await fixture.load();
  const encoded = encodeRoadWays(ways, { ...meta, licence, derivedBy: 'scripts/roads-fixtures.ts' }, fixture.keepNames);
  const bytes = gzipSync(JSON.stringify(encoded), { level: 9 });
  writeFileSync(join(outDir, `${fixture.name}.road-ways.json.gz`), bytes);
  console.log(`${fixture.name}: ${ways.length} ways → ${(bytes.length / 1024).toFixed(0)} KB`);
  if (fixture.name === 'monaco') {
    const route500 = gzipSync(JSON.stringify(route500FromOsm(ways)), { level: 9 });
    writeFileSync(join(outDir, 'monaco-route500.troncon_route.geojson.gz'), route500);
    console.log(`monaco ROUTE 500 schema → ${(route500.length / 1024).toFixed(0)} KB`);
  }
}
