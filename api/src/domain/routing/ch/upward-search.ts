import type { ContractionHierarchy } from './ch.js';
import { MinHeap } from '../heap.js';

/** Starting labels of a search: CH ranks with an initial duration (ms) and distance (m). */
export interface RankSeeds {
  ranks: ArrayLike<number>;
  durationMs: ArrayLike<number>;
  distanceM: ArrayLike<number>;
}

/**
 * Dijkstra restricted to the upward edges of a contraction hierarchy, with stall-on-demand: a
 * node reached more cheaply through a higher-ranked neighbour is not expanded (it cannot be the
 * top of a shortest path). Forward searches climb `up` edges; backward searches climb `down` edges.
 * Reusable: labels are reset through the list of touched nodes, not by refilling arrays.
 */
export class UpwardSearch {
  readonly durationMs: Float64Array;
  readonly distanceM: Float64Array;
  /** CH edge that set the label (index into up* or down* arrays), -1 for a seed. */
  readonly parentEdge: Int32Array;
  /** Settled, non-stalled ranks of the last run, in settling order. */
  settled: Int32Array;
  settledCount = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap = new MinHeap(1024);
  private readonly climbFirst: Uint32Array;
  private readonly climbOther: Uint32Array;
  private readonly climbMs: Uint32Array;
  private readonly climbM: Float32Array;
  private readonly stallFirst: Uint32Array;
  private readonly stallOther: Uint32Array;
  private readonly stallMs: Uint32Array;

  constructor(ch: ContractionHierarchy, readonly direction: 'forward' | 'backward') {
    const n = ch.nodeCount;
    this.durationMs = new Float64Array(n).fill(Infinity);
    this.distanceM = new Float64Array(n);
    this.parentEdge = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.settled = new Int32Array(Math.min(n, 1024));
    const forward = direction === 'forward';
    this.climbFirst = forward ? ch.upFirst : ch.downFirst;
    this.climbOther = forward ? ch.upTarget : ch.downSource;
    this.climbMs = forward ? ch.upDurationMs : ch.downDurationMs;
    this.climbM = forward ? ch.upDistanceM : ch.downDistanceM;
    this.stallFirst = forward ? ch.downFirst : ch.upFirst;
    this.stallOther = forward ? ch.downSource : ch.upTarget;
    this.stallMs = forward ? ch.downDurationMs : ch.upDurationMs;
  }

  run(seeds: RankSeeds, stall = true): void {
    const { durationMs, distanceM, parentEdge, touched, heap } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      durationMs[touched[i]] = Infinity;
      parentEdge[touched[i]] = -1;
    }
    this.touchedCount = 0;
    this.settledCount = 0;
    heap.clear();
    for (let i = 0; i < seeds.ranks.length; i++) {
      const r = seeds.ranks[i];
      if (seeds.durationMs[i] >= durationMs[r]) continue;
      if (durationMs[r] === Infinity) touched[this.touchedCount++] = r;
      durationMs[r] = seeds.durationMs[i];
      distanceM[r] = seeds.distanceM[i];
      heap.push(durationMs[r], r);
    }
    const { climbFirst, climbOther, climbMs, climbM, stallFirst, stallOther, stallMs } = this;
    while (heap.size > 0) {
      const d = heap.peekKey();
      const u = heap.pop();
      if (d > durationMs[u]) continue;
      if (stall) {
        let stalled = false;
        for (let e = stallFirst[u]; e < stallFirst[u + 1]; e++) {
          if (durationMs[stallOther[e]] + stallMs[e] < d) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
      }
      if (this.settledCount === this.settled.length) this.growSettled();
      this.settled[this.settledCount++] = u;
      const m = distanceM[u];
      for (let e = climbFirst[u]; e < climbFirst[u + 1]; e++) {
        const x = climbOther[e];
        const nd = d + climbMs[e];
        if (nd < durationMs[x]) {
          if (durationMs[x] === Infinity) touched[this.touchedCount++] = x;
          durationMs[x] = nd;
          distanceM[x] = m + climbM[e];
          parentEdge[x] = e;
          heap.push(nd, x);
        }
      }
    }
  }

  private growSettled(): void {
    const bigger = new Int32Array(this.settled.length * 2);
    bigger.set(this.settled);
    this.settled = bigger;
  }
}
