import { sql } from 'kysely';
import { gzipSync } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import { territory } from '../messages/territory.js';

/**
 * Vector tiles of polygon layers, served two ways behind one interface:
 *  - `postgis`: ST_AsMVT in the database (real PostgreSQL + PostGIS);
 *  - `js`: geojson-vt + vt-pbf over the layer's geometries, indexed once in memory (PGlite has no protobuf,
 *    hence no ST_AsMVT). Both emit the same layer names and properties; tiles are cached in an LRU.
 */
export interface TileLayerDefinition {
  name: string;
  table: string;
  /** Columns copied into feature properties (snake_case in SQL → same name in the tile). */
  properties: string[];
  maxZoom: number;
}

export const TILE_LAYERS: TileLayerDefinition[] = [
  { name: 'regions', table: 'regions', properties: ['code', 'name'], maxZoom: 14 },
  { name: 'departements', table: 'departements', properties: ['code', 'name'], maxZoom: 14 },
  { name: 'communes', table: 'communes', properties: ['code', 'name'], maxZoom: 14 },
];

export type TileStrategy = 'postgis' | 'js';
const EXTENT = 4096;
const BUFFER = 64;
const MAX_ZOOM = 16;

export interface TileService {
  strategy: TileStrategy;
  layers: string[];
  getTile(layer: string, z: number, x: number, y: number): Promise<Tile>;
  /** Builds in-memory indexes ahead of the first request (no-op for postgis). */
  warmUp(): Promise<void>;
}

/** Raw MVT bytes, plus their gzip (computed once, on first need). */
export interface Tile {
  raw: Uint8Array;
  gzipped(): Uint8Array;
}

function makeTile(raw: Uint8Array): Tile {
  let gz: Uint8Array | undefined;
  return { raw, gzipped: () => (gz ??= gzipSync(raw, { level: 6 })) };
}

export function validateTile(layer: string, z: number, x: number, y: number, layers: TileLayerDefinition[]): TileLayerDefinition {
  const def = layers.find((l) => l.name === layer);
  if (!def) throw new ApiError(404, 'UNKNOWN_LAYER', territory.unknownTileLayer(layer, layers.map((l) => l.name)));
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) throw new ApiError(400, 'INVALID_TILE', territory.tileZoom(MAX_ZOOM, z));
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) {
    throw new ApiError(400, 'INVALID_TILE', territory.tileXY(n - 1, z, x, y));
  }
  return def;
}

export function createTileService(database: Database, strategy: TileStrategy, layers: TileLayerDefinition[] = TILE_LAYERS, cacheSize = 4000): TileService {
  const cache = new Map<string, Tile>();
  const render = strategy === 'postgis' ? postgisRenderer(database) : jsRenderer(database);
  return {
    strategy,
    layers: layers.map((l) => l.name),
    async getTile(layer, z, x, y) {
      const def = validateTile(layer, z, x, y, layers);
      const key = `${layer}/${z}/${x}/${y}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit); // LRU: move to the most recent end
        return hit;
      }
      const tile = makeTile(await render.tile(def, z, x, y));
      cache.set(key, tile);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      return tile;
    },
    warmUp: () => render.warmUp(layers),
  };
}

interface Renderer {
  tile(def: TileLayerDefinition, z: number, x: number, y: number): Promise<Uint8Array>;
  warmUp(layers: TileLayerDefinition[]): Promise<void>;
}

function postgisRenderer(database: Database): Renderer {
  return {
    async tile(def, z, x, y) {
      // Sub-pixel simplification before clipping keeps low zooms cheap without visible change.
      const tolerance = (40075016.68 / 2 ** z / EXTENT) * 1.5;
      const props = sql.raw(def.properties.map((p) => `"${p}"`).join(', '));
      const res = await sql<{ mvt: Uint8Array }>`
        WITH b AS (SELECT ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) AS env)
        SELECT ST_AsMVT(t, ${def.name}, ${EXTENT}, 'geom') AS mvt FROM (
          SELECT ${props}, ST_AsMVTGeom(ST_Simplify(ST_Transform(g.geom, 3857), ${tolerance}::float8, true), b.env, ${EXTENT}, ${BUFFER}, true) AS geom
          FROM ${sql.table(def.table)} g, b
          WHERE g.geom && ST_Transform(b.env, 4326)
        ) t WHERE t.geom IS NOT NULL`.execute(database.db);
      return new Uint8Array(res.rows[0]?.mvt ?? new Uint8Array());
    },
    async warmUp() {},
  };
}

type VtIndex = InstanceType<typeof GeoJSONVT>;

function jsRenderer(database: Database): Renderer {
  const indexes = new Map<string, Promise<VtIndex>>();
  const indexOf = (def: TileLayerDefinition) => {
    let p = indexes.get(def.name);
    if (!p) {
      p = buildIndex(database, def);
      indexes.set(def.name, p);
      p.catch(() => indexes.delete(def.name));
    }
    return p;
  };
  return {
    async tile(def, z, x, y) {
      const index = await indexOf(def);
      const tile = index.getTile(z, x, y);
      if (!tile || tile.features.length === 0) return new Uint8Array();
      return vtpbf.fromGeojsonVt({ [def.name]: tile }, { version: 2, extent: EXTENT });
    },
    async warmUp(layers) {
      for (const def of layers) await indexOf(def);
    },
  };
}

async function buildIndex(database: Database, def: TileLayerDefinition): Promise<VtIndex> {
  const props = sql.raw(def.properties.map((p) => `"${p}"`).join(', '));
  const res = await sql<Record<string, unknown> & { geometry: GeoJSON.Geometry }>`
    SELECT ${props}, ST_AsGeoJSON(geom, 6)::json AS geometry FROM ${sql.table(def.table)} WHERE geom IS NOT NULL`.execute(database.db);
  const fc: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: res.rows.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
  };
  return new GeoJSONVT(fc as never, { maxZoom: def.maxZoom, indexMaxZoom: 5, indexMaxPoints: 100000, tolerance: 5, extent: EXTENT, buffer: BUFFER });
}
