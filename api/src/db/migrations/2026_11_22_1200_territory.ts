import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration after it lands; add a new dated one instead.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  await sql`
    CREATE TABLE regions (
      code text PRIMARY KEY,
      name text NOT NULL,
      population_count bigint NOT NULL DEFAULT 0,
      area_km2 double precision,
      geom geometry(MultiPolygon, 4326)
    )`.execute(db);
  await sql`
    CREATE TABLE departements (
      code text PRIMARY KEY,
      name text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      population_count bigint NOT NULL DEFAULT 0,
      area_km2 double precision,
      geom geometry(MultiPolygon, 4326)
    )`.execute(db);
  await sql`
    CREATE TABLE epcis (
      code text PRIMARY KEY,
      name text NOT NULL,
      kind text
    )`.execute(db);
  await sql`
    CREATE TABLE communes (
      code text PRIMARY KEY CHECK (code ~ '^[0-9][0-9AB][0-9]{3}$'),
      name text NOT NULL,
      search_name text NOT NULL,
      departement_code text NOT NULL REFERENCES departements(code),
      region_code text NOT NULL REFERENCES regions(code),
      epci_code text REFERENCES epcis(code),
      zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
      postcodes text[] NOT NULL DEFAULT '{}',
      population_count integer NOT NULL DEFAULT 0,
      area_km2 double precision,
      geometry_status text NOT NULL,
      geometry_note text,
      geom geometry(MultiPolygon, 4326),
      point geometry(Point, 4326)
    )`.execute(db);
  await sql`CREATE INDEX communes_geom_gix ON communes USING gist (geom)`.execute(db);
  await sql`CREATE INDEX communes_point_gix ON communes USING gist (point)`.execute(db);
  await sql`CREATE INDEX communes_search_name_idx ON communes (search_name text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX communes_departement_idx ON communes (departement_code)`.execute(db);
  await sql`CREATE INDEX departements_geom_gix ON departements USING gist (geom)`.execute(db);
  await sql`CREATE INDEX regions_geom_gix ON regions USING gist (geom)`.execute(db);
  await sql`
    CREATE TABLE commune_history (
      old_code text NOT NULL,
      old_name text NOT NULL,
      new_code text NOT NULL REFERENCES communes(code),
      kind text NOT NULL,
      PRIMARY KEY (old_code, new_code)
    )`.execute(db);
  await sql`
    CREATE TABLE indicators (
      id text PRIMARY KEY,
      label text NOT NULL,
      unit text NOT NULL,
      source text NOT NULL,
      description text NOT NULL,
      year integer,
      scope text NOT NULL DEFAULT 'commune'
    )`.execute(db);
  await sql`
    CREATE TABLE commune_indicator_values (
      indicator_id text NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
      commune_code text NOT NULL REFERENCES communes(code),
      value double precision,
      PRIMARY KEY (indicator_id, commune_code)
    )`.execute(db);
  await sql`
    CREATE TABLE dataset_loads (
      name text PRIMARY KEY,
      version text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      details jsonb
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dataset_loads', 'commune_indicator_values', 'indicators', 'commune_history', 'communes', 'epcis', 'departements', 'regions']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
