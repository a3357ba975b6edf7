import type { ContractionHierarchy } from '../ch/ch.js';
import { toRankSeeds, type NodeSeeds } from '../ch/ch-query.js';
import { UpwardSearch } from '../ch/upward-search.js';

/** Backward search spaces of all targets, grouped by rank (CSR): the "buckets" of many-to-many CH. */
export interface TargetBuckets {
  targetCount: number;
  first: Uint32Array;
  target: Uint32Array;
  durationMs: Float64Array;
  distanceM: Float64Array;
}

/** Durations (ms, Infinity = unreachable) and distances (m) in row-major order: [source * targetCount + target]. */
export interface NodeMatrix {
  sourceCount: number;
  targetCount: number;
  durationMs: Float64Array;
  distanceM: Float64Array;
}

export function buildTargetBuckets(ch: ContractionHierarchy, targets: readonly NodeSeeds[]): TargetBuckets {
  const search = new UpwardSearch(ch, 'backward');
  let rank: number[] = [];
  let owner: number[] = [];
  let ms: number[] = [];
  let m: number[] = [];
  for (let j = 0; j < targets.length; j++) {
    search.run(toRankSeeds(ch, targets[j]));
    for (let i = 0; i < search.settledCount; i++) {
      const r = search.settled[i];
      rank.push(r);
      owner.push(j);
      ms.push(search.durationMs[r]);
      m.push(search.distanceM[r]);
    }
  }
  const n = ch.nodeCount;
  const first = new Uint32Array(n + 1);
  for (const r of rank) first[r + 1]++;
  for (let r = 0; r < n; r++) first[r + 1] += first[r];
  const fill = first.slice(0, n);
  const target = new Uint32Array(rank.length);
  const durationMs = new Float64Array(rank.length);
  const distanceM = new Float64Array(rank.length);
  for (let k = 0; k < rank.length; k++) {
    const slot = fill[rank[k]]++;
    target[slot] = owner[k];
    durationMs[slot] = ms[k];
    distanceM[slot] = m[k];
  }
  rank = owner = ms = m = [];
  return { targetCount: targets.length, first, target, durationMs, distanceM };
}

/** Fills rows [from, to) of a matrix from the forward searches of those sources. */
export function scanSources(
  ch: ContractionHierarchy, buckets: TargetBuckets, sources: readonly NodeSeeds[], from: number, to: number,
  durationMs: Float64Array, distanceM: Float64Array, rowOffset = from,
): void {
  const search = new UpwardSearch(ch, 'forward');
  const t = buckets.targetCount;
  const { first, target, durationMs: bucketMs, distanceM: bucketM } = buckets;
  for (let i = from; i < to; i++) {
    search.run(toRankSeeds(ch, sources[i]));
    const row = (i - rowOffset) * t;
    for (let k = 0; k < search.settledCount; k++) {
      const r = search.settled[k];
      const d = search.durationMs[r];
      const dm = search.distanceM[r];
      for (let b = first[r]; b < first[r + 1]; b++) {
        const cell = row + target[b];
        const total = d + bucketMs[b];
        if (total < durationMs[cell]) {
          durationMs[cell] = total;
          distanceM[cell] = dm + bucketM[b];
        }
      }
    }
  }
}

/** Many-to-many durations with bucket CH, single thread. */
export function chMatrix(ch: ContractionHierarchy, sources: readonly NodeSeeds[], targets: readonly NodeSeeds[]): NodeMatrix {
  const buckets = buildTargetBuckets(ch, targets);
  const durationMs = new Float64Array(sources.length * targets.length).fill(Infinity);
  const distanceM = new Float64Array(sources.length * targets.length);
  scanSources(ch, buckets, sources, 0, sources.length, durationMs, distanceM);
  return { sourceCount: sources.length, targetCount: targets.length, durationMs, distanceM };
}
