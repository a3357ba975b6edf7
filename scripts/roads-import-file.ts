/**
 * Road file → one graph file with its contraction hierarchy, ready for MAILLAGE_ROAD_GRAPH / readGraphFile:
 * an OpenStreetMap extract (.osm.pbf), an OSMnx drive graph (.graphml) or IGN ROUTE 500 TRONCON_ROUTE
 * (.shp with its .dbf, or a GeoJSON export in Lambert-93).
 *   npm run roads:import-file -- <file> [--out .tmp/roads.graph] [--ferries] [--tracks] [--no-db]
 * then loads the road pieces into the database's `road_edges` (see roads-load-db.ts) unless --no-db.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as shapefile from 'shapefile';
import { route500Ways, type Route500Feature } from '../api/src/domain/routing/ingest/route500.js';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRoadGraph, contractGraph, writeGraphFile, type RoadWay } from '../api/src/domain/routing/index.js';
import { parseGraphml } from '../api/src/domain/routing/ingest/graphml.js';
import { readOsmPbf } from '../api/src/domain/routing/ingest/osm-pbf.js';
import { loadGraphIntoDatabase } from './roads-load-db.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, ferries: { type: 'boolean', default: false }, tracks: { type: 'boolean', default: false }, 'no-db': { type: 'boolean', default: false } },
});
const input = positionals[0];
if (!input) {
  console.error('usage: npm run roads:import-file -- <file.osm.pbf|file.graphml|TRONCON_ROUTE.shp|file.geojson> [--out file.graph] [--ferries] [--tracks]');
  process.exit(2);
}
const out = values.out ?? `.tmp/${basename(input).replace(/\.(osm\.pbf|graphml|shp|geojson|json)$/i, '')}.graph`;
const isRoute500 = /\.(shp|geojson|json)$/i.test(input);
const step = (label: string) => {
  const t = performance.now();
  process.stdout.write(`${label}… `);
  return (detail = '') => console.log(`done in ${((performance.now() - t) / 1000).toFixed(1)} s${detail ? ` — ${detail}` : ''}`);
};

let ways: RoadWay[];
let sourceDate: string | undefined;
let done = step(`reading ${input}`);
if (isRoute500) {
  const parsed = route500Ways(await route500Features(input));
  ways = parsed.ways;
  done(`${ways.length} ROUTE 500 sections (${parsed.skippedCount} closed or not roads, skipped)`);
} else if (input.endsWith('.graphml')) {
  const parsed = parseGraphml(readFileSync(input, 'utf8'));
  ways = parsed.ways;
  done(`${ways.length} car edges (${parsed.skippedEdgeCount} non-car edges skipped)`);
} else {
  const parsed = await readOsmPbf(input, { includeFerries: values.ferries, includeTracks: values.tracks });
  ways = parsed.ways;
  sourceDate = parsed.report.osmTimestamp?.slice(0, 10);
  done(`${parsed.report.carWayCount} car ways of ${parsed.report.wayCount} (${parsed.report.urbanWayCount} urban)`);
}
done = step('building the graph');
const { graph, report } = buildRoadGraph(ways);
done(`${graph.nodeCount} nodes, ${graph.edgeCount} edges; dropped ${report.droppedComponentCount} components (${report.droppedNodeCount} nodes, ${report.droppedKm.toFixed(1)} km)`);
done = step('contracting');
let lastShown = 0;
const ch = contractGraph(graph, {
  onProgress: (ratio) => {
    if (ratio - lastShown >= 0.1) {
      lastShown = ratio;
      process.stdout.write(`${Math.round(ratio * 100)}% `);
    }
  },
});
done(`${ch.upTarget.length + ch.downSource.length} hierarchy edges`);
writeGraphFile(out, graph, ch, {
  source: isRoute500 ? `IGN ROUTE 500 ${basename(input)}` : `OpenStreetMap ${basename(input)}`,
  sourceDate,
  licence: isRoute500 ? 'Licence Ouverte 2.0 (Etalab)' : 'ODbL 1.0',
  attribution: isRoute500 ? '© IGN ROUTE 500' : '© OpenStreetMap contributors',
  profile: `car${values.ferries ? '+ferries' : ''}${values.tracks ? '+tracks' : ''}`,
  report,
});
console.log(`wrote ${out}`);
if (!values['no-db']) await loadGraphIntoDatabase(out, graph);

async function route500Features(path: string): Promise<Route500Feature[]> {
  if (!/\.shp$/i.test(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { features: Route500Feature[] }).features;
  const cpg = path.replace(/\.shp$/i, '.cpg');
  const encoding = existsSync(cpg) && /utf-?8/i.test(readFileSync(cpg, 'utf8')) ? 'utf-8' : 'windows-1252';
  const source = await shapefile.open(path, path.replace(/\.shp$/i, '.dbf'), { encoding });
  const features: Route500Feature[] = [];
  for (let r = await source.read(); !r.done; r = await source.read()) features.push(r.value as Route500Feature);
  return features;
}
