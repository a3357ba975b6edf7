/**
 * Routing engine benchmark, all figures from one run on one graph:
 *   npm run bench:routing -- [graph file] [--nodes N (synthetic graph when no file)] [--pairs 1000]
 *                            [--dijkstra-sources 100] [--workers N]
 * Prints graph load, CH preprocessing, the pairs×pairs bucket-CH matrix (single thread and worker
 * pool) against plain Dijkstra (one search per source, stopped once every target is settled; run
 * on --dijkstra-sources sources and scaled to all rows, said so in the output), PHAST one-to-all,
 * 30/60-min isochrones (node times and polygons) and memory. Timings are never asserted in tests.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import {
  MatrixWorkerPool, buildRoadGraph, chMatrix, contractGraph, createRoutingNetwork, dijkstra, isochronePolygons, nodeSeed,
  phast, readGraphFile, seededRandom, syntheticRoadWays, writeGraphFile, type LonLat,
} from '../api/src/domain/routing/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    nodes: { type: 'string', default: '250000' },
    pairs: { type: 'string', default: '1000' },
    'dijkstra-sources': { type: 'string', default: '100' },
    workers: { type: 'string', default: String(availableParallelism()) },
  },
});
const pairs = Number(values.pairs);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

let file = positionals[0];
if (!file) {
  file = `.tmp/bench-synthetic-${values.nodes}.graph`;
  const { graph } = buildRoadGraph(syntheticRoadWays(Number(values.nodes), 1));
  writeGraphFile(file, graph, null, { source: 'synthetic (bench)', synthetic: true });
  console.log(`no graph file given: generated a SYNTHETIC road-like graph → ${file}`);
}
const [loaded, loadMs] = time(() => readGraphFile(file));
const { graph, meta } = loaded;
console.log(`graph       ${meta.source}${meta.synthetic ? ' (SYNTHETIC)' : ''}: ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges, file ${mb(statSync(file).size)}`);
console.log(`load        ${ms(loadMs)}`);

const [ch, chMs] = time(() => contractGraph(graph));
console.log(`CH          preprocessing ${(chMs / 1000).toFixed(2)} s — ${ch.upTarget.length.toLocaleString('en')} up + ${ch.downSource.length.toLocaleString('en')} down edges (${((ch.upTarget.length + ch.downSource.length) / graph.edgeCount).toFixed(2)}× the graph's)`);

const random = seededRandom(2026);
const pick = () => nodeSeed(Math.floor(random() * graph.nodeCount));
const sources = Array.from({ length: pairs }, pick);
const targets = Array.from({ length: pairs }, pick);
chMatrix(ch, sources.slice(0, 50), targets.slice(0, 50)); // warm-up (JIT)
const [matrix, matrixMs] = time(() => chMatrix(ch, sources, targets));
console.log(`matrix      ${pairs}×${pairs} bucket CH, 1 thread: ${ms(matrixMs)}`);

const workerCount = Number(values.workers);
const pool = new MatrixWorkerPool(ch, workerCount, 0);
await pool.matrix(sources.slice(0, 50), targets.slice(0, 50));
const t0 = performance.now();
const parallel = await pool.matrix(sources, targets);
const parallelMs = performance.now() - t0;
await pool.close();
console.log(`matrix      ${pairs}×${pairs} bucket CH, ${workerCount} worker(s): ${ms(parallelMs)} (machine has ${availableParallelism()} cores)`);

const dijkstraSources = Math.min(pairs, Number(values['dijkstra-sources']));
const targetNodes = targets.map((t) => t.nodes[0]);
let mismatches = 0;
const [, dijkstraMs] = time(() => {
  for (let i = 0; i < dijkstraSources; i++) {
    const row = dijkstra(graph, sources[i], { stopAt: targetNodes }).durationMs;
    for (let j = 0; j < pairs; j++) {
      if (row[targetNodes[j]] !== matrix.durationMs[i * pairs + j] || parallel.durationMs[i * pairs + j] !== matrix.durationMs[i * pairs + j]) mismatches++;
    }
  }
});
const dijkstraAllMs = (dijkstraMs * pairs) / dijkstraSources;
console.log(`dijkstra    ${pairs}×${pairs} plain Dijkstra: ${(dijkstraAllMs / 1000).toFixed(1)} s${dijkstraSources < pairs ? ` (measured on ${dijkstraSources} sources, scaled ×${(pairs / dijkstraSources).toFixed(0)})` : ''}`);
console.log(`ratio       Dijkstra / bucket CH (1 thread) = ${(dijkstraAllMs / matrixMs).toFixed(0)}×; cells checked against Dijkstra: ${(dijkstraSources * pairs).toLocaleString('en')}, mismatches: ${mismatches}`);

const phastRuns = 20;
phast(ch, sources[0]);
const [, phastMs] = time(() => { for (let i = 0; i < phastRuns; i++) phast(ch, sources[i]); });
const [, dijkstraOneMs] = time(() => { for (let i = 0; i < 5; i++) dijkstra(graph, sources[i]); });
console.log(`PHAST       one-to-all: ${ms(phastMs / phastRuns)} (plain Dijkstra one-to-all: ${ms(dijkstraOneMs / 5)})`);

const network = createRoutingNetwork(graph, ch);
const origins: LonLat[] = sources.slice(0, 10).map((s) => [graph.nodeLon[s.nodes[0]], graph.nodeLat[s.nodes[0]]]);
isochronePolygons(network, origins[0], [1800]); // builds the snapping index, warms up
for (const breakMin of [30, 60]) {
  const [, boundedMs] = time(() => { for (let i = 0; i < 10; i++) dijkstra(graph, sources[i], { maxDurationMs: breakMin * 60_000 }); });
  const [, polygonMs] = time(() => { for (const o of origins) isochronePolygons(network, o, [breakMin * 60]); });
  console.log(`isochrone   ${breakMin} min: node times (PHAST) ${ms(phastMs / phastRuns)}, bounded Dijkstra ${ms(boundedMs / 10)}, polygons end to end ${ms(polygonMs / origins.length)}`);
}
const [, isoMultiMs] = time(() => { for (const o of origins) isochronePolygons(network, o, [600, 1200, 1800, 3600]); });
console.log(`isochrone   10/20/30/60 min bands at once: ${ms(isoMultiMs / origins.length)}`);

const graphBytes = Object.values(graph).reduce((s: number, a) => s + (ArrayBuffer.isView(a) ? a.byteLength : 0), 0);
const chBytes = Object.values(ch).reduce((s: number, a) => s + (ArrayBuffer.isView(a) ? a.byteLength : 0), 0);
const memory = process.memoryUsage();
console.log(`memory      graph arrays ${mb(graphBytes)}, CH arrays ${mb(chBytes)}; process rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`);
