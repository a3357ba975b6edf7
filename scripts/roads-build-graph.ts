/**
 * Compact road ways (data/roads/*.roads.json.gz) → graph file with contraction hierarchy.
 * `npm run roads:build-graph -- <in.roads.json.gz> <out.graph>`; the API runs it on first start.
 */
import { readFileSync, renameSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import { buildRoadGraph, contractGraph, writeGraphFile } from '../api/src/domain/routing/index.js';
import { decodeCompactNetwork } from '../api/src/domain/routing/graph/compact-network.js';
import type { EncodedRoadWays } from '../api/src/domain/routing/ingest/road-ways-codec.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npm run roads:build-graph -- <in.roads.json.gz> <out.graph>');
  process.exit(2);
}
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
const encoded = JSON.parse(gunzipSync(readFileSync(input)).toString('utf8')) as EncodedRoadWays;
const ways = decodeCompactNetwork(encoded);
console.log(`[roads] ${ways.length.toLocaleString('en')} road pieces read — ${secs()} s`);
const { graph, report } = buildRoadGraph(ways, { minComponentNodes: 2000 });
console.log(`[roads] graph ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges — ${secs()} s; contracting…`);
const ch = contractGraph(graph);
console.log(`[roads] contraction hierarchy done — ${secs()} s`);
const meta = encoded.meta as Record<string, unknown>;
mkdirSync(dirname(output), { recursive: true });
const tmp = `${output}.tmp-${process.pid}`;
writeGraphFile(tmp, graph, ch, {
  source: String(meta.source ?? input),
  sourceDate: meta.sourceDate as string | undefined,
  licence: meta.licence as string | undefined,
  attribution: meta.attribution as string | undefined,
  profile: meta.profile as string | undefined,
  createdAt: new Date().toISOString(),
  report,
  // Main roads only: a point reaches them over the minor roads left out of the graph, up to 5 km at 30 km/h
  // (crow-fly × 1.3). Without this, ~2,600 village centres more than 1 km from a tertiary road would get no time.
  snap: { maxSnapDistanceM: 5000, accessSpeedKmh: 30, accessDetourFactor: 1.3 },
});
renameSync(tmp, output);
console.log(`[roads] wrote ${output} — ${secs()} s`);
