/**
 * Commune adjacency: the committed artifact (data/territory/commune-adjacency-2026.json.gz, built by
 * scripts/build-commune-adjacency.ts from the territory topology) has the PMSI adjacency's shape, so the basins'
 * loader re-indexes it (`adjacencyForCodes`: communes absent from it — overseas collectivities — get no neighbour
 * and are listed as missing). Here: the graph's connected components, which contiguity is judged within.
 */
import type { Adjacency } from './types.js';
import type { AdjacencyArtifact } from '../basins/adjacency.js';

export { adjacencyForCodes, adjacencyFromLists, checkAdjacency } from '../basins/adjacency.js';
export type CommuneAdjacencyArtifact = AdjacencyArtifact;

/** Connected components of the whole graph (mainland, Corsica, each island, each DROM…), numbered by first commune. */
export function graphComponents(adj: Adjacency): { componentOf: Int32Array; componentCount: number } {
  const n = adj.offsets.length - 1;
  const componentOf = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let componentCount = 0;
  for (let start = 0; start < n; start++) {
    if (componentOf[start] >= 0) continue;
    let top = 0;
    stack[top++] = start;
    componentOf[start] = componentCount;
    while (top > 0) {
      const i = stack[--top];
      for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) {
        const j = adj.neighbours[k];
        if (componentOf[j] < 0) { componentOf[j] = componentCount; stack[top++] = j; }
      }
    }
    componentCount++;
  }
  return { componentOf, componentCount };
}
