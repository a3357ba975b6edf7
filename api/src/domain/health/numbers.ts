/**
 * French number formats as found in ScanSanté exports: "9 337" (space or non-breaking space as
 * thousands separator), "2,80" (decimal comma), "47,5 %" (percentages), "1 à 10" (masked count).
 */

/** A count that may be masked: exact counts have min === max; "1 à 10" gives { min: 1, max: 10 }. */
export interface CountRange {
  min: number;
  max: number;
}

const SPACES = /[\s\u00a0\u202f]/g;
const MASKED = /^(\d+)\s*à\s*(\d+)$/;

/** Parses "9 337" / "9\u00a0337" / "2,80" → number; "", "NA", "-" → null; throws on anything else. */
export function parseFrenchNumber(raw: string): number | null {
  const s = raw.replace(SPACES, '');
  if (s === '' || s === 'NA' || s === '-') return null;
  if (!/^-?\d+(,\d+)?$/.test(s)) throw new Error(`not a French number: "${raw}"`);
  return Number(s.replace(',', '.'));
}

/** Parses a count, exact or masked ("1 à 10" → { min: 1, max: 10 }, never 0 nor 10). */
export function parseCount(raw: string): CountRange | null {
  const trimmed = raw.replace(SPACES, ' ').trim();
  const masked = MASKED.exec(trimmed);
  if (masked) return { min: Number(masked[1]), max: Number(masked[2]) };
  const n = parseFrenchNumber(raw);
  if (n === null) return null;
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: "${raw}"`);
  return { min: n, max: n };
}

/** Parses "47,5 %" → 0.475 (a ratio, 0–1). */
export function parsePercentRatio(raw: string): number | null {
  const s = raw.replace(SPACES, '');
  if (s === '' || s === 'NA') return null;
  if (!s.endsWith('%')) throw new Error(`not a percentage: "${raw}"`);
  const n = parseFrenchNumber(s.slice(0, -1));
  return n === null ? null : Math.round(n * 10) / 1000;
}

/** Midpoint used only where a single figure is unavoidable (e.g. model weights); callers say so. */
export const countMidpoint = (c: CountRange): number => (c.min + c.max) / 2;
