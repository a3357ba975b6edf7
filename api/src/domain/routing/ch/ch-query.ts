import type { ContractionHierarchy } from './ch.js';
import { UpwardSearch, type RankSeeds } from './upward-search.js';

/** Where a search starts or ends: graph nodes with the duration/distance already spent (or still to spend). */
export interface NodeSeeds {
  nodes: number[];
  durationMs: number[];
  distanceM: number[];
}

export const nodeSeed = (node: number): NodeSeeds => ({ nodes: [node], durationMs: [0], distanceM: [0] });

export function toRankSeeds(ch: ContractionHierarchy, seeds: NodeSeeds): RankSeeds {
  return { ranks: seeds.nodes.map((v) => ch.rankOfNode[v]), durationMs: seeds.durationMs, distanceM: seeds.distanceM };
}

export interface NodePath {
  durationMs: number;
  /** Graph edges in travel order (empty when source and target seeds meet at one node). */
  edges: number[];
  /** Graph node where the path starts and ends (one of the seeds). */
  sourceNode: number;
  targetNode: number;
}

/** Reusable point-to-point query state (two upward searches) for one hierarchy. */
export class ChRouter {
  private readonly forward: UpwardSearch;
  private readonly backward: UpwardSearch;

  constructor(readonly ch: ContractionHierarchy) {
    this.forward = new UpwardSearch(ch, 'forward');
    this.backward = new UpwardSearch(ch, 'backward');
  }

  /** Shortest duration in ms between seeds, or null when the target cannot be reached. */
  durationMs(source: NodeSeeds, target: NodeSeeds): number | null {
    const meet = this.meet(source, target);
    return meet === -1 ? null : this.forward.durationMs[meet] + this.backward.durationMs[meet];
  }

  /** Shortest path with its graph edges, or null when unreachable. */
  path(source: NodeSeeds, target: NodeSeeds): NodePath | null {
    const meet = this.meet(source, target);
    if (meet === -1) return null;
    const chEdges: { up: boolean; edge: number }[] = [];
    for (let r = meet; this.forward.parentEdge[r] !== -1; ) {
      const e = this.forward.parentEdge[r];
      chEdges.push({ up: true, edge: e });
      r = upSource(this.ch, e);
    }
    chEdges.reverse();
    let end = meet;
    for (let r = meet; this.backward.parentEdge[r] !== -1; ) {
      const e = this.backward.parentEdge[r];
      chEdges.push({ up: false, edge: e });
      r = downTarget(this.ch, e);
      end = r;
    }
    let start = meet;
    for (let r = meet; this.forward.parentEdge[r] !== -1; ) r = start = upSource(this.ch, this.forward.parentEdge[r]);
    const edges: number[] = [];
    for (const { up, edge } of chEdges) unpackEdge(this.ch, up, edge, edges);
    return {
      durationMs: this.forward.durationMs[meet] + this.backward.durationMs[meet],
      edges,
      sourceNode: this.ch.nodeOfRank[start],
      targetNode: this.ch.nodeOfRank[end],
    };
  }

  private meet(source: NodeSeeds, target: NodeSeeds): number {
    this.forward.run(toRankSeeds(this.ch, source));
    this.backward.run(toRankSeeds(this.ch, target));
    let best = Infinity;
    let meet = -1;
    const f = this.forward;
    const b = this.backward;
    for (let i = 0; i < f.settledCount; i++) {
      const r = f.settled[i];
      const total = f.durationMs[r] + b.durationMs[r];
      if (total < best) {
        best = total;
        meet = r;
      }
    }
    // the top of a shortest path has exact labels on both sides, so it is never stalled: scanning
    // the forward search space is enough
    return meet;
  }
}

/** Lower end of an upward edge (binary search in upFirst). */
function upSource(ch: ContractionHierarchy, e: number): number {
  return ownerOf(ch.upFirst, e);
}

/** Lower end of a downward edge: the rank it is stored at. */
function downTarget(ch: ContractionHierarchy, e: number): number {
  return ownerOf(ch.downFirst, e);
}

function ownerOf(first: Uint32Array, e: number): number {
  let lo = 0;
  let hi = first.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (first[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Expands a CH edge into original graph edges (appended to `out`). A shortcut a→b via m is the
 * downward edge a→m (stored at m) followed by the upward edge m→b (stored at m).
 */
export function unpackEdge(ch: ContractionHierarchy, up: boolean, edge: number, out: number[]): void {
  const stack: number[] = [up ? edge : -1 - edge];
  while (stack.length > 0) {
    const code = stack.pop()!;
    const isUp = code >= 0;
    const e = isUp ? code : -1 - code;
    const middle = isUp ? ch.upMiddle[e] : ch.downMiddle[e];
    if (middle < 0) {
      out.push(-1 - middle);
      continue;
    }
    const from = isUp ? upSource(ch, e) : ch.downSource[e];
    const to = isUp ? ch.upTarget[e] : downTarget(ch, e);
    let second = -1;
    for (let k = ch.upFirst[middle]; k < ch.upFirst[middle + 1]; k++) if (ch.upTarget[k] === to) second = k;
    let first = -1;
    for (let k = ch.downFirst[middle]; k < ch.downFirst[middle + 1]; k++) if (ch.downSource[k] === from) first = k;
    if (first === -1 || second === -1) throw new Error(`corrupt hierarchy: shortcut ${from}→${to} via ${middle}`);
    stack.push(second, -1 - first); // LIFO: the first half is expanded first
  }
}
