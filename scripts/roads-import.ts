/**
 * `npm run roads:import -- <source> [--out file.graph] [--classes motorway,…,minor] [--no-db]` — one command for every
 * road source: an OpenMapTiles z14 pyramid (a directory with 14/x/y.pbf, or a tokenless-tiles git mirror),
 * an OSM extract (.osm.pbf), an OSMnx GraphML, or IGN ROUTE 500 (.shp/.geojson). Writes a graph file with its
 * contraction hierarchy (point MAILLAGE_ROAD_GRAPH at it to use it in the app), then loads its road pieces into
 * the database's `road_edges` for display and pgRouting cross-checks (scripts/roads-load-db.ts) unless --no-db.
 */
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTilePyramids } from './roads-tiles-read.js';
import { buildRoadGraph, contractGraph, writeGraphFile } from '../api/src/domain/routing/index.js';
import { MAIN_ROAD_CLASSES } from '../api/src/domain/routing/ingest/tiles-import.js';
import { loadGraphIntoDatabase } from './roads-load-db.js';

const args = process.argv.slice(2);
const valueFlags = ['--out', '--classes'];
const input = args.find((a, i) => !a.startsWith('--') && !valueFlags.includes(args[i - 1]));
if (!input || !existsSync(input)) {
  console.error('usage: npm run roads:import -- <tile pyramid dir | file.osm.pbf | file.graphml | TRONCON_ROUTE.shp> [--out file.graph] [--classes …] [--no-db]');
  process.exit(2);
}
if (!statSync(input).isDirectory()) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./roads-import-file.ts', import.meta.url)), ...args], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const classes = flag('--classes')?.split(',') ?? [...MAIN_ROAD_CLASSES];
const out = flag('--out') ?? join('.tmp', `${basename(input.replace(/\/repo\/?$/, ''))}.graph`);
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
const { ways, report } = await readTilePyramids([input], { classes }, (d, t) => process.stdout.write(`\rtiles ${d} / ${t} (${((100 * d) / t).toFixed(0)} %)`));
console.log(`\n${report.ways} ways from ${report.tiles} tiles — ${secs()} s`);
const { graph, report: build } = buildRoadGraph(ways, { minComponentNodes: 2000 });
console.log(`graph ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${build.keptKm.toFixed(0)} km (${build.droppedKm.toFixed(0)} km dropped in ${build.droppedComponentCount} components) — ${secs()} s; contracting…`);
const ch = contractGraph(graph);
writeGraphFile(out, graph, ch, {
  source: `OpenStreetMap via OpenMapTiles z14 tiles (${input})`,
  licence: 'ODbL 1.0',
  attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)',
  profile: `car, classes ${classes.join(',')}`,
  createdAt: new Date().toISOString(),
  report: build,
});
console.log(`wrote ${out} — ${secs()} s`);
if (!args.includes('--no-db')) await loadGraphIntoDatabase(out, graph);
