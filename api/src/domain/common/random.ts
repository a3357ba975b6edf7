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
