import type { CountRange } from './numbers.js';

export interface ActivityTrend {
  fromYear: number;
  toYear: number;
  /** Least-squares slope of exact yearly stays, in stays per year. */
  slopeStaysPerYear: number;
  /** Slope over the mean of the years used (e.g. 0.02 = +2 % a year). */
  annualChangeRatio: number;
  /** Years left out because their count is masked ("1 à 10") or missing. */
  yearsLeftOut: number[];
}

/** Linear trend of yearly stays; masked years are left out (never read as 0 or 10). Null below 3 exact years. */
export function activityTrend(series: { year: number; stays: CountRange | null }[]): ActivityTrend | null {
  const exact = series.filter((s) => s.stays && s.stays.min === s.stays.max);
  const leftOut = series.filter((s) => !exact.includes(s)).map((s) => s.year);
  if (exact.length < 3) return null;
  const n = exact.length;
  const mx = exact.reduce((a, s) => a + s.year, 0) / n;
  const my = exact.reduce((a, s) => a + s.stays!.min, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of exact) {
    num += (s.year - mx) * (s.stays!.min - my);
    den += (s.year - mx) ** 2;
  }
  const slope = num / den;
  return { fromYear: exact[0].year, toYear: exact[n - 1].year, slopeStaysPerYear: slope, annualChangeRatio: my ? slope / my : 0, yearsLeftOut: leftOut };
}

/** The years a yearly activity series covers on the 2015–2024 ScanSanté axis: where it starts and stops (no row = no data). */
export interface ActivityCoverage {
  fromYear: number;
  toYear: number;
  /** The axis the chart draws. */
  axisFromYear: number;
  axisToYear: number;
  /** True when the series stops before the axis does (e.g. a hospital merged into another in 2021). */
  endsEarly: boolean;
  startsLate: boolean;
}

export function activityCoverage(series: { year: number; stays: CountRange | null }[], axis: [number, number] = [2015, 2024]): ActivityCoverage | null {
  const years = series.filter((s) => s.stays).map((s) => s.year);
  if (!years.length) return null;
  const fromYear = Math.min(...years), toYear = Math.max(...years);
  return { fromYear, toYear, axisFromYear: axis[0], axisToYear: axis[1], endsEarly: toYear < axis[1], startsLate: fromYear > axis[0] };
}
