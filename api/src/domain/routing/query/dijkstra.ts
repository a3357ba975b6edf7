import type { NodeSeeds } from '../ch/ch-query.js';
import type { RoadGraph } from '../graph/graph.js';
import { MinHeap } from '../heap.js';

/**
 * Plain Dijkstra on the road graph: the independent reference the hierarchy is checked against,
 * and the baseline of the benchmark. Stops early when `maxDurationMs` is exceeded or when all
 * `stopAt` nodes are settled. Returns labels per node (Infinity = not reached).
 */
export function dijkstra(
  graph: RoadGraph,
  source: NodeSeeds,
  options: { maxDurationMs?: number; stopAt?: ArrayLike<number>; withParents?: boolean } = {},
): { durationMs: Float64Array; distanceM: Float64Array; parentEdge: Int32Array | null } {
  const n = graph.nodeCount;
  const durationMs = new Float64Array(n).fill(Infinity);
  const distanceM = new Float64Array(n);
  const parentEdge = options.withParents ? new Int32Array(n).fill(-1) : null;
  const heap = new MinHeap(1024);
  for (let i = 0; i < source.nodes.length; i++) {
    const v = source.nodes[i];
    if (source.durationMs[i] < durationMs[v]) {
      durationMs[v] = source.durationMs[i];
      distanceM[v] = source.distanceM[i];
      heap.push(durationMs[v], v);
    }
  }
  const maxMs = options.maxDurationMs ?? Infinity;
  let remaining = -1;
  let isStop: Uint8Array | null = null;
  if (options.stopAt) {
    isStop = new Uint8Array(n);
    for (let i = 0; i < options.stopAt.length; i++) isStop[options.stopAt[i]] = 1;
    remaining = isStop.reduce((a, b) => a + b, 0);
  }
  const settled = new Uint8Array(n);
  const { firstOut, edgeTarget, edgeDurationMs, edgeDistanceM } = graph;
  while (heap.size > 0) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (settled[u] || d > durationMs[u]) continue;
    if (d > maxMs) break;
    settled[u] = 1;
    if (isStop && isStop[u] && --remaining === 0) break;
    for (let e = firstOut[u]; e < firstOut[u + 1]; e++) {
      const x = edgeTarget[e];
      const nd = d + edgeDurationMs[e];
      if (nd < durationMs[x]) {
        durationMs[x] = nd;
        distanceM[x] = distanceM[u] + edgeDistanceM[e];
        if (parentEdge) parentEdge[x] = e;
        heap.push(nd, x);
      }
    }
  }
  if (maxMs !== Infinity) for (let v = 0; v < n; v++) if (durationMs[v] > maxMs) durationMs[v] = Infinity;
  return { durationMs, distanceM, parentEdge };
}
