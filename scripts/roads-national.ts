/**
 * Builds the committed national road network from OpenMapTiles z14 pyramids (tokenless-tiles/<région>,
 * OSM August 2021, ODbL): `npm run roads:national -- [pyramid …] [--classes motorway,…] [--out data/roads/france-osm-2021.roads.json.gz]`.
 * Default pyramids: every fetched /work/.mirror/tokenless-tiles+*\/repo. Keeps every strongly connected
 * component of ≥ 2,000 junctions (mainland France and Corsica), compresses chains, simplifies geometry (15 m)
 * and writes compact road ways that the API turns into a graph + contraction hierarchy on first start.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { readTilePyramids } from './roads-tiles-read.js';
import { buildRoadGraph } from '../api/src/domain/routing/index.js';
import { graphToCompactWays, encodeCompactNetwork } from '../api/src/domain/routing/graph/compact-network.js';
import { MAIN_ROAD_CLASSES } from '../api/src/domain/routing/ingest/tiles-import.js';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = flag('--out') ?? 'data/roads/france-osm-2021.roads.json.gz';
const classes = flag('--classes')?.split(',') ?? [...MAIN_ROAD_CLASSES];
const toleranceM = Number(flag('--tolerance-m') ?? 15);
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const mirror = '/work/.mirror';
const pyramids = positional.length
  ? positional
  : readdirSync(mirror).filter((d) => d.startsWith('tokenless-tiles+')).sort().map((d) => join(mirror, d, 'repo'));
if (pyramids.length === 0) {
  console.error('no tile pyramids given and none fetched under /work/.mirror');
  process.exit(2);
}

const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
console.log(`[roads] reading ${pyramids.length} pyramids, classes ${classes.join(',')}`);
const { ways, report: readReport } = await readTilePyramids(pyramids, { classes }, (done, total) =>
  process.stdout.write(`\r[roads] tiles ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${((100 * done) / total).toFixed(0)} %) ${secs()} s`),
);
console.log(`\n[roads] ${readReport.ways.toLocaleString('en')} ways, ${readReport.vertices.toLocaleString('en')} vertices from ${readReport.tiles.toLocaleString('en')} tiles (${readReport.sharedTiles} in two pyramids) — ${secs()} s`);

const { graph, report } = buildRoadGraph(ways, { minComponentNodes: 2000 });
ways.length = 0;
console.log(`[roads] graph: ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges, ${report.keptKm.toFixed(0)} km kept, ${report.droppedKm.toFixed(0)} km dropped in ${report.droppedComponentCount} components — ${secs()} s`);

const compact = graphToCompactWays(graph, toleranceM);
const vertexCount = compact.reduce((s, w) => s + w.vertexKeys.length, 0);
const meta = {
  source: 'OpenStreetMap via OpenMapTiles z14 tiles (tokenless-tiles, tilemaker, Geofabrik extracts)',
  sourceDate: '2021-08',
  licence: 'ODbL 1.0',
  attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)',
  profile: `car, classes ${classes.join(',')}, speeds by class (TILE_SPEED_KMH), geometry simplified ${toleranceM} m`,
  createdAt: new Date().toISOString(),
  pyramids: readReport.sources.map((s) => ({ name: s.path.split('/').slice(-2, -1)[0]?.replace('tokenless-tiles+', ''), tiles: s.tiles })),
  buildReport: report,
};
const bytes = gzipSync(JSON.stringify(encodeCompactNetwork(compact, meta)), { level: 9 });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`[roads] wrote ${out}: ${(bytes.length / 1e6).toFixed(1)} MB, ${compact.length.toLocaleString('en')} pieces, ${vertexCount.toLocaleString('en')} vertices — ${secs()} s`);
console.log(JSON.stringify({ read: readReport, build: report }, null, 1));
