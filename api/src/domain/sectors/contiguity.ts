/**
 * Contiguity of a sector on the commune adjacency. The rule (shared by the KPIs, the MILP and the heuristic):
 * a sector is contiguous when its communes that lie in its base's graph component (the mainland, Corsica, an island…)
 * form one connected piece holding the base. Communes in another component (an island without bridge by border,
 * Corsica for a mainland base) cannot join it by land: they are counted as `detachedPieceCount`, allowed.
 * Without a base, the largest piece plays the base's part.
 */
import type { Adjacency } from './types.js';
import { graphComponents } from './adjacency.js';

export interface SectorPieces {
  /** connected pieces in the base's graph component (1 = contiguous, 0 = empty) */
  pieceCount: number;
  /** pieces lying in other graph components (islands, Corsica…), tolerated */
  detachedPieceCount: number;
  /** communes in the base's component but outside the base's piece: what breaks contiguity */
  stray: number[];
}

/** Finds a sector's pieces in O(its communes + their edges); reuses its buffers between calls (no allocation per call). */
export class PieceFinder {
  readonly componentOf: Int32Array;
  private readonly seen: Int32Array;
  private readonly queue: Int32Array;
  private stamp = 0;

  constructor(readonly adjacency: Adjacency) {
    this.componentOf = graphComponents(adjacency).componentOf;
    const n = adjacency.offsets.length - 1;
    this.seen = new Int32Array(n);
    this.queue = new Int32Array(n);
  }

  /** Marks and counts the piece of sector `s` around `start`; returns its size. */
  private flood(sectorOf: Int32Array, s: number, start: number): number {
    const { offsets, neighbours } = this.adjacency;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = start;
    this.seen[start] = this.stamp;
    while (head < tail) {
      const i = this.queue[head++];
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        const j = neighbours[k];
        if (sectorOf[j] === s && this.seen[j] !== this.stamp) { this.seen[j] = this.stamp; this.queue[tail++] = j; }
      }
    }
    return tail;
  }

  pieces(sectorOf: Int32Array, s: number, members: ArrayLike<number>, base: number): SectorPieces {
    this.stamp++;
    const root = base >= 0 && sectorOf[base] === s ? base : this.largestPiece(sectorOf, s, members);
    const out: SectorPieces = { pieceCount: 0, detachedPieceCount: 0, stray: [] };
    if (root < 0) return out;
    this.stamp++;
    this.flood(sectorOf, s, root);
    const rootStamp = this.stamp;
    out.pieceCount = 1;
    const rootComponent = this.componentOf[root];
    for (let m = 0; m < members.length; m++) {
      const c = members[m];
      if (this.seen[c] !== rootStamp && this.componentOf[c] === rootComponent) out.stray.push(c);
    }
    this.stamp++; // other pieces never reach the root's piece, whose marks stay rootStamp
    for (let m = 0; m < members.length; m++) {
      const c = members[m];
      if (this.seen[c] === rootStamp || this.seen[c] === this.stamp) continue;
      this.flood(sectorOf, s, c);
      if (this.componentOf[c] === rootComponent) out.pieceCount++;
      else out.detachedPieceCount++;
    }
    return out;
  }

  private largestPiece(sectorOf: Int32Array, s: number, members: ArrayLike<number>): number {
    let best = -1;
    let bestSize = 0;
    for (let m = 0; m < members.length; m++) {
      if (this.seen[members[m]] === this.stamp) continue;
      const size = this.flood(sectorOf, s, members[m]);
      if (size > bestSize) { bestSize = size; best = members[m]; }
    }
    return best;
  }

  /** Whether removing commune `c` from its sector `s` keeps the base's piece connected (c not the base). */
  staysConnectedWithout(sectorOf: Int32Array, c: number, base: number): boolean {
    const s = sectorOf[c];
    const { offsets, neighbours } = this.adjacency;
    let first = -1;
    let count = 0;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) if (sectorOf[neighbours[k]] === s) { count++; if (first < 0) first = neighbours[k]; }
    if (count <= 1) return true;
    sectorOf[c] = -2;
    this.stamp++;
    this.flood(sectorOf, s, base >= 0 && base !== c ? base : first);
    sectorOf[c] = s;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) if (sectorOf[neighbours[k]] === s && this.seen[neighbours[k]] !== this.stamp) return false;
    return true;
  }
}
