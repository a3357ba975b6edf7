/**
 * OpenStreetMap extract (.osm.pbf) or OSMnx drive graph (.graphml) → one graph file with its
 * contraction hierarchy, ready for MAILLAGE_ROAD_GRAPH / readGraphFile.
 *   npm run roads:import-osm -- <file.osm.pbf|file.graphml> [--out .tmp/roads.graph] [--ferries] [--tracks]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRoadGraph, contractGraph, writeGraphFile, type RoadWay } from '../api/src/domain/routing/index.js';
import { parseGraphml } from '../api/src/domain/routing/graphml.js';
import { readOsmPbf } from '../api/src/domain/routing/osm-pbf.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, ferries: { type: 'boolean', default: false }, tracks: { type: 'boolean', default: false } },
});
const input = positionals[0];
if (!input) {
  console.error('usage: npm run roads:import-osm -- <file.osm.pbf|file.graphml> [--out file.graph] [--ferries] [--tracks]');
  process.exit(2);
}
const out = values.out ?? `.tmp/${basename(input).replace(/\.(osm\.pbf|graphml)$/, '')}.graph`;
const step = (label: string) => {
  const t = performance.now();
  process.stdout.write(`${label}… `);
  return (detail = '') => console.log(`done in ${((performance.now() - t) / 1000).toFixed(1)} s${detail ? ` — ${detail}` : ''}`);
};

let ways: RoadWay[];
let sourceDate: string | undefined;
let done = step(`reading ${input}`);
if (input.endsWith('.graphml')) {
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
  source: `OpenStreetMap ${basename(input)}`,
  sourceDate,
  licence: 'ODbL 1.0',
  attribution: '© OpenStreetMap contributors',
  profile: `car${values.ferries ? '+ferries' : ''}${values.tracks ? '+tracks' : ''}`,
  report,
});
console.log(`wrote ${out}`);
