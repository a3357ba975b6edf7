/**
 * The one seeded pseudo-random generator (mulberry32): the same seed gives the same stream on every run and
 * machine, so synthetic data (demo CRM, synthetic road graphs, modelled flows) and randomised tests are
 * reproducible. Not for anything secret. Changing this function changes every committed synthetic artifact.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indices with probability ∝ weights: one rand() per draw, binary search on the running sums. */
export function weightedPicker(weights: ArrayLike<number>, rand: () => number): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = total += weights[i];
  return () => {
    const r = rand() * total;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
