/** Map label data (from GET /api/territory/labels), kept free of deck.gl so the app shell stays light. */
export interface LabelPoint {
  code: string;
  name: string;
  lon: number;
  lat: number;
  populationCount: number;
}

export interface LabelData {
  communes: LabelPoint[];
  departements: LabelPoint[];
  regions: LabelPoint[];
  /** Every character the names use (upper-cased too): deck.gl builds its local font atlas from it. */
  characterSet: string[];
}

export function characterSetOf(names: string[]): string[] {
  const set = new Set<string>();
  for (const n of names) for (const ch of n) set.add(ch);
  for (const n of names) for (const ch of n.toUpperCase()) set.add(ch);
  return [...set];
}
