import type { Migration } from 'kysely';
import * as territory from './2026_11_22_1200_territory.js';
import * as layers from './2026_11_23_0100_layers.js';
import * as health from './2026_11_23_0500_health.js';
import * as roadEdges from './2026_11_23_0300_road_edges.js';
import * as distancier from './2026_11_23_0400_distancier.js';
import * as layerFeaturesCommuneFk from './2026_11_23_0700_layer_features_commune_fk.js';
import * as layerSoftDelete from './2026_11_30_0900_layer_soft_delete.js';
import * as insee from './2026_11_30_1000_insee.js';
import * as zones from './2026_11_30_1100_zones.js';
import * as areas from './2026_11_30_1200_areas.js';
import * as computedIndicators from './2026_11_30_2300_computed_indicators.js';
import * as sectors from './2026_12_01_0400_sectors.js';

/** All migrations, keyed by their dated name. Add one line per new migration file. */
export const migrations: Record<string, Migration> = {
  '2026_11_22_1200_territory': territory,
  '2026_11_23_0100_layers': layers,
  '2026_11_23_0500_health': health,
  '2026_11_23_0300_road_edges': roadEdges,
  '2026_11_23_0400_distancier': distancier,
  '2026_11_23_0700_layer_features_commune_fk': layerFeaturesCommuneFk,
  '2026_11_30_0900_layer_soft_delete': layerSoftDelete,
  '2026_11_30_1000_insee': insee,
  '2026_11_30_1100_zones': zones,
  '2026_11_30_1200_areas': areas,
  '2026_11_30_2300_computed_indicators': computedIndicators,
  '2026_12_01_0400_sectors': sectors,
};
