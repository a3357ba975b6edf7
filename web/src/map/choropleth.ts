import { classBreaks, classOf, rampFor, type ClassMethod } from '../lib/classify';
import type { WorkspaceState } from '../state/workspace';

export interface Choropleth {
  breaks: number[];
  colors: string[];
  /** Colour of every commune code (null: no value → the no-data fill), applied as MapLibre feature-state. */
  colorByCode: Map<string, string | null>;
  missingCount: number;
  /** Smallest value (lower bound of the first legend class), null when there is none. */
  min: number | null;
  /** Every value is a whole number (counts): legend classes then read 0 | 1 – 2 | 3 – 6. */
  integer: boolean;
}

/**
 * Classes and one colour per commune. Applied through feature-state (`promoteId: 'code'`), not a
 * `match` expression on `code`: measured in Chromium on the France view (35k communes, 3 runs each),
 * 34,865 setFeatureState calls take 8–33 ms and the map is idle again after 0.9–1.0 s, while a 35k-code
 * `match` paint update took 2.1–6.4 s to idle (software GL, loaded machine; the ratio is what counts).
 * Feature state lives in the source, so tiles loaded later are coloured too.
 */
export function buildChoropleth(codes: string[], values: (number | null)[], method: ClassMethod, classCount: number, diverging: boolean, palette?: readonly string[]): Choropleth {
  if (palette?.length) return categoricalChoropleth(codes, values, palette);
  const breaks = classBreaks(method, values, classCount);
  const colors = rampFor(breaks.length, diverging);
  const colorByCode = new Map<string, string | null>();
  let missingCount = 0;
  let min: number | null = null;
  let integer = true;
  codes.forEach((code, i) => {
    const k = classOf(values[i], breaks);
    colorByCode.set(code, k < 0 ? null : colors[k]);
    if (k < 0) missingCount++;
    else {
      if (min === null || values[i]! < min) min = values[i];
      if (integer && !Number.isInteger(values[i])) integer = false;
    }
  });
  return { breaks, colors, colorByCode, missingCount, min, integer };
}

/** A categorical map (flow basins…): value k ≥ 0 is drawn palette[k % length]; no classes (the legend comes with the indicator). */
function categoricalChoropleth(codes: string[], values: (number | null)[], palette: readonly string[]): Choropleth {
  const colorByCode = new Map<string, string | null>();
  let missingCount = 0;
  codes.forEach((code, i) => {
    const v = values[i];
    const ok = v !== null && v >= 0;
    colorByCode.set(code, ok ? palette[v % palette.length] : null);
    if (!ok) missingCount++;
  });
  return { breaks: [], colors: [], colorByCode, missingCount, min: null, integer: true };
}

/**
 * Opacity of the commune choropleth: lowered while an analysis is drawn over it so both stay readable.
 * A feature whose deck.gl layer covers the map adds its condition here.
 */
export function choroplethOpacity(state: WorkspaceState): number {
  return state.isochrone.result ? 0.35 : 0.88;
}
