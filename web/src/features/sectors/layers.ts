import type { SectorsState } from './slice';

/**
 * deck.gl layers of the sectors feature: none — the shown version colours the map's choropleth (a categorical
 * virtual indicator `sectors:plan`, legend with the sector names).
 */
export function layers(_s?: SectorsState): never[] {
  return [];
}
