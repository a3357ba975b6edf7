/**
 * Derives the compact road fixtures committed under test/fixtures/roads/ from the real extracts in
 * ../shared/data/roads (see ../shared/data/SOURCES.md), so tests run where shared/ is absent (CI,
 * users' machines). Each fixture is the car RoadWay[] of one extract (compact JSON, gzipped).
 *   npm run roads:fixtures [-- <shared roads dir>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseGraphml } from '../api/src/domain/routing/graphml.js';
import { readOsmPbf } from '../api/src/domain/routing/osm-pbf.js';
import { encodeRoadWays } from '../api/src/domain/routing/road-ways-codec.js';
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

for (const fixture of fixtures) {
  const { ways, meta } = await fixture.load();
  const encoded = encodeRoadWays(ways, { ...meta, licence, derivedBy: 'scripts/roads-fixtures.ts' }, fixture.keepNames);
  const bytes = gzipSync(JSON.stringify(encoded), { level: 9 });
  writeFileSync(join(outDir, `${fixture.name}.road-ways.json.gz`), bytes);
  console.log(`${fixture.name}: ${ways.length} ways → ${(bytes.length / 1024).toFixed(0)} KB`);
}
