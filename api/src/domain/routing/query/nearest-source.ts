import type { NodeSeeds } from '../ch/ch-query.js';
import type { ReverseAdjacency, RoadGraph } from '../graph/graph.js';
import { MinHeap } from '../heap.js';
import { samePieceDurationMs, type SnappedPoint } from './snap.js';

export interface NearestSourceLabels {
  /** Per node: drive time (ms) from the node to its nearest source, Infinity beyond maxDurationMs. */
  durationMs: Float64Array;
  /** Per node: index of that source (the lowest of equally near ones), -1 = none. */
  source: Int32Array;
  /** Per node: 1 when another source is exactly as near (ties, integer milliseconds). */
  tied: Uint8Array;
}

/**
 * ONE multi-source Dijkstra on the reversed graph from every source's arrival seeds at once: for every node, the
 * time TO its nearest source and which one (the nearest-facility labelling, Erwig's network Voronoi diagram). A
 * nearest-actor basin of N actors costs one search instead of N (measured for 1,000 FINESS sites on the national
 * graph: 0.2–2 s against 7–8 s for the PHAST store-times table, scripts/bench-basins.ts), and needs no table of
 * actors × communes. Written here (no library does labelled multi-source searches on our graph arrays).
 */
export function nearestSourceLabels(graph: RoadGraph, reverse: ReverseAdjacency, sources: readonly (NodeSeeds | null)[], maxDurationMs: number): NearestSourceLabels {
  const n = graph.nodeCount;
  const durationMs = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const tied = new Uint8Array(n);
  const heap = new MinHeap(1 << 14);
  const improve = (v: number, d: number, s: number, tie: number) => {
    if (d > maxDurationMs) return;
    if (d < durationMs[v]) {
      durationMs[v] = d;
      source[v] = s;
      tied[v] = tie;
      heap.push(d, v);
    } else if (d === durationMs[v]) {
      // Equally near: a tie when the source differs (or comes tied); the lowest index keeps the node.
      if (s !== source[v] || tie) tied[v] = 1;
      if (s < source[v]) source[v] = s;
    }
  };
  sources.forEach((seeds, s) => {
    if (seeds) for (let i = 0; i < seeds.nodes.length; i++) improve(seeds.nodes[i], seeds.durationMs[i], s, 0);
  });
  const { firstIn, inSource, inEdge } = reverse;
  const { edgeDurationMs } = graph;
  while (heap.size > 0) {
    const d = heap.peekKey();
    const v = heap.pop();
    if (d > durationMs[v]) continue;
    const s = source[v], tie = tied[v];
    for (let k = firstIn[v]; k < firstIn[v + 1]; k++) improve(inSource[k], d + edgeDurationMs[inEdge[k]], s, tie);
  }
  return { durationMs, source, tied };
}

export interface NearestSourceOfOrigins {
  /** Per origin: its nearest source, -1 = none within maxDurationMs or origin off the network. */
  sourceOfOrigin: Int32Array;
  /** Per origin: ms to it, Infinity = none. */
  durationMs: Float64Array;
  /** Per origin: 1 when another source is exactly as near. */
  tied: Uint8Array;
}

/**
 * Each origin's nearest source from ONE multi-source search, read at the origin's road (its departure seeds minus
 * its access leg: the commune rule of trade areas and isochrones); a shorter way along a shared road piece taken;
 * `sourceAtOrigin[s]` = an origin a source stands at (0 ms from it: a count per commune placed at its point).
 */
export function nearestSourceOfOrigins(
  graph: RoadGraph, reverse: ReverseAdjacency, origins: readonly (SnappedPoint | null)[], sources: readonly (SnappedPoint | null)[],
  maxDurationMs: number, sourceAtOrigin: readonly (number | undefined)[] = [],
): NearestSourceOfOrigins {
  const labels = nearestSourceLabels(graph, reverse, sources.map((p) => p?.arrival ?? null), maxDurationMs);
  const C = origins.length;
  const durationMs = new Float64Array(C).fill(Infinity);
  const sourceOfOrigin = new Int32Array(C).fill(-1);
  const tied = new Uint8Array(C);
  const offer = (c: number, ms: number, s: number, tie: number) => {
    if (ms < durationMs[c]) { durationMs[c] = ms; sourceOfOrigin[c] = s; tied[c] = tie; } else if (ms === durationMs[c]) {
      if (s !== sourceOfOrigin[c] || tie) tied[c] = 1;
      if (s < sourceOfOrigin[c]) sourceOfOrigin[c] = s;
    }
  };
  const byPiece = new Map<number, number[]>();
  origins.forEach((p, c) => {
    if (!p) return;
    const d = p.departure;
    for (let i = 0; i < d.nodes.length; i++) {
      const v = d.nodes[i];
      if (labels.source[v] >= 0) offer(c, Math.max(0, d.durationMs[i] - p.accessDurationMs + labels.durationMs[v]), labels.source[v], labels.tied[v]);
    }
    const list = byPiece.get(p.piece);
    if (list) list.push(c);
    else byPiece.set(p.piece, [c]);
  });
  sources.forEach((q, s) => {
    if (!q) return;
    for (const c of byPiece.get(q.piece) ?? []) {
      const direct = samePieceDurationMs(graph, origins[c]!, q);
      if (direct) offer(c, Math.max(0, direct.durationMs - origins[c]!.accessDurationMs), s, 0);
    }
  });
  sourceAtOrigin.forEach((c, s) => { if (c !== undefined && c >= 0 && origins[c] && sources[s]) offer(c, 0, s, 0); });
  for (let c = 0; c < C; c++) if (!(durationMs[c] <= maxDurationMs)) { durationMs[c] = Infinity; sourceOfOrigin[c] = -1; tied[c] = 0; }
  return { sourceOfOrigin, durationMs, tied };
}
