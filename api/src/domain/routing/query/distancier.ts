import type { ContractionHierarchy } from '../ch/ch.js';
import { toRankSeeds, type NodeSeeds } from '../ch/ch-query.js';
import { UpwardSearch } from '../ch/upward-search.js';

/** One block of pairs within the cut-off: parallel arrays (sources and targets are input indices). */
export interface SparseBlock {
  source: Uint32Array;
  target: Uint32Array;
  durationMs: Float64Array;
  distanceM: Float64Array;
}

/**
 * Every (source, target) pair within `maxDurationMs` — the engine of a commune × commune
 * distancier. Bucket CH where bucket entries beyond the cut-off are never stored (a backward label
 * above the cut-off cannot lead to a pair within it) and forward labels beyond it are not scanned;
 * sources are processed in blocks and each block's pairs are handed to `onBlock`, so memory stays
 * proportional to the targets' search spaces plus one block of results.
 */
export function pairsWithin(
  ch: ContractionHierarchy,
  sources: readonly NodeSeeds[],
  targets: readonly NodeSeeds[],
  maxDurationMs: number,
  onBlock: (block: SparseBlock) => void,
  blockSize = 256,
): void {
  const n = ch.nodeCount;
  const backward = new UpwardSearch(ch, 'backward');
  const count = new Uint32Array(n + 1);
  const entries: number[][] = [[], [], [], []]; // rank, target, ms, m
  for (let j = 0; j < targets.length; j++) {
    backward.run(toRankSeeds(ch, targets[j]));
    for (let i = 0; i < backward.settledCount; i++) {
      const r = backward.settled[i];
      if (backward.durationMs[r] > maxDurationMs) continue;
      entries[0].push(r);
      entries[1].push(j);
      entries[2].push(backward.durationMs[r]);
      entries[3].push(backward.distanceM[r]);
      count[r + 1]++;
    }
  }
  for (let r = 0; r < n; r++) count[r + 1] += count[r];
  const fill = count.slice(0, n);
  const bucketTarget = new Uint32Array(entries[0].length);
  const bucketMs = new Float64Array(entries[0].length);
  const bucketM = new Float64Array(entries[0].length);
  for (let k = 0; k < entries[0].length; k++) {
    const slot = fill[entries[0][k]]++;
    bucketTarget[slot] = entries[1][k];
    bucketMs[slot] = entries[2][k];
    bucketM[slot] = entries[3][k];
  }
  entries.length = 0;
  const forward = new UpwardSearch(ch, 'forward');
  const rowMs = new Float64Array(targets.length).fill(Infinity);
  const rowM = new Float64Array(targets.length);
  const hit: number[] = [];
  for (let from = 0; from < sources.length; from += blockSize) {
    const out: number[][] = [[], [], [], []];
    for (let i = from; i < Math.min(sources.length, from + blockSize); i++) {
      forward.run(toRankSeeds(ch, sources[i]));
      for (let k = 0; k < forward.settledCount; k++) {
        const r = forward.settled[k];
        const d = forward.durationMs[r];
        if (d > maxDurationMs) continue;
        for (let b = count[r]; b < count[r + 1]; b++) {
          const total = d + bucketMs[b];
          const t = bucketTarget[b];
          if (total > maxDurationMs || total >= rowMs[t]) continue;
          if (rowMs[t] === Infinity) hit.push(t);
          rowMs[t] = total;
          rowM[t] = forward.distanceM[r] + bucketM[b];
        }
      }
      for (const t of hit) {
        out[0].push(i);
        out[1].push(t);
        out[2].push(rowMs[t]);
        out[3].push(rowM[t]);
        rowMs[t] = Infinity;
      }
      hit.length = 0;
    }
    onBlock({ source: Uint32Array.from(out[0]), target: Uint32Array.from(out[1]), durationMs: Float64Array.from(out[2]), distanceM: Float64Array.from(out[3]) });
  }
}
