/**
 * PMSI code géo adjacency: the committed artifact (data/health/pmsi-adjacency-2017.json.gz, built by
 * scripts/build-pmsi-adjacency.ts from the ATIH polygons) and its re-indexing onto a flow table's origins.
 */
import type { Adjacency } from './types.js';
import { BasinInputError } from './types.js';
import { basinsText } from '../../messages/basins.js';

/** The artifact as stored (JSON): codes sorted, CSR over their indices. */
export interface AdjacencyArtifact {
  source: string;
  year: number;
  /** rook adjacency: two zones are neighbours when their outlines share at least one edge (a topology arc) */
  rule: string;
  codes: string[];
  offsets: number[];
  neighbours: number[];
}

/** CSR from neighbour lists (as topojson-client's `neighbors` returns), made symmetric, sorted, without self-loops. */
export function adjacencyFromLists(lists: number[][]): Adjacency {
  const n = lists.length;
  const sets: Set<number>[] = lists.map(() => new Set());
  lists.forEach((l, i) => {
    for (const j of l) {
      if (j === i || j < 0 || j >= n) continue;
      sets[i].add(j);
      sets[j].add(i);
    }
  });
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + sets[i].size;
  const neighbours = new Int32Array(offsets[n]);
  sets.forEach((s, i) => neighbours.set([...s].sort((a, b) => a - b), offsets[i]));
  return { offsets, neighbours };
}

/** Checks the CSR shape and symmetry; throws BasinInputError('BAD_INPUT', 'adjacency'). */
export function checkAdjacency(adj: Adjacency, n: number): void {
  const { offsets, neighbours } = adj;
  if (offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== neighbours.length) {
    throw new BasinInputError('BAD_INPUT', 'adjacency', basinsText.badAdjacency(n));
  }
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbours[k];
      if (j < 0 || j >= n || j === i || !hasNeighbour(adj, j, i)) throw new BasinInputError('BAD_INPUT', 'adjacency', basinsText.badAdjacency(n));
    }
  }
}

export function hasNeighbour(adj: Adjacency, i: number, j: number): boolean {
  for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) if (adj.neighbours[k] === j) return true;
  return false;
}

/**
 * The artifact's adjacency re-indexed onto `originCodes` (a flow table's origins, in the service's order). Codes
 * absent from the artifact (DROM, codes of other years, "99" foreign) get no neighbour; they are listed in `missing`.
 */
export function adjacencyForCodes(artifact: AdjacencyArtifact, originCodes: string[]): { adjacency: Adjacency; missing: string[] } {
  const index = new Map(originCodes.map((c, i) => [c, i]));
  const lists: number[][] = originCodes.map(() => []);
  const known = new Set<string>();
  artifact.codes.forEach((code, a) => {
    known.add(code);
    const i = index.get(code);
    if (i === undefined) return;
    for (let k = artifact.offsets[a]; k < artifact.offsets[a + 1]; k++) {
      const j = index.get(artifact.codes[artifact.neighbours[k]]);
      if (j !== undefined) lists[i].push(j);
    }
  });
  return { adjacency: adjacencyFromLists(lists), missing: originCodes.filter((c) => !known.has(c)) };
}
