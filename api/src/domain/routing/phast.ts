import type { ContractionHierarchy } from './ch.js';
import { toRankSeeds, type NodeSeeds } from './ch-query.js';
import { UpwardSearch } from './upward-search.js';

/**
 * One-to-all shortest durations with PHAST: an upward search from the source, then one sweep over
 * all ranks from the top down relaxing downward edges (linear memory access, no heap).
 * Returns labels per graph node in ms (Infinity = unreachable) and, on request, distances in m.
 */
export function phast(
  ch: ContractionHierarchy,
  source: NodeSeeds,
  options: { withDistance?: boolean; search?: UpwardSearch } = {},
): { durationMs: Float64Array; distanceM: Float64Array | null } {
  const n = ch.nodeCount;
  const search = options.search ?? new UpwardSearch(ch, 'forward');
  search.run(toRankSeeds(ch, source));
  const byRankMs = new Float64Array(n).fill(Infinity);
  const byRankM = options.withDistance ? new Float64Array(n) : null;
  for (let i = 0; i < search.settledCount; i++) {
    const r = search.settled[i];
    byRankMs[r] = search.durationMs[r];
    if (byRankM) byRankM[r] = search.distanceM[r];
  }
  const { downFirst, downSource, downDurationMs, downDistanceM } = ch;
  for (let r = n - 1; r >= 0; r--) {
    let best = byRankMs[r];
    let from = -1;
    for (let e = downFirst[r]; e < downFirst[r + 1]; e++) {
      const d = byRankMs[downSource[e]] + downDurationMs[e];
      if (d < best) {
        best = d;
        from = e;
      }
    }
    if (from !== -1) {
      byRankMs[r] = best;
      if (byRankM) byRankM[r] = byRankM[downSource[from]] + downDistanceM[from];
    }
  }
  const durationMs = new Float64Array(n);
  const distanceM = byRankM ? new Float64Array(n) : null;
  for (let r = 0; r < n; r++) {
    const v = ch.nodeOfRank[r];
    durationMs[v] = byRankMs[r];
    if (distanceM && byRankM) distanceM[v] = byRankM[r];
  }
  return { durationMs, distanceM };
}
