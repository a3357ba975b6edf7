import type { Migration } from 'kysely';
import * as territory from './2026_11_22_1200_territory.js';
import * as layers from './2026_11_23_0100_layers.js';
import * as health from './2026_11_23_0500_health.js';
import * as roadEdges from './2026_11_23_0300_road_edges.js';
import * as distancier from './2026_11_23_0400_distancier.js';
import * as layerFeaturesCommuneFk from './2026_11_23_0700_layer_features_commune_fk.js';

/** All migrations, keyed by their dated name. Add one line per new migration file. */
export const migrations: Record<string, Migration> = {
  '2026_11_22_1200_territory': territory,
  '2026_11_23_0100_layers': layers,
  '2026_11_23_0500_health': health,
  '2026_11_23_0300_road_edges': roadEdges,
  '2026_11_23_0400_distancier': distancier,
  '2026_11_23_0700_layer_features_commune_fk': layerFeaturesCommuneFk,
};
