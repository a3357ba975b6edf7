import { z } from 'zod';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (unset it to use the embedded database)')
    .optional(),
  MAILLAGE_DATA_DIR: z.string().default('./.maillage/db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(5173),
  HOST: z.string().default('127.0.0.1'),
  MAILLAGE_BASEMAP_STYLE_URL: z.string().url().optional(),
  /** Tile rendering: ST_AsMVT in PostGIS, or geojson-vt in memory; default postgis on PostgreSQL, js on PGlite. */
  /** Road graph file (binary CSR + contraction hierarchy); default: built once from data/roads/ (national OSM network). 'none' disables drive times. */
  MAILLAGE_ROAD_GRAPH: z.string().optional(),
  /** Maximum snap distance (m) of the points a routing request sends, when the request gives no maxSnapM (default: the network's own, else 500 m). */
  MAILLAGE_MAX_SNAP_M: z.coerce.number().positive().max(50_000).optional(),
  MAILLAGE_TILE_STRATEGY: z.enum(['postgis', 'js']).optional(),
  NODE_ENV: z.string().default('production'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses process.env; fails fast with a readable message naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const clean = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
