import type { Database } from './db/database.js';
import type { TileService } from './services/tiles.js';
import type { RoutingService } from './services/routing.js';

export interface AppConfig {
  basemapStyleUrl?: string;
  /** Extra attribution lines features add (e.g. OSM ODbL when roads are loaded). */
  extraAttribution: string[];
  /** Built SPA to serve on non-API paths (production); absent in API-only tests. */
  webDistDir?: string;
}

/** What routes need; built once in main.ts (or in tests) and passed to createApp. */
export interface AppDeps {
  database: Database;
  tiles: TileService;
  /** The active road network (inactive with a reason when no graph file is present). */
  routing: RoutingService;
  config: AppConfig;
}
