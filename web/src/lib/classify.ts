/** Class breaks for choropleths: pure functions, tested in test/domain/classify.test.ts. */
export type ClassMethod = 'quantile' | 'jenks';

const finite = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);

/** Upper bounds of k classes holding (about) the same number of values; last bound = max. */
export function quantileBreaks(values: readonly (number | null)[], k: number): number[] {
  const xs = finite(values);
  if (xs.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= k; i++) breaks.push(xs[Math.min(xs.length - 1, Math.ceil((i / k) * xs.length) - 1)]);
  return [...new Set(breaks)];
}

/**
 * Jenks natural breaks (Fisher's exact optimisation of within-class variance) on at most `sampleSize` values,
 * taken evenly from the sorted list so 35k communes classify in a few ms. Upper bounds; last = max.
 */
export function jenksBreaks(values: readonly (number | null)[], k: number, sampleSize = 2000): number[] {
  const all = finite(values);
  if (all.length === 0) return [];
  const step = Math.max(1, all.length / sampleSize);
  const xs: number[] = [];
  for (let i = 0; i < all.length; i += step) xs.push(all[Math.floor(i)]);
  if (xs[xs.length - 1] !== all[all.length - 1]) xs.push(all[all.length - 1]);
  const n = xs.length;
  const classes = Math.min(k, new Set(xs).size);
  if (classes <= 1) return [all[all.length - 1]];
  // lower[i][j]: best start index of class j ending at value i; variance[i][j]: its cost.
  const lower = Array.from({ length: n + 1 }, () => new Int32Array(classes + 1));
  const variance = Array.from({ length: n + 1 }, () => new Float64Array(classes + 1).fill(Infinity));
  for (let j = 1; j <= classes; j++) {
    lower[1][j] = 1;
    variance[1][j] = 0;
  }
  for (let l = 2; l <= n; l++) {
    let s1 = 0, s2 = 0, w = 0, v = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const val = xs[i3 - 1];
      s2 += val * val;
      s1 += val;
      w++;
      v = s2 - (s1 * s1) / w;
      const i4 = i3 - 1;
      if (i4 !== 0) {
        for (let j = 2; j <= classes; j++) {
          if (variance[l][j] >= v + variance[i4][j - 1]) {
            lower[l][j] = i3;
            variance[l][j] = v + variance[i4][j - 1];
          }
        }
      }
    }
    lower[l][1] = 1;
    variance[l][1] = v;
  }
  const breaks = new Array<number>(classes);
  breaks[classes - 1] = xs[n - 1];
  let kk = n;
  for (let j = classes; j >= 2; j--) {
    const id = lower[kk][j] - 2;
    breaks[j - 2] = xs[id];
    kk = lower[kk][j] - 1;
  }
  return breaks;
}

export function classBreaks(method: ClassMethod, values: readonly (number | null)[], k: number): number[] {
  return method === 'jenks' ? jenksBreaks(values, k) : quantileBreaks(values, k);
}

/** Index of the class of v (first break ≥ v), or -1 for missing values. */
export function classOf(v: number | null, breaks: readonly number[]): number {
  if (v === null || !Number.isFinite(v)) return -1;
  for (let i = 0; i < breaks.length; i++) if (v <= breaks[i]) return i;
  return breaks.length - 1;
}

/** Sequential ramps (ColorBrewer YlGnBu / RdBu-like diverging), picked by class count. */
const SEQUENTIAL = ['#f7fcb9', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];
const DIVERGING = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

export function rampFor(classCount: number, diverging = false): string[] {
  const base = diverging ? DIVERGING : SEQUENTIAL;
  if (classCount >= base.length) return base;
  return Array.from({ length: classCount }, (_, i) => base[Math.round((i * (base.length - 1)) / Math.max(1, classCount - 1))]);
}

/**
 * Legend labels of the classes (previous break, break]: "a – b", or "a" when a class holds one value. For
 * integer data (counts) a class starts at the previous break + 1, so 0 | 1 – 2 | 3 – 6, not 0 | 0 – 2 | 2 – 6.
 */
export function classLabels(breaks: readonly number[], min: number | null, integer: boolean, unit: string): string[] {
  return breaks.map((b, i) => {
    const to = integer ? Math.floor(b) : b;
    let from = i === 0 ? (min ?? b) : integer ? Math.floor(breaks[i - 1]) + 1 : breaks[i - 1];
    if (from > to) from = to;
    return from === to ? formatValue(to, unit) : `${formatValue(from, unit)} – ${formatValue(to, unit)}`;
  });
}

export function formatValue(v: number, unit: string): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const s = v.toLocaleString('fr-FR', { maximumFractionDigits: digits });
  return unit === '%' ? `${s} %` : s;
}
