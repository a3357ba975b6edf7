import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration after it lands; add a new dated one instead.
// Health actors (FINESS sites, ScanSanté establishments), activity, EJ→ET links and user overrides,
// PMSI code géo zones and their commune correspondence, patient-origin flows (modelled or imported).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE pmsi_zones (
      code text PRIMARY KEY,
      name text NOT NULL,
      population_count integer,
      geom geometry(MultiPolygon, 4326),
      point geometry(Point, 4326)
    )`.execute(db);
  await sql`CREATE INDEX pmsi_zones_geom_idx ON pmsi_zones USING gist (geom)`.execute(db);
  await sql`
    CREATE TABLE commune_pmsi_zones (
      commune_code text PRIMARY KEY,
      zone_code text NOT NULL,
      year integer NOT NULL,
      population_count integer
    )`.execute(db);
  await sql`CREATE INDEX commune_pmsi_zones_zone_idx ON commune_pmsi_zones (zone_code)`.execute(db);
  await sql`
    CREATE TABLE health_sites (
      finess text PRIMARY KEY,
      departement_code text NOT NULL,
      name text NOT NULL,
      category text NOT NULL,
      status text NOT NULL,
      address text,
      postcode text,
      city text,
      commune_code text,
      zone_code text,
      geom geometry(Point, 4326)
    )`.execute(db);
  await sql`CREATE INDEX health_sites_geom_idx ON health_sites USING gist (geom)`.execute(db);
  await sql`
    CREATE TABLE health_establishments (
      finess text PRIMARY KEY,
      sector text NOT NULL CHECK (sector IN ('public', 'private')),
      finess_kind text NOT NULL CHECK (finess_kind IN ('EJ', 'ET')),
      category text,
      name text,
      first_year integer NOT NULL,
      last_year integer NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE health_activity (
      finess text NOT NULL,
      year integer NOT NULL,
      stays_min integer, stays_max integer,
      full_min integer, full_max integer,
      partial_min integer, partial_max integer,
      sessions_min integer, sessions_max integer,
      male_ratio double precision,
      mean_age_years double precision,
      mean_length_of_stay_days double precision,
      death_ratio double precision,
      PRIMARY KEY (finess, year)
    )`.execute(db);
  await sql`
    CREATE TABLE health_links (
      ej text NOT NULL,
      et text NOT NULL,
      score double precision NOT NULL,
      confidence text NOT NULL,
      reasons text NOT NULL,
      PRIMARY KEY (ej, et)
    )`.execute(db);
  await sql`CREATE INDEX health_links_et_idx ON health_links (et)`.execute(db);
  // User corrections: never touched by the seed, so re-running the linkage keeps them.
  await sql`
    CREATE TABLE health_link_overrides (
      ej text NOT NULL,
      et text NOT NULL,
      linked boolean NOT NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ej, et)
    )`.execute(db);
  await sql`
    CREATE TABLE health_flow_datasets (
      id text PRIMARY KEY,
      label text NOT NULL,
      synthetic boolean NOT NULL,
      year integer NOT NULL,
      source text NOT NULL,
      params jsonb,
      row_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE health_flows (
      dataset_id text NOT NULL REFERENCES health_flow_datasets(id) ON DELETE CASCADE,
      finess text NOT NULL,
      zone_code text NOT NULL,
      stays integer NOT NULL,
      PRIMARY KEY (dataset_id, finess, zone_code)
    )`.execute(db);
  await sql`CREATE INDEX health_flows_zone_idx ON health_flows (dataset_id, zone_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['health_flows', 'health_flow_datasets', 'health_link_overrides', 'health_links', 'health_activity', 'health_establishments', 'health_sites', 'commune_pmsi_zones', 'pmsi_zones']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
