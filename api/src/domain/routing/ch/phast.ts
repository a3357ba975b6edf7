import type { ContractionHierarchy } from './ch.js';
import { toRankSeeds, type NodeSeeds } from './ch-query.js';
import { UpwardSearch } from './upward-search.js';

/**
 * One-to-all shortest durations with PHAST: an upward search from the seeds, then one sweep over
 * all ranks from the top down (linear memory access, no heap). Direction 'from' (default): times
 * from the seeds to every node (forward search, downward edges swept). Direction 'to': times from
 * every node to the seeds (backward search, upward edges swept in reverse) — e.g. patients driving
 * to a hospital. Returns labels per graph node in ms (Infinity = unreachable), distances on request.
 */
export function phast(
  ch: ContractionHierarchy,
  source: NodeSeeds,
  options: { withDistance?: boolean; search?: UpwardSearch; direction?: 'from' | 'to' } = {},
): { durationMs: Float64Array; distanceM: Float64Array | null } {
  const n = ch.nodeCount;
  const to = options.direction === 'to';
  const search = options.search ?? new UpwardSearch(ch, to ? 'backward' : 'forward');
  search.run(toRankSeeds(ch, source));
  const byRankMs = new Float64Array(n).fill(Infinity);
  const byRankM = options.withDistance ? new Float64Array(n) : null;
  for (let i = 0; i < search.settledCount; i++) {
    const r = search.settled[i];
    byRankMs[r] = search.durationMs[r];
    if (byRankM) byRankM[r] = search.distanceM[r];
  }
  // edges between rank r and higher ranks: into r (from) or out of r (to)
  const first = to ? ch.upFirst : ch.downFirst;
  const other = to ? ch.upTarget : ch.downSource;
  const edgeMs = to ? ch.upDurationMs : ch.downDurationMs;
  const edgeM = to ? ch.upDistanceM : ch.downDistanceM;
  for (let r = n - 1; r >= 0; r--) {
    let best = byRankMs[r];
    let via = -1;
    for (let e = first[r]; e < first[r + 1]; e++) {
      const d = byRankMs[other[e]] + edgeMs[e];
      if (d < best) {
        best = d;
        via = e;
      }
    }
    if (via !== -1) {
      byRankMs[r] = best;
      if (byRankM) byRankM[r] = byRankM[other[via]] + edgeM[via];
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
