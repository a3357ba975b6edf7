import type { RoadGraph } from '../graph/graph.js';

/**
 * Weakly connected component of every node (union–find over all edges, direction ignored). Two points in
 * different components have no road between them at all (an island such as Corsica and the mainland in the
 * national graph); in the same component, a missing route comes from one-way or closed roads.
 */
export function roadComponents(graph: RoadGraph): Int32Array {
  const parent = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = graph.firstOut[v]; e < graph.firstOut[v + 1]; e++) {
      const a = find(v), b = find(graph.edgeTarget[e]);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  for (let v = 0; v < graph.nodeCount; v++) parent[v] = find(v);
  return parent;
}

/** Component of the piece a point snapped to (both end nodes share it). */
export function pieceComponent(graph: RoadGraph, components: Int32Array, piece: number): number {
  return components[graph.pieceFromNode[piece]];
}
